package org.cdigateway.socketio.internal.server;

import java.util.List;

import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;

import org.cdigateway.Adapter;
import org.cdigateway.internal.endpoint.DeployedGateway;
import org.cdigateway.internal.endpoint.HandshakeData;
import org.cdigateway.internal.endpoint.HttpRoute;
import org.cdigateway.internal.endpoint.ProtocolAdapter;

/** Serves the gateways that speak Socket.IO, each as its namespace, at one Engine.IO endpoint. */
public final class SocketIoAdapter implements ProtocolAdapter {

    private volatile Engine engine;

    @Override
    public Adapter adapter() {
        return Adapter.SOCKET_IO;
    }

    @Override
    public List<ServerEndpointConfig> endpoints(List<DeployedGateway> gateways) {
        SocketIoSettings settings = SocketIoSettings.read(gateways.get(0).gatewayClass());
        Engine e = new Engine(settings, settings.path(), new Namespaces(gateways, settings));
        engine = e;
        return List.of(endpointConfig(e));
    }

    /** The WebSocket endpoint of an engine, at its path. */
    static ServerEndpointConfig endpointConfig(Engine e) {
        EngineEndpoint endpoint = new EngineEndpoint(e);
        return ServerEndpointConfig.Builder.create(EngineEndpoint.class, e.path())
                .configurator(new ServerEndpointConfig.Configurator() {

                    @Override
                    public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request,
                            HandshakeResponse response) {
                        sec.getUserProperties().put(HandshakeData.KEY, HandshakeData.of(request));
                    }

                    @Override
                    public <T> T getEndpointInstance(Class<T> type) {
                        return type.cast(endpoint);
                    }
                })
                .build();
    }

    @Override
    public long largestMessage() {
        Engine e = engine;
        return e == null ? 0 : e.settings.maxPayload();
    }

    @Override
    public List<HttpRoute> httpRoutes() {
        Engine e = engine;
        return e == null ? List.of() : List.of(new PollingRoute(e));
    }

    @Override
    public void shutdown() {
        Engine e = engine;
        if (e != null) {
            e.shutdown();
        }
    }
}
