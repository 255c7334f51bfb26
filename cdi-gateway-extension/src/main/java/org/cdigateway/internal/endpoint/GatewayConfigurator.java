package org.cdigateway.internal.endpoint;

import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;

/**
 * Hands every connection of a gateway to its one {@link GatewayEndpoint}, and captures the handshake into the
 * connection's user properties (a per-connection copy since Jakarta WebSocket 2.1).
 */
final class GatewayConfigurator extends ServerEndpointConfig.Configurator {

    private final GatewayEndpoint endpoint;

    GatewayConfigurator(GatewayEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
        sec.getUserProperties().put(HandshakeData.KEY, HandshakeData.of(request));
    }

    @Override
    public <T> T getEndpointInstance(Class<T> endpointClass) throws InstantiationException {
        return endpointClass.cast(endpoint);
    }
}
