package org.cdigateway.socketio.internal.server;

import java.util.Arrays;
import java.util.List;

import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;

import org.cdigateway.Adapter;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.internal.deployment.DeploymentProblems;
import org.cdigateway.internal.endpoint.DeployedGateway;
import org.cdigateway.internal.endpoint.GatewayConfigurator;
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
    public void check(List<Class<?>> gateways, DeploymentProblems problems) {
        SocketIoSettings.check(gateways, SocketIoAdapter::speaksSocketIo, problems);
    }

    static boolean speaksSocketIo(Class<?> gateway) {
        WebSocketGateway g = gateway.getAnnotation(WebSocketGateway.class);
        return g != null && Arrays.asList(g.adapter()).contains(Adapter.SOCKET_IO);
    }

    /** The settings of the endpoint of these gateways. */
    static SocketIoSettings settings(List<DeployedGateway> gateways) {
        return SocketIoSettings.read(gateways.stream().<Class<?>>map(DeployedGateway::gatewayClass).toList());
    }

    @Override
    public List<ServerEndpointConfig> endpoints(List<DeployedGateway> gateways) {
        SocketIoSettings settings = settings(gateways);
        Engine e = new Engine(settings, settings.path(), new Namespaces(gateways, settings));
        engine = e;
        return List.of(endpointConfig(e));
    }

    /** The WebSocket endpoint of an engine, at its path, refusing the origins its settings do not allow. */
    static ServerEndpointConfig endpointConfig(Engine e) {
        EngineEndpoint endpoint = new EngineEndpoint(e);
        return ServerEndpointConfig.Builder.create(EngineEndpoint.class, e.path())
                .configurator(new ServerEndpointConfig.Configurator() {

                    /** A browser page of an origin not allowed is refused with 403 before the upgrade. */
                    @Override
                    public boolean checkOrigin(String originHeaderValue) {
                        return e.settings.allowsOrigin(originHeaderValue);
                    }

                    @Override
                    public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request,
                            HandshakeResponse response) {
                        sec.getUserProperties().put(HandshakeData.KEY,
                                GatewayConfigurator.capture(request, e.roleNames()));
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
