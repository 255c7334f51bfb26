package org.cdigateway.internal.endpoint;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

import jakarta.websocket.server.ServerEndpointConfig;

import org.cdigateway.Adapter;
import org.cdigateway.internal.deployment.DeploymentProblems;

/**
 * A protocol other than the native frames, served by a module of its own (Socket.IO: {@code gateway-socketio}). The
 * registry finds the adapters on the class path with {@link ServiceLoader} and hands each the gateways that speak its
 * protocol; the adapter gives the endpoints that serve them, and reaches each gateway through
 * {@link DeployedGateway}'s connection methods.
 */
public interface ProtocolAdapter {

    /** The protocol it speaks. */
    Adapter adapter();

    /**
     * Checks, while the container discovers beans, what the adapter reads from gateway classes besides
     * {@code @WebSocketGateway} (annotations and configuration of its own), adding each mistake to {@code problems};
     * nothing by default.
     *
     * @param gateways every gateway class of the application, whichever protocols it speaks
     */
    default void check(List<Class<?>> gateways, DeploymentProblems problems) {
        // nothing of its own to check
    }

    /** The endpoints that serve {@code gateways}, each of which speaks {@link #adapter()}; called once. */
    List<ServerEndpointConfig> endpoints(List<DeployedGateway> gateways);

    /** The plain HTTP routes it serves besides its endpoints (asked after {@link #endpoints}); none by default. */
    default List<HttpRoute> httpRoutes() {
        return List.of();
    }

    /** The largest message its endpoints take (asked after {@link #endpoints}), 0 when it serves none. */
    default long largestMessage() {
        return 0;
    }

    /** Releases what the endpoints hold, once every gateway closed its clients. */
    void shutdown();

    /** The adapters on the class path of {@code loader} (and of this library), one per protocol. */
    static List<ProtocolAdapter> load(ClassLoader loader) {
        List<ProtocolAdapter> found = new ArrayList<>();
        for (ClassLoader l : new ClassLoader[]{loader, ProtocolAdapter.class.getClassLoader()}) {
            if (l == null) {
                continue;
            }
            for (ProtocolAdapter a : ServiceLoader.load(ProtocolAdapter.class, l)) {
                if (found.stream().noneMatch(f -> f.adapter() == a.adapter())) {
                    found.add(a);
                }
            }
        }
        return found;
    }
}
