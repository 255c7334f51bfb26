package org.cdigateway.internal.endpoint;

import java.nio.ByteBuffer;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;

import org.cdigateway.internal.client.RateLimiter;
import org.cdigateway.internal.client.SessionClient;

/**
 * The programmatic Jakarta WebSocket endpoint behind a gateway: one instance per gateway, shared by its connections,
 * translating container callbacks into {@link DeployedGateway} calls.
 */
public final class GatewayEndpoint extends Endpoint {

    private static final Logger LOG = Logger.getLogger(GatewayEndpoint.class.getName());

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
        Inbound inbound = new Inbound(gateway, client);
        session.addMessageHandler(String.class, inbound.text);
        session.addMessageHandler(ByteBuffer.class, inbound.binary);
    }

    /**
     * Assembles the messages of one connection from the parts the container delivers, enforcing the size and rate
     * limits the same way on every container: a message over the limit closes with 1009 as soon as it is known to be
     * too big, without being buffered whole; a client over its rate closes with 4429. A message that arrives in one
     * part (the usual case) is handed on without copying.
     */
    private static final class Inbound {

        private final DeployedGateway gateway;
        private final SessionClient client;
        private final int max;
        private final RateLimiter limiter;
        private StringBuilder textParts;
        private ByteBuffer binaryParts;
        private boolean refused;

        final MessageHandler.Partial<String> text = new MessageHandler.Partial<String>() {

            @Override
            public void onMessage(String part, boolean last) {
                onText(part, last);
            }
        };

        final MessageHandler.Partial<ByteBuffer> binary = new MessageHandler.Partial<ByteBuffer>() {

            @Override
            public void onMessage(ByteBuffer part, boolean last) {
                onBinary(part, last);
            }
        };

        Inbound(DeployedGateway gateway, SessionClient client) {
            this.gateway = gateway;
            this.client = client;
            this.max = gateway.maxMessageSize();
            int rate = gateway.maxMessagesPerSecond();
            this.limiter = rate > 0 ? new RateLimiter(rate) : null;
        }

        private synchronized void onText(String part, boolean last) {
            if (refused) {
                return;
            }
            StringBuilder parts = textParts;
            int size = part.length() + (parts == null ? 0 : parts.length());
            if (size > max) {
                tooBig(size);
                return;
            }
            if (!last) {
                if (parts == null) {
                    textParts = parts = new StringBuilder(Math.min(max, Math.max(256, 2 * part.length())));
                }
                parts.append(part);
                return;
            }
            String message = part;
            if (parts != null) {
                message = parts.append(part).toString();
                textParts = null;
            }
            if (withinRate()) {
                gateway.onText(client, message);
            }
        }

        private synchronized void onBinary(ByteBuffer part, boolean last) {
            if (refused) {
                return;
            }
            ByteBuffer parts = binaryParts;
            int size = part.remaining() + (parts == null ? 0 : parts.position());
            if (size > max) {
                tooBig(size);
                return;
            }
            if (!last) {
                if (parts == null || parts.remaining() < part.remaining()) {
                    ByteBuffer grown = ByteBuffer.allocate(Math.min(max, 2 * size)); // size <= max here
                    if (parts != null) {
                        grown.put(parts.flip());
                    }
                    binaryParts = parts = grown;
                }
                parts.put(part);
                return;
            }
            ByteBuffer message = part;
            if (parts != null) {
                if (parts.remaining() < part.remaining()) {
                    ByteBuffer grown = ByteBuffer.allocate(size);
                    grown.put(parts.flip());
                    parts = grown;
                }
                message = parts.put(part).flip();
                binaryParts = null;
            }
            if (withinRate()) {
                gateway.onBinary(client, message);
            }
        }

        private boolean withinRate() {
            if (limiter == null || limiter.tryAcquire()) {
                return true;
            }
            refused = true;
            LOG.log(Level.FINE, () -> client + " sends more than " + gateway.maxMessagesPerSecond()
                    + " messages a second; closing it with " + DeployedGateway.RATE_LIMITED);
            client.close(DeployedGateway.RATE_LIMITED, "Rate limit exceeded");
            return false;
        }

        private void tooBig(int size) {
            refused = true;
            textParts = null;
            binaryParts = null;
            LOG.log(Level.FINE, () -> client + " sent a message of at least " + size + " (the limit is " + max
                    + "); closing it with 1009");
            client.close(CloseReason.CloseCodes.TOO_BIG.getCode(), "Message too big (limit " + max + ")");
        }
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
