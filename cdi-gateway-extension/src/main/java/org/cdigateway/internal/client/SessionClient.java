package org.cdigateway.internal.client;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.Principal;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.json.JsonValue;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;

import org.cdigateway.GatewayClient;
import org.cdigateway.SlowConsumer;
import org.cdigateway.internal.dispatch.FrameCodec;
import org.cdigateway.internal.endpoint.HandshakeData;
import org.cdigateway.internal.rooms.Rooms;

/** The {@link GatewayClient} of one WebSocket session: identity, handshake data, attributes and ordered sending. */
public final class SessionClient implements GatewayClient, OutboundQueue.Listener {

    private static final Logger LOG = Logger.getLogger(SessionClient.class.getName());
    private static final SecureRandom IDS = new SecureRandom();

    /** Close code for a client that does not read fast enough. */
    public static final int SLOW_CONSUMER = 1013;

    private final String id;
    private final Session session;
    private final Map<String, String> pathParams;
    private final HandshakeData handshake;
    private final FrameCodec codec;
    private final OutboundQueue outbound;
    private final Map<String, Object> attributes = new ConcurrentHashMap<>();
    private final AtomicBoolean ended = new AtomicBoolean();
    private final Rooms rooms;
    private final Set<String> joined = ConcurrentHashMap.newKeySet();
    private final Map<String, Runnable> streams = new ConcurrentHashMap<>();
    private volatile boolean closedByServer;
    private volatile boolean accepted;
    private Map<Object, Object> connectionScope; // guarded by itself once created, created under this

    public SessionClient(Session session, HandshakeData handshake, FrameCodec codec, int maxQueuedFrames,
            long maxQueuedBytes) {
        this(session, handshake, codec, null, maxQueuedFrames, maxQueuedBytes, SlowConsumer.CLOSE);
    }

    public SessionClient(Session session, HandshakeData handshake, FrameCodec codec, Rooms rooms, int maxQueuedFrames,
            long maxQueuedBytes, SlowConsumer slowConsumer) {
        this.id = newId();
        this.session = session;
        this.pathParams = Map.copyOf(session.getPathParameters());
        this.handshake = handshake;
        this.codec = codec;
        this.rooms = rooms;
        this.outbound = new OutboundQueue(session.getAsyncRemote(), this, maxQueuedFrames, maxQueuedBytes,
                slowConsumer);
    }

    private static String newId() {
        byte[] bytes = new byte[15];
        IDS.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String pathParam(String name) {
        return pathParams.get(name);
    }

    @Override
    public Map<String, String> pathParams() {
        return pathParams;
    }

    @Override
    public String header(String name) {
        return handshake.header(name);
    }

    @Override
    public Map<String, List<String>> headers() {
        return handshake.headers();
    }

    @Override
    public List<String> headerValues(String name) {
        return handshake.headerValues(name);
    }

    @Override
    public String queryParam(String name) {
        return handshake.queryParam(name);
    }

    @Override
    public Map<String, List<String>> queryParams() {
        return handshake.query();
    }

    @Override
    public String origin() {
        return handshake.header("Origin");
    }

    @Override
    public String subprotocol() {
        String p = session.getNegotiatedSubprotocol();
        return p == null ? "" : p;
    }

    @Override
    public Principal principal() {
        return session.getUserPrincipal();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T attribute(String name) {
        return (T) attributes.get(name);
    }

    @Override
    public void setAttribute(String name, Object value) {
        if (value == null) {
            attributes.remove(name);
        } else {
            attributes.put(name, value);
        }
    }

    @Override
    public void emit(String event, Object data) {
        sendText(codec.frame(event, data, JsonValue.NULL));
    }

    /** Queues an encoded text frame. */
    public boolean sendText(String frame) {
        return outbound.send(frame);
    }

    /** Queues an encoded text frame; {@code done} runs once it was written or discarded (see OutboundQueue). */
    public boolean sendText(String frame, Runnable done) {
        return outbound.send(frame, done);
    }

    @Override
    public void sendBinary(ByteBuffer data) {
        outbound.send(data);
    }

    @Override
    public void join(String... names) {
        for (String room : names) {
            Objects.requireNonNull(room, "room");
            if (rooms != null && !ended.get()) {
                rooms.join(this, room);
            }
        }
    }

    @Override
    public void leave(String room) {
        Objects.requireNonNull(room, "room");
        if (rooms != null) {
            rooms.leave(this, room);
        }
    }

    @Override
    public Set<String> rooms() {
        Set<String> all = new LinkedHashSet<>();
        all.add(id);
        all.addAll(joined);
        return Collections.unmodifiableSet(all);
    }

    /** The rooms this client joined (its id not included); kept in step by {@link Rooms}. */
    public Set<String> joined() {
        return joined;
    }

    /**
     * Keeps the cancel action of a streamed reply under its key (the request id), so that a cancel frame or the end of
     * the connection stops it. A stream started on a client that already ended is cancelled at once; a second stream
     * under the same key cancels the first.
     */
    public void addStream(String key, Runnable cancel) {
        Runnable previous = streams.put(key, cancel);
        if (previous != null) {
            previous.run();
        }
        if (ended.get()) {
            cancelAllStreams();
        }
    }

    /** Forgets a stream that ended. */
    public void removeStream(String key) {
        streams.remove(key);
    }

    /** Cancels the stream with that key; false if there is none (finished, or never started). */
    public boolean cancelStream(String key) {
        Runnable cancel = streams.remove(key);
        if (cancel == null) {
            return false;
        }
        cancel.run();
        return true;
    }

    /** Streams still running, for tests of cleanup. */
    public int activeStreams() {
        return streams.size();
    }

    private void cancelAllStreams() {
        for (String key : List.copyOf(streams.keySet())) {
            cancelStream(key);
        }
    }

    /** Whether the connection ended (the disconnect ran or is running). */
    public boolean hasEnded() {
        return ended.get();
    }

    @Override
    public long droppedFrames() {
        return outbound.droppedFrames();
    }

    @Override
    public boolean isOpen() {
        return !ended.get() && session.isOpen();
    }

    @Override
    public void close() {
        close(CloseReason.CloseCodes.NORMAL_CLOSURE.getCode(), "");
    }

    @Override
    public void close(int code, String reason) {
        closedByServer = true;
        try {
            session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
        } catch (IOException | IllegalStateException e) {
            LOG.log(Level.FINE, e, () -> "Closing client " + id + " failed");
        }
    }

    @Override
    public Session session() {
        return session;
    }

    /** Whether this side asked to close the connection (with {@link #close(int, String)}). */
    public boolean closedByServer() {
        return closedByServer;
    }

    /** Marks the client gone; true only the first time, so disconnect work runs once. */
    public boolean end() {
        if (ended.compareAndSet(false, true)) {
            outbound.close();
            if (rooms != null) {
                rooms.leaveAll(this);
            }
            cancelAllStreams();
            return true;
        }
        return false;
    }

    /** Marks the connection accepted: its guards let it in, so its disconnect runs when it ends. */
    public void accept() {
        accepted = true;
    }

    /** Whether the guards let the connection in. */
    public boolean accepted() {
        return accepted;
    }

    /**
     * The instances of this connection's {@code @ConnectionScoped} beans, keyed by their contextual; synchronize on
     * the map to use it.
     *
     * @param create whether to create the map when there is none yet
     * @return the map, or null when there is none and {@code create} is false
     */
    public synchronized Map<Object, Object> connectionScope(boolean create) {
        if (connectionScope == null && create) {
            connectionScope = new java.util.LinkedHashMap<>();
        }
        return connectionScope;
    }

    /** The outbound queue, for measuring what waits to be written. */
    public OutboundQueue outbound() {
        return outbound;
    }

    @Override
    public void overflow(int queuedFrames, long queuedBytes) {
        LOG.log(Level.WARNING, () -> "Client " + id + " does not read fast enough (" + queuedFrames + " frames, "
                + queuedBytes + " bytes waiting); closing it with " + SLOW_CONSUMER);
        close(SLOW_CONSUMER, "Slow consumer");
    }

    @Override
    public void failed(Throwable error) {
        LOG.log(Level.FINE, error, () -> "Sending to client " + id + " failed; closing it");
        if (session.isOpen()) {
            close(CloseReason.CloseCodes.UNEXPECTED_CONDITION.getCode(), "Send failed");
        }
    }

    @Override
    public String toString() {
        return "GatewayClient[" + id + "]";
    }
}
