package org.cdigateway.internal.client;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.security.Principal;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.json.JsonValue;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;

import org.cdigateway.Arguments;
import org.cdigateway.GatewayClient;
import org.cdigateway.SlowConsumer;
import org.cdigateway.internal.dispatch.Attachments;
import org.cdigateway.internal.endpoint.HandshakeData;
import org.cdigateway.internal.json.JsonCodec;
import org.cdigateway.internal.json.JsonText;
import org.cdigateway.internal.protocol.WireProtocol;
import org.cdigateway.internal.rooms.Rooms;
import org.cdigateway.internal.telemetry.GatewayMetrics;

/**
 * The {@link GatewayClient} of one connection to a gateway: identity, handshake data, attributes and ordered sending
 * through its {@link Channel} (its own WebSocket session, or a share of another protocol's connection).
 */
public final class SessionClient implements GatewayClient, OutboundQueue.Listener {

    private static final Logger LOG = Logger.getLogger(SessionClient.class.getName());

    /** Close code for a client that does not read fast enough. */
    public static final int SLOW_CONSUMER = 1013;

    private final String id;
    private final Channel channel;
    private final Map<String, String> pathParams;
    private final HandshakeData handshake;
    private final WireProtocol protocol;
    private final JsonCodec json;
    private final OutboundQueue outbound;
    private final GatewayMetrics metrics;
    private final TrafficLog traffic;
    private volatile Map<String, Object> attributes; // made on first use: most clients have none
    private volatile Map<String, Object> data;
    private volatile boolean ended;
    private final Rooms rooms;
    private final Set<String> joined = new RoomNames();
    private volatile Map<String, Runnable> streams; // made on the first stream
    private volatile int pendingReplies;
    private volatile boolean closedByServer;
    private volatile boolean accepted;
    private volatile RateLimiter rateLimiter;
    private volatile boolean rateLimited;
    private String remoteAddress; // set (under this) while counted towards its address's cap
    private final Object lifecycle = new Object();
    private volatile long pingSentAt; // nanoTime of the unanswered ping, 0 when none is waiting for its pong
    private volatile long lastPingAt;
    private Map<Object, Object> connectionScope; // guarded by itself once created, created under this
    private volatile Object traceParent; // the trace the client passed at the handshake, when traced

    private static final VarHandle DATA;
    private static final VarHandle ATTRIBUTES;
    private static final VarHandle STREAMS;
    private static final VarHandle ENDED;
    private static final VarHandle PENDING_REPLIES;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            DATA = lookup.findVarHandle(SessionClient.class, "data", Map.class);
            ATTRIBUTES = lookup.findVarHandle(SessionClient.class, "attributes", Map.class);
            STREAMS = lookup.findVarHandle(SessionClient.class, "streams", Map.class);
            ENDED = lookup.findVarHandle(SessionClient.class, "ended", boolean.class);
            PENDING_REPLIES = lookup.findVarHandle(SessionClient.class, "pendingReplies", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    public SessionClient(Channel channel, HandshakeData handshake, WireProtocol protocol, JsonCodec json, Rooms rooms,
            int maxQueuedFrames, long maxQueuedBytes, SlowConsumer slowConsumer) {
        this(channel, handshake, protocol, json, rooms, maxQueuedFrames, maxQueuedBytes, slowConsumer,
                GatewayMetrics.NONE, TrafficLog.NONE);
    }

    public SessionClient(Channel channel, HandshakeData handshake, WireProtocol protocol, JsonCodec json, Rooms rooms,
            int maxQueuedFrames, long maxQueuedBytes, SlowConsumer slowConsumer, GatewayMetrics metrics,
            TrafficLog traffic) {
        this.metrics = metrics;
        this.traffic = traffic;
        String resumed = channel.resumedId();
        this.id = resumed != null ? resumed : ClientIds.next();
        this.channel = channel;
        this.pathParams = Map.copyOf(channel.pathParameters());
        this.handshake = handshake;
        this.protocol = protocol;
        this.json = json;
        this.rooms = rooms;
        this.outbound = new OutboundQueue(channel, this, maxQueuedFrames, maxQueuedBytes,
                slowConsumer);
        this.lastPingAt = System.nanoTime();
    }

    @Override
    public String id() {
        return id;
    }

    /** What the client sent at the handshake. */
    public HandshakeData handshakeData() {
        return handshake;
    }

    /** The trace context the client passed at the handshake, the parent of its messages' spans; null when none. */
    public Object traceParent() {
        return traceParent;
    }

    /** Sets {@link #traceParent}, once, before the client's first message is dispatched. */
    public void traceParent(Object parent) {
        this.traceParent = parent;
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
    public <T> T auth(Class<T> type) {
        String auth = handshake.auth();
        if (auth == null) {
            return null;
        }
        try (jakarta.json.stream.JsonParser p = json.parser(auth)) {
            p.next();
            return type.cast(json.decode(p.getValue(), type));
        }
    }

    @Override
    public String origin() {
        return handshake.header("Origin");
    }

    @Override
    public String subprotocol() {
        String p = channel.subprotocol();
        return p == null ? "" : p;
    }

    @Override
    public Principal principal() {
        Principal p = channel.userPrincipal();
        return p != null ? p : handshake.principal();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T attribute(String name) {
        Map<String, Object> a = attributes;
        return a == null ? null : (T) a.get(name);
    }

    @Override
    public void setAttribute(String name, Object value) {
        if (value == null) {
            Map<String, Object> a = attributes;
            if (a != null) {
                a.remove(name);
            }
        } else {
            attributes().put(name, value);
        }
    }

    @Override
    public void emit(String event, Object data) {
        String quoted = JsonText.quote(event);
        if (protocol.sendsBinaries() && Attachments.held(data)) {
            sendText(protocol.withBinaries(WireProtocol.Kind.EVENT, quoted, data, JsonValue.NULL, json));
            return;
        }
        sendText(data instanceof Arguments a
                ? protocol.eventArguments(quoted, json.encode(a))
                : protocol.event(quoted, json.encode(data)));
    }

    /** The JSON codec of the client's gateway, which decodes its messages' data. */
    public JsonCodec json() {
        return json;
    }

    /** The protocol the client speaks: every message to it is written by it. */
    public WireProtocol protocol() {
        return protocol;
    }

    /** Queues a reply to a message: {@code data} encoded under {@code quotedEvent}, with the message's id. */
    public boolean reply(String quotedEvent, Object data, JsonValue id) {
        if (protocol.sendsBinaries() && Attachments.held(data)) {
            return sendText(protocol.withBinaries(WireProtocol.Kind.REPLY, quotedEvent, data, id, json));
        }
        if (data instanceof JsonValue value) {
            return sendText(protocol.replyValue(quotedEvent, value, id));
        }
        return sendText(data instanceof Arguments a
                ? protocol.replyArguments(quotedEvent, json.encode(a), id)
                : protocol.reply(quotedEvent, json.encode(data), id));
    }

    /** Queues the {@code WsResponse} a handler returned for a message. */
    public boolean respond(String quotedEvent, Object data, JsonValue id) {
        if (protocol.sendsBinaries() && Attachments.held(data)) {
            return sendText(protocol.withBinaries(WireProtocol.Kind.RESPONSE, quotedEvent, data, id, json));
        }
        return sendText(data instanceof Arguments a
                ? protocol.eventArguments(quotedEvent, json.encode(a))
                : protocol.response(quotedEvent, json.encode(data), id));
    }

    /** Queues the error answering a message. */
    public boolean sendError(String errorJson, JsonValue id) {
        return sendText(protocol.error(errorJson, id));
    }

    /** Queues an encoded text frame; a null frame (the protocol sends nothing) is nothing to queue. */
    public boolean sendText(String frame) {
        if (frame != null) {
            traffic.out(id, frame);
        }
        return frame == null || outbound.send(frame);
    }

    /** Queues a text frame shared with other clients (a broadcast). */
    public boolean sendShared(EncodedText frame) {
        if (frame != null) {
            traffic.out(id, frame.text());
        }
        return frame == null || outbound.send(frame);
    }

    /** Queues an encoded text frame; {@code done} is told once it was written or discarded (see OutboundQueue). */
    public boolean sendText(String frame, OutboundQueue.Completion done) {
        traffic.out(id, frame);
        return outbound.send(frame, done);
    }

    @Override
    public void sendBinary(ByteBuffer data) {
        traffic.binary(id, false, data.remaining());
        outbound.send(data);
    }

    /** The log of this client's frames, in and out. */
    public TrafficLog traffic() {
        return traffic;
    }

    @Override
    public Map<String, Object> data() {
        Map<String, Object> d = data;
        if (d == null) {
            DATA.compareAndSet(this, null, new ConcurrentHashMap<String, Object>(4));
            d = data;
        }
        return d;
    }

    /** What the gateway shares of this client, or null when it shares nothing (no map was made). */
    public Map<String, Object> sharedData() {
        return data;
    }

    /** The client's attributes, live: for carrying them over to the connection that resumes it. */
    public Map<String, Object> attributes() {
        Map<String, Object> a = attributes;
        if (a == null) {
            ATTRIBUTES.compareAndSet(this, null, new ConcurrentHashMap<String, Object>(4));
            a = attributes;
        }
        return a;
    }

    private Map<String, Runnable> streams() {
        Map<String, Runnable> s = streams;
        if (s == null) {
            STREAMS.compareAndSet(this, null, new ConcurrentHashMap<String, Runnable>(4));
            s = streams;
        }
        return s;
    }

    @Override
    public void join(String... names) {
        for (String room : names) {
            Rooms.checkName(room, id);
        }
        if (rooms != null) {
            for (String room : names) {
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
        synchronized (joined) {
            all.addAll(joined);
        }
        return Collections.unmodifiableSet(all);
    }

    /**
     * The rooms this client joined (its id not included); kept in step by {@link Rooms}, which changes it and the rooms
     * together while holding this set's monitor.
     */
    public Set<String> joined() {
        return joined;
    }

    /**
     * Keeps the cancel action of a streamed reply under its key (the request id), so that a cancel frame or the end of
     * the connection stops it. A stream started on a client that already ended is cancelled at once.
     *
     * @return false, with nothing kept, when a stream with that key is still running
     */
    public boolean addStream(String key, Runnable cancel) {
        if (streams().putIfAbsent(key, cancel) != null) {
            return false;
        }
        if (ended) {
            cancelAllStreams();
        }
        return true;
    }

    /** Whether a stream with that key is running. */
    public boolean hasStream(String key) {
        Map<String, Runnable> s = streams;
        return s != null && s.containsKey(key);
    }

    /** Forgets a stream that ended, unless the key now belongs to another stream. */
    public void removeStream(String key, Runnable cancel) {
        Map<String, Runnable> s = streams;
        if (s != null) {
            s.remove(key, cancel);
        }
    }

    /** Cancels the stream with that key; false if there is none (finished, or never started). */
    public boolean cancelStream(String key) {
        Map<String, Runnable> s = streams;
        Runnable cancel = s == null ? null : s.remove(key);
        if (cancel == null) {
            return false;
        }
        cancel.run();
        return true;
    }

    /** Counts a reply that will be sent when its {@code CompletionStage} completes; false when at the cap. */
    public boolean addPendingReply(int max) {
        while (true) {
            int n = pendingReplies;
            if (n >= max) {
                return false;
            }
            if (PENDING_REPLIES.compareAndSet(this, n, n + 1)) {
                return true;
            }
        }
    }

    /** A pending reply completed. */
    public void removePendingReply() {
        PENDING_REPLIES.getAndAdd(this, -1);
    }

    /** Replies waiting for their {@code CompletionStage}. */
    public int pendingReplies() {
        return pendingReplies;
    }

    /** Streams still running, for tests of cleanup. */
    public int activeStreams() {
        Map<String, Runnable> s = streams;
        return s == null ? 0 : s.size();
    }

    private void cancelAllStreams() {
        Map<String, Runnable> s = streams;
        if (s == null) {
            return;
        }
        for (String key : List.copyOf(s.keySet())) {
            cancelStream(key);
        }
    }

    /** Whether the connection ended (the disconnect ran or is running). */
    public boolean hasEnded() {
        return ended;
    }

    @Override
    public long droppedFrames() {
        return outbound.droppedFrames();
    }

    @Override
    public boolean isOpen() {
        return !ended && channel.isOpen();
    }

    @Override
    public void close() {
        close(CloseReason.CloseCodes.NORMAL_CLOSURE.getCode(), "");
    }

    @Override
    public void close(int code, String reason) {
        Closing.check(code, reason);
        closeChecked(code, reason);
    }

    /** Refuses the connection (its guards did not admit it) with a valid code and reason, and the refusal's data. */
    public void refuse(int code, String reason, String dataJson) {
        closedByServer = true;
        try {
            channel.refuse(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason == null ? "" : reason),
                    dataJson);
        } catch (IOException | IllegalStateException e) {
            LOG.log(Level.FINE, e, () -> "Refusing client " + id + " failed");
        }
    }

    /** Closes with a code and reason known to be valid. */
    public void closeChecked(int code, String reason) {
        closedByServer = true;
        try {
            channel.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason == null ? "" : reason));
        } catch (IOException | IllegalStateException e) {
            LOG.log(Level.FINE, e, () -> "Closing client " + id + " failed");
        }
    }

    /** The Jakarta WebSocket session, or null for a client that shares a connection (Socket.IO). */
    @Override
    public Session session() {
        return channel.session();
    }

    /** What the client is connected through. */
    public Channel channel() {
        return channel;
    }

    /** Whether this side asked to close the connection (with {@link #close(int, String)}). */
    public boolean closedByServer() {
        return closedByServer;
    }

    /**
     * Marks the client gone; true only the first time, so disconnect work runs once. Serialized with {@link #accept},
     * so that a client is either accepted before it ended (and its disconnect runs) or never.
     */
    public boolean end() {
        boolean first;
        synchronized (this) {
            first = ENDED.compareAndSet(this, false, true);
        }
        if (first) {
            outbound.close();
            if (rooms != null) {
                rooms.leaveAll(this);
            }
            cancelAllStreams();
            return true;
        }
        return false;
    }

    /**
     * Marks the connection accepted: its guards let it in, so its disconnect runs when it ends.
     *
     * @return false when the connection ended first: it stays unaccepted
     */
    public synchronized boolean accept() {
        if (ended) {
            return false;
        }
        accepted = true;
        return true;
    }

    /** Held while the connection's handleConnection or handleDisconnect runs, so that they never overlap. */
    public Object lifecycle() {
        return lifecycle;
    }

    /** The connection's message rate bucket, or null without a rate limit. */
    public RateLimiter rateLimiter() {
        return rateLimiter;
    }

    /** Whether the connection was closed for sending faster than its rate. */
    public boolean rateLimited() {
        return rateLimited;
    }

    /** Marks the connection closed for its rate. */
    public void markRateLimited() {
        rateLimited = true;
    }

    /** Sets the connection's message rate bucket. */
    public void setRateLimiter(RateLimiter limiter) {
        rateLimiter = limiter;
    }

    /** Notes the address the connection was counted under. */
    public synchronized void setRemoteAddress(String address) {
        remoteAddress = address;
    }

    /** The address the connection was counted under, once: null afterwards, and for one never counted. */
    public synchronized String takeRemoteAddress() {
        String address = remoteAddress;
        remoteAddress = null;
        return address;
    }

    // heartbeats

    /**
     * One heartbeat tick: sends a ping when the last one is {@code interval} old and answered; reports a client whose
     * ping went unanswered for {@code timeout}.
     *
     * @return false when the client did not answer in time
     */
    public boolean heartbeat(long now, long intervalNanos, long timeoutNanos) {
        long sent = pingSentAt;
        if (sent != 0) {
            return now - sent < timeoutNanos;
        }
        if (now - lastPingAt >= intervalNanos) {
            lastPingAt = now;
            pingSentAt = now == 0 ? 1 : now; // before sending: the pong may come back before sendPing returns
            try {
                if (!channel.ping()) {
                    pingSentAt = 0; // its protocol keeps it alive
                }
            } catch (IOException | RuntimeException e) {
                pingSentAt = 0;
                LOG.log(Level.FINE, e, () -> "Pinging client " + id + " failed");
            }
        }
        return true;
    }

    /** The client answered the ping. */
    public void ponged() {
        pingSentAt = 0;
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
        metrics.slowConsumerClosed();
        closeChecked(SLOW_CONSUMER, "Slow consumer");
    }

    @Override
    public boolean countsFrames() {
        return metrics != GatewayMetrics.NONE;
    }

    @Override
    public void sent(long bytes) {
        metrics.sent(bytes);
    }

    @Override
    public void dropped(long frames) {
        metrics.dropped(frames);
    }

    @Override
    public void failed(Throwable error) {
        LOG.log(Level.FINE, error, () -> "Sending to client " + id + " failed; closing it");
        if (channel.isOpen()) {
            closeChecked(CloseReason.CloseCodes.UNEXPECTED_CONDITION.getCode(), "Send failed");
        }
    }

    @Override
    public String toString() {
        return "GatewayClient[" + id + "]";
    }
}
