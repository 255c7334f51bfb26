package org.cdigateway.internal.endpoint;

import java.nio.ByteBuffer;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;

import org.cdigateway.internal.client.SessionClient;

/**
 * The programmatic Jakarta WebSocket endpoint behind a gateway: one instance per gateway, shared by its connections,
 * translating container callbacks into {@link DeployedGateway} calls.
 */
public final class GatewayEndpoint extends Endpoint {

    private final DeployedGateway gateway;

    GatewayEndpoint(DeployedGateway gateway) {
        this.gateway = gateway;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        Object handshake = session.getUserProperties().get(HandshakeData.KEY);
        SessionClient client = gateway.opened(session,
                handshake instanceof HandshakeData h ? h : HandshakeData.EMPTY);
        if (client == null) {
            return; // refused or failed in handleConnection: no message is dispatched
        }
        session.addMessageHandler(String.class, new MessageHandler.Whole<String>() {

            @Override
            public void onMessage(String text) {
                gateway.onText(client, text);
            }
        });
        session.addMessageHandler(ByteBuffer.class, new MessageHandler.Whole<ByteBuffer>() {

            @Override
            public void onMessage(ByteBuffer data) {
                gateway.onBinary(client, data);
            }
        });
    }

    @Override
    public void onClose(Session session, CloseReason closeReason) {
        Object client = session.getUserProperties().get(DeployedGateway.CLIENT_KEY);
        if (client instanceof SessionClient c) {
            gateway.closed(c, closeReason);
        }
    }

    @Override
    public void onError(Session session, Throwable error) {
        Object client = session.getUserProperties().get(DeployedGateway.CLIENT_KEY);
        gateway.failed(client instanceof SessionClient c ? c : null, error);
    }
}
