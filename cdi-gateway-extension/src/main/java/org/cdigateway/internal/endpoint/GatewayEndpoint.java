package org.cdigateway.internal.endpoint;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletionStage;
import java.util.logging.Logger;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;

import org.cdigateway.internal.client.SessionClient;
import org.cdigateway.internal.config.GatewaySettings;

/**
 * The programmatic Jakarta WebSocket endpoint behind a gateway: one instance per gateway, shared by its connections,
 * translating container callbacks into {@link DeployedGateway} calls.
 */
public final class GatewayEndpoint extends Endpoint {

    private static final Logger LOG = Logger.getLogger(GatewayEndpoint.class.getName());

    private final Connections connections;
    private final Dispatcher dispatcher;
    private final GatewaySettings settings;

    GatewayEndpoint(Connections connections, Dispatcher dispatcher, GatewaySettings settings) {
        this.connections = connections;
        this.dispatcher = dispatcher;
        this.settings = settings;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        Object handshake = session.getUserProperties().get(HandshakeData.KEY);
        SessionClient client = connections.open(session,
                handshake instanceof HandshakeData h ? h : HandshakeData.EMPTY);
        if (client == null) {
            return; // refused: no message is dispatched
        }
        session.addMessageHandler(PongMessage.class, pong -> client.ponged());
        CompletionStage<Void> admission = connections.admit(client);
        if (admission == null && !client.accepted()) {
            return; // refused, or failed in handleConnection
        }
        Inbound inbound = new Inbound(dispatcher, settings, client, admission != null, dispatcher.mayWait());
        session.addMessageHandler(String.class, inbound.text);
        session.addMessageHandler(ByteBuffer.class, inbound.binary);
        if (admission != null) {
            admission.whenComplete((v, t) -> inbound.resume());
        }
    }

    @Override
    public void onClose(Session session, CloseReason closeReason) {
        Object client = session.getUserProperties().get(Connections.CLIENT_KEY);
        if (client instanceof SessionClient c) {
            connections.closed(c, closeReason);
        }
    }

    @Override
    public void onError(Session session, Throwable error) {
        Object client = session.getUserProperties().get(Connections.CLIENT_KEY);
        connections.failed(client instanceof SessionClient c ? c : null, error);
    }
}
