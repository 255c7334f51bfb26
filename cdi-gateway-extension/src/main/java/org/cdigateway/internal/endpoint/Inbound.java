package org.cdigateway.internal.endpoint;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.CompletionStage;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.websocket.CloseReason;
import jakarta.websocket.MessageHandler;

import org.cdigateway.internal.client.RateLimiter;
import org.cdigateway.internal.client.SessionClient;
import org.cdigateway.internal.client.TrafficLog;
import org.cdigateway.internal.config.GatewaySettings;
import org.cdigateway.internal.dispatch.InboundFrame;
import org.cdigateway.internal.json.JsonText;

/**
 * Assembles the messages of one connection from the parts the container delivers, enforcing the size and rate
 * limits the same way on every container: a message over the limit closes with 1009 as soon as it is known to be
 * too big, without being buffered whole; a client over its rate closes with 4429. A message that arrives in one
 * part (the usual case) is handed on without copying.
 *
 * <p>
 * It also keeps the connection's messages in order while an asynchronous guard decides (on the connection, or on
 * a message): the container's thread does not wait; messages that arrive meanwhile wait here, at most
 * {@code maxWaitingMessages} of them (more close the connection with 1013), and run in order once the decision
 * came, on the thread that brought it.
 */
public final class Inbound {

    private static final Logger LOG = Logger.getLogger(GatewayEndpoint.class.getName());

    private final Dispatcher dispatcher;
    private final int maxPerSecond;
    private final SessionClient client;
    private final int max;
    private final RateLimiter limiter;
    private final int maxWaiting;
    private StringBuilder textParts;
    private ByteBuffer binaryParts;
    private boolean refused;
    private boolean busy; // a message is being handled, or a decision awaited: later ones wait
    private ArrayDeque<Object> waiting; // String, InboundFrame or ByteBuffer (copied)

    /** The handler of the connection's text messages, in parts or whole. */
    public final MessageHandler.Partial<String> text = new MessageHandler.Partial<String>() {

        @Override
        public void onMessage(String part, boolean last) {
            onText(part, last);
        }
    };

    /** The handler of the connection's binary messages, in parts or whole. */
    public final MessageHandler.Partial<ByteBuffer> binary = new MessageHandler.Partial<ByteBuffer>() {

        @Override
        public void onMessage(ByteBuffer part, boolean last) {
            onBinary(part, last);
        }
    };

    /** False when no message can wait for a guard: each is handled in its callback, without the bookkeeping. */
    private final boolean ordered;

    Inbound(Dispatcher dispatcher, GatewaySettings settings, SessionClient client, boolean admitting,
            boolean mayWait) {
        this.dispatcher = dispatcher;
        this.maxPerSecond = settings.maxMessagesPerSecond();
        this.client = client;
        this.max = settings.maxMessageSize();
        this.limiter = client.rateLimiter(); // set when the connection was counted, null without a rate limit
        this.maxWaiting = settings.maxWaitingMessages();
        this.busy = admitting;
        this.ordered = mayWait || admitting;
    }

    private void onText(String part, boolean last) {
        String message;
        synchronized (this) {
            message = assembleText(part, last);
            if (message == null || ordered && !admit(message)) {
                return;
            }
        }
        if (ordered) {
            handle(message);
        } else {
            dispatcher.onText(client, message); // no guard can make it wait: done when it returns
        }
    }

    private void onBinary(ByteBuffer part, boolean last) {
        ByteBuffer message;
        synchronized (this) {
            message = assembleBinary(part, last);
            if (message == null || ordered && !admit(message)) {
                return;
            }
        }
        if (ordered) {
            handle(message);
        } else {
            dispatcher.onBinary(client, message);
        }
    }

    /**
     * A message another protocol read already (Socket.IO decodes its packets as they come): dispatched in order with
     * the connection's other messages, within its rate limit. Its size was checked by that protocol.
     */
    public void frame(InboundFrame frame) {
        TrafficLog traffic = client.traffic();
        if (traffic.on()) { // the message as this protocol read it, in the native frame's shape
            traffic.in(client.id(), "{\"event\":" + JsonText.quote(frame.event()) + ",\"data\":" + frame.data()
                    + (frame.id() == jakarta.json.JsonValue.NULL ? "" : ",\"id\":" + frame.id()) + "}");
        }
        synchronized (this) {
            if (refused || !withinRate() || ordered && !admit(frame)) {
                return;
            }
        }
        if (ordered) {
            handle(frame);
        } else {
            dispatcher.onFrame(client, frame);
        }
    }

    /**
     * Whether the message is to be handled now, on this thread; else it waits (or the connection is refused for
     * sending too many while waiting). Called holding the lock.
     */
    private boolean admit(Object message) {
        if (!busy) {
            busy = true;
            return true;
        }
        if (waiting == null) {
            waiting = new ArrayDeque<>(4);
        }
        if (waiting.size() >= maxWaiting) {
            refused = true;
            waiting = null;
            LOG.log(Level.FINE, () -> client + " sent more than " + maxWaiting
                    + " messages while a guard decided; closing it with 1013");
            client.closeChecked(SessionClient.SLOW_CONSUMER, "Too many messages while a guard decides");
            return false;
        }
        waiting.addLast(message instanceof ByteBuffer b ? Dispatcher.copy(b) : message);
        return false;
    }

    /** Handles messages in order until none waits or one waits for a guard. */
    private void handle(Object first) {
        Object message = first;
        while (message != null) {
            CompletionStage<Void> pending;
            try {
                pending = message instanceof String text
                        ? dispatcher.onText(client, text)
                        : message instanceof InboundFrame frame
                                ? dispatcher.onFrame(client, frame)
                                : dispatcher.onBinary(client, (ByteBuffer) message);
            } catch (Throwable t) {
                LOG.log(Level.SEVERE, "Handling a message of " + client + " failed", t);
                pending = null;
            }
            if (pending != null) {
                pending.whenComplete((v, t) -> resume());
                return;
            }
            synchronized (this) {
                message = waiting == null ? null : waiting.pollFirst();
                if (message == null) {
                    busy = false;
                }
            }
        }
    }

    /** A decision came: handles what waited for it. */
    public void resume() {
        Object next;
        synchronized (this) {
            next = waiting == null || refused ? null : waiting.pollFirst();
            if (next == null) {
                busy = false;
                return;
            }
        }
        handle(next);
    }

    /** The whole message once its last part came; null before. Called holding the lock. */
    private String assembleText(String part, boolean last) {
        if (refused) {
            return null;
        }
        StringBuilder parts = textParts;
        int size = part.length() + (parts == null ? 0 : parts.length());
        if (size > max) {
            tooBig(size);
            return null;
        }
        if (!last) {
            if (parts == null) {
                textParts = parts = new StringBuilder(Math.min(max, Math.max(256, 2 * part.length())));
            }
            parts.append(part);
            return null;
        }
        String message = part;
        if (parts != null) {
            message = parts.append(part).toString();
            textParts = null;
        }
        return withinRate() ? message : null;
    }

    /** The whole message once its last part came; null before. Called holding the lock. */
    private ByteBuffer assembleBinary(ByteBuffer part, boolean last) {
        if (refused) {
            return null;
        }
        ByteBuffer parts = binaryParts;
        int size = part.remaining() + (parts == null ? 0 : parts.position());
        if (size > max) {
            tooBig(size);
            return null;
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
            return null;
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
        return withinRate() ? message : null;
    }

    private boolean withinRate() {
        if (limiter == null || limiter.tryAcquire()) {
            return true;
        }
        refused = true;
        LOG.log(Level.FINE, () -> client + " sends more than " + maxPerSecond
                + " messages a second; closing it with " + DeployedGateway.RATE_LIMITED);
        waiting = null;
        client.markRateLimited();
        client.closeChecked(DeployedGateway.RATE_LIMITED, "Rate limit exceeded");
        return false;
    }

    private void tooBig(int size) {
        refused = true;
        textParts = null;
        binaryParts = null;
        waiting = null;
        LOG.log(Level.FINE, () -> client + " sent a message of at least " + size + " (the limit is " + max
                + "); closing it with 1009");
        client.closeChecked(CloseReason.CloseCodes.TOO_BIG.getCode(), "Message too big (limit " + max + ")");
    }
}
