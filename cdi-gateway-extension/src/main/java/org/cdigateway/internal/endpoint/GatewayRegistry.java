package org.cdigateway.internal.endpoint;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;

import org.cdigateway.Adapter;
import org.cdigateway.internal.deployment.Describe;
import org.cdigateway.internal.deployment.GatewayMessages;
import org.cdigateway.internal.dispatch.GatewayModel;
import org.cdigateway.internal.dispatch.PathTemplate;
import org.cdigateway.internal.filter.FilterResolver;
import org.cdigateway.internal.guard.GuardResolver;
import org.cdigateway.internal.json.JsonCodec;
import org.cdigateway.internal.protocol.NativeProtocol;
import org.cdigateway.internal.protocol.WireProtocol;
import org.cdigateway.internal.rooms.LocalBroadcaster;
import org.cdigateway.internal.telemetry.GatewayTelemetry;
import org.cdigateway.spi.Broadcast;
import org.cdigateway.spi.Broadcaster;
import org.cdigateway.spi.ClusterAnswer;
import org.cdigateway.spi.ClusterRequest;
import org.cdigateway.spi.LocalDelivery;

/**
 * The deployed gateways of one application, published by the extension once the deployment is valid and read by
 * whoever owns the WebSocket {@link ServerContainer}: the servlet listener in a WAR, the embedded runtime otherwise.
 */
public final class GatewayRegistry {

    private static final Logger LOG = Logger.getLogger(GatewayRegistry.class.getName());

    /** The close reason for connections of an application that stops. */
    public static final CloseReason GOING_AWAY = new CloseReason(CloseReason.CloseCodes.GOING_AWAY,
            "Server shutting down");

    private volatile List<DeployedGateway> gateways = List.of();
    private volatile Map<String, DeployedGateway> byPath = Map.of();
    private volatile Broadcaster broadcaster;
    private volatile List<ProtocolAdapter> adapters = List.of();
    private List<ServerEndpointConfig> endpointConfigs;
    private List<ServerEndpointConfig> adapterEndpoints;
    private volatile boolean stopped;
    private volatile HttpRoute asyncApi;
    private volatile boolean initialized;
    private final GatewayExecutor executor = new GatewayExecutor();
    private GatewayTelemetry telemetry = GatewayTelemetry.NONE;

    /** Where the gateways published next record their metrics; none unless set. */
    public void useTelemetry(GatewayTelemetry telemetry) {
        this.telemetry = telemetry;
    }

    /**
     * Builds the runtime form of each gateway and starts the broadcaster: the application's own {@link Broadcaster}
     * bean if it has one (among those seen at discovery, else those the BeanManager finds: on some servers it does not
     * see the beans of the application's other jars), else the local one. Called once, after deployment validation.
     */
    public void publish(List<GatewayModel> models, BeanManager beans, Set<Bean<?>> broadcasters,
            RequestContextRunner contexts,
            JsonCodec json, GuardResolver guards, FilterResolver filters) {
        WireProtocol protocol = new NativeProtocol(json);
        List<DeployedGateway> deployed = models.stream()
                .map(m -> new DeployedGateway(m, beans, contexts, json, protocol, guards, filters, executor,
                        telemetry))
                .toList();
        Map<String, DeployedGateway> paths = new HashMap<>();
        deployed.forEach(g -> paths.put(g.name(), g));
        adapters = ProtocolAdapter.load(Thread.currentThread().getContextClassLoader());
        gateways = deployed;
        byPath = Map.copyOf(paths);
        Broadcaster chosen = applicationBroadcaster(beans, broadcasters);
        chosen.start(new LocalDelivery() {

            @Override
            public int deliver(Broadcast broadcast) {
                return GatewayRegistry.this.deliver(broadcast);
            }

            @Override
            public ClusterAnswer perform(ClusterRequest request) {
                DeployedGateway g = byPath.get(request.gateway());
                return g == null ? ClusterAnswer.NONE : g.perform(request);
            }

            @Override
            public Set<String> gateways() {
                return byPath.keySet();
            }
        });
        deployed.forEach(g -> g.useBroadcaster(chosen));
        broadcaster = chosen;
        telemetry.observe(chosen);
        if (!(chosen instanceof LocalBroadcaster)) {
            LOG.info(() -> "CDI Gateway: emits go through " + chosen);
        }
    }

    private static Broadcaster applicationBroadcaster(BeanManager beans, Set<Bean<?>> discovered) {
        Set<Bean<?>> candidates = discovered.isEmpty() ? beans.getBeans(Broadcaster.class) : Set.copyOf(discovered);
        if (candidates.isEmpty()) {
            return new LocalBroadcaster();
        }
        Bean<?> bean = beans.resolve(candidates); // several: CDI reports the ambiguity
        return (Broadcaster) beans.getReference(bean, Broadcaster.class, beans.createCreationalContext(bean));
    }

    /** Delivers a broadcast to the gateway it names, on this node. */
    private int deliver(Broadcast broadcast) {
        DeployedGateway g = byPath.get(broadcast.gateway());
        return g == null ? 0 : g.deliver(broadcast);
    }

    /** Whether the gateways are registered with the container and not stopped: the application serves them. */
    public boolean serving() {
        return initialized && !stopped;
    }

    /** The broadcaster in use, once published; null before. */
    public Broadcaster broadcaster() {
        return broadcaster;
    }

    /** Every deployed gateway. */
    public List<DeployedGateway> gateways() {
        return gateways;
    }

    /**
     * The endpoint configs to add to the container: one per gateway of the native protocol, and those of the adapters
     * of other protocols for the gateways that speak them. Built once.
     */
    public synchronized List<ServerEndpointConfig> endpointConfigs() {
        if (endpointConfigs == null) {
            List<ServerEndpointConfig> configs = new ArrayList<>();
            for (DeployedGateway g : gateways) {
                if (g.speaks(Adapter.NATIVE)) {
                    configs.add(g.endpointConfig());
                }
            }
            List<ServerEndpointConfig> ofAdapters = new ArrayList<>();
            for (ProtocolAdapter a : adapters) {
                List<DeployedGateway> speaking = gateways.stream().filter(g -> g.speaks(a.adapter())).toList();
                if (!speaking.isEmpty()) {
                    ofAdapters.addAll(a.endpoints(speaking));
                }
            }
            configs.addAll(ofAdapters);
            adapterEndpoints = List.copyOf(ofAdapters);
            endpointConfigs = List.copyOf(configs);
        }
        return endpointConfigs;
    }

    /**
     * The largest message any endpoint of the application takes, in bytes or characters: the gateways'
     * {@code maxMessageSize}, and what the adapters' endpoints take (after {@link #endpointConfigs()}).
     */
    public long largestMessage() {
        endpointConfigs();
        long max = 0;
        for (DeployedGateway g : gateways) {
            max = Math.max(max, g.settings().maxMessageSize());
        }
        for (ProtocolAdapter a : adapters) {
            max = Math.max(max, a.largestMessage());
        }
        return max;
    }

    /**
     * The plain HTTP routes of the adapters (after {@link #endpointConfigs()}), then the AsyncAPI document's when it is
     * served, for the owner of the HTTP server.
     */
    public List<HttpRoute> httpRoutes() {
        endpointConfigs();
        List<HttpRoute> routes = new ArrayList<>();
        for (ProtocolAdapter a : adapters) {
            routes.addAll(a.httpRoutes());
        }
        HttpRoute document = asyncApi;
        if (document != null) {
            routes.add(document);
        }
        return routes;
    }

    /** Serves the AsyncAPI document of the gateways with this route (see {@link #httpRoutes()}). */
    public void serveAsyncApi(HttpRoute route) {
        asyncApi = route;
    }

    /** The gateway of a class, if deployed. */
    public Optional<DeployedGateway> gateway(Class<?> type) {
        return gateways.stream().filter(g -> g.gatewayClass() == type).findFirst();
    }

    /**
     * Checks that none of the application's own {@code @ServerEndpoint} classes serves the path of a gateway. Not every
     * container reports such a clash from {@code addEndpoint} (Payara logs it later and serves neither), so it is
     * checked here, the same way everywhere.
     *
     * @throws IllegalStateException (GW-0503) naming the gateway and the endpoint
     */
    public void checkPathsAreFree(Collection<Class<?>> serverEndpoints) {
        for (Class<?> endpoint : serverEndpoints) {
            ServerEndpoint annotation = endpoint.getAnnotation(ServerEndpoint.class);
            if (annotation == null) {
                continue;
            }
            String normalized;
            try {
                normalized = PathTemplate.parse(annotation.value()).normalized();
            } catch (IllegalArgumentException e) {
                continue; // not ours to judge: the container reports its own endpoints' invalid paths
            }
            for (DeployedGateway g : gateways) {
                if (g.speaks(Adapter.NATIVE) && PathTemplate.parse(g.path()).normalized().equals(normalized)) {
                    throw GatewayMessages.registrationFailed(g.path(), g.gatewayClass(),
                            new DeploymentException("the application's endpoint " + Describe.type(endpoint)
                                    + " already serves '" + annotation.value() + "'"));
                }
            }
        }
    }

    /**
     * Adds every gateway to the container, logs each path, then runs each {@code afterInit}.
     *
     * @throws IllegalStateException (GW-0503) naming the gateway that could not be registered
     */
    public void registerWith(ServerContainer container) {
        for (DeployedGateway g : gateways) {
            if (!g.speaks(Adapter.NATIVE)) {
                continue;
            }
            try {
                container.addEndpoint(g.endpointConfig());
            } catch (DeploymentException | RuntimeException e) {
                throw GatewayMessages.registrationFailed(g.path(), g.gatewayClass(), e);
            }
            LOG.info(() -> "CDI Gateway: " + Describe.type(g.gatewayClass()) + " serves " + g.path());
        }
        for (DeployedGateway g : gateways) {
            if (g.speaks(Adapter.SOCKET_IO)) {
                LOG.info(() -> "CDI Gateway: " + Describe.type(g.gatewayClass()) + " serves the Socket.IO namespace "
                        + g.namespace());
            }
        }
        endpointConfigs();
        for (ServerEndpointConfig config : adapterEndpoints) {
            try {
                container.addEndpoint(config);
            } catch (DeploymentException | RuntimeException e) {
                throw GatewayMessages.registrationFailed(config.getPath(), config.getEndpointClass(), e);
            }
            LOG.info(() -> "CDI Gateway: Socket.IO served at " + config.getPath());
        }
        initialized();
    }

    /** Runs each gateway's {@code afterInit}; for owners that added the endpoint configs themselves. */
    public void initialized() {
        for (DeployedGateway g : gateways) {
            g.initialized();
        }
        initialized = true;
    }

    /**
     * Stops in this order: no handshake is accepted any more and every connection, those whose guards are still
     * deciding included, is closed with 1001; then it waits (bounded) until each disconnect ran, and disconnects here
     * the ones the container did not report closed in time, so {@code handleDisconnect} runs once for every connection
     * and no message is dispatched after it; then it releases the broadcaster and the gateway threads.
     */
    public void shutdown(Duration wait) {
        synchronized (this) {
            if (stopped) {
                return;
            }
            stopped = true;
        }
        for (DeployedGateway g : gateways) {
            g.closeAll(GOING_AWAY);
        }
        long deadline = System.nanoTime() + wait.toNanos();
        synchronized (this) {
            while (connected() > 0 && System.nanoTime() < deadline) {
                try {
                    wait(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        for (DeployedGateway g : gateways) {
            g.forgetAll(GOING_AWAY);
        }
        for (ProtocolAdapter a : adapters) {
            try {
                a.shutdown();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Stopping the " + a.adapter() + " adapter failed", e);
            }
        }
        Broadcaster b = broadcaster;
        if (b != null) {
            try {
                b.stop();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Stopping the broadcaster failed", e);
            }
        }
        executor.shutdown();
    }

    /** Connected clients across all gateways, those whose guards are still deciding included. */
    public int connected() {
        int n = 0;
        for (DeployedGateway g : gateways) {
            n += g.clientCount() + g.connectingCount();
        }
        return n;
    }
}
