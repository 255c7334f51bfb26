package org.cdigateway.internal.endpoint;

import java.util.List;
import java.util.Set;

import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;

import org.cdigateway.BearerToken;

/**
 * Hands every connection of a gateway to its one {@link GatewayEndpoint}, and captures the handshake into the
 * connection's user properties (a per-connection copy since Jakarta WebSocket 2.1).
 */
public final class GatewayConfigurator extends ServerEndpointConfig.Configurator {

    private final GatewayEndpoint endpoint;
    private final Set<String> roleNames;

    GatewayConfigurator(GatewayEndpoint endpoint, Set<String> roleNames) {
        this.endpoint = endpoint;
        this.roleNames = roleNames;
    }

    @Override
    public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
        sec.getUserProperties().put(HandshakeData.KEY, capture(request, roleNames));
    }

    /**
     * The handshake's headers, query and address, and the identity the container authenticated with its answers about
     * {@code roleNames}: asked now, as {@code isUserInRole} answers only while the handshake is served.
     */
    public static HandshakeData capture(HandshakeRequest request, Set<String> roleNames) {
        return HandshakeData.of(request).withIdentity(request.getUserPrincipal(), roleNames, request::isUserInRole);
    }

    @Override
    public <T> T getEndpointInstance(Class<T> endpointClass) throws InstantiationException {
        return endpointClass.cast(endpoint);
    }

    /**
     * Chooses {@code bearer} when the client offered a token that way ({@code ["bearer", token]}, see
     * {@code BearerToken}), else the first offered subprotocol the endpoint supports, else none.
     */
    @Override
    public String getNegotiatedSubprotocol(List<String> supported, List<String> requested) {
        for (int i = 0; i < requested.size() - 1; i++) {
            if (BearerToken.SUBPROTOCOL.equalsIgnoreCase(requested.get(i).strip())) {
                return requested.get(i).strip();
            }
        }
        for (String r : requested) {
            if (supported.contains(r)) {
                return r;
            }
        }
        return "";
    }
}
