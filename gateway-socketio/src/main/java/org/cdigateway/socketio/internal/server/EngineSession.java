package org.cdigateway.socketio.internal.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.websocket.CloseReason;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;

import org.cdigateway.internal.client.OutboundQueue;
import org.cdigateway.internal.endpoint.HandshakeData;
import org.cdigateway.internal.endpoint.HttpRoute;
import org.cdigateway.internal.json.JsonText;
import org.cdigateway.socketio.Transport;
import org.cdigateway.socketio.internal.packet.EngineCodec;
import org.cdigateway.socketio.internal.packet.EnginePacket;
import org.cdigateway.socketio.internal.packet.PacketException;

/**
 * One Engine.IO session: the handshake, the heartbeats, the transport (a WebSocket, or HTTP long-polling until the
 * client upgrades it to one); its messages go to its {@link EngineConnection} (Socket.IO's namespaces). Any packet
 * that breaks the protocol closes this session, and only it.
 *
 * <p>
 * Outbound packets go through one bounded queue; it writes to the WebSocket, or, while polling, into a buffer that the
 * next poll takes whole.
 */
final class EngineSession implements OutboundQueue.Listener, OutboundQueue.Writer {

    private static final Logger LOG = Logger.getLogger(EngineSession.class.getName());
    private static final SendResult OK = new SendResult();
    private static final byte[] CLOSE = "1".getBytes(StandardCharsets.UTF_8);
    static final byte[] NOOP = "6".getBytes(StandardCharsets.UTF_8);
    private static final CloseReason CLOSE_ANSWERED = new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE,
            "transport close");
    private static final long UPGRADE_GRACE_MS = 100;
    private static final long MAX_BUFFERED = 16L * 1024 * 1024;
    private static final CloseReason CLIENT_CLOSED = new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE,
            "transport close");

    final String sid = Engine.newSid();
    private final Engine engine;
    private final HandshakeData handshake;
    private final String remoteAddress;
    private final Principal principal;
    private final OutboundQueue out;
    private final Object sending = new Object(); // held while queuing: the packets of a binary message stay together
    private volatile EngineConnection connection;
    private volatile boolean closed;
    private volatile long lastPingAt = System.nanoTime();
    private volatile long pingSentAt; // 0 when no ping waits for its pong
    private ScheduledFuture<?> heartbeat;

    // the transport; guarded by this
    private Session ws; // the WebSocket, once the session runs on one
    private Session probe; // a WebSocket that probes the upgrade of a polling session
    private boolean probed; // the probe answered: polls are answered at once
    private final List<Object> buffer = new ArrayList<>(); // polling: what the next poll takes (String, byte[])
    private long bufferedBytes;
    private HttpRoute.Exchange heldPoll;
    private CloseReason ending; // why the session is being closed; polls are answered accordingly
    private boolean heldAfterProbe; // the held poll came during an upgrade: ended with a noop after a grace

    private EngineSession(Engine engine, Session ws, HandshakeData handshake, String remoteAddress,
            Principal principal) {
        this.engine = engine;
        this.ws = ws;
        this.handshake = handshake;
        this.remoteAddress = remoteAddress;
        this.principal = principal;
        this.out = new OutboundQueue(this, this, 8192, 64L * 1024 * 1024);
    }

    /** A session over a WebSocket from its start. */
    static EngineSession overWebSocket(Engine engine, Session ws, HandshakeData handshake, String remoteAddress) {
        return new EngineSession(engine, ws, handshake, remoteAddress, ws.getUserPrincipal());
    }

    /** A session that begins with long-polling. */
    static EngineSession polling(Engine engine, HandshakeData handshake, String remoteAddress) {
        return new EngineSession(engine, null, handshake, remoteAddress, null);
    }

    /** The open packet; for a polling session it is the answer to the handshake request, not queued. */
    String openPacket() {
        SocketIoSettings s = engine.settings;
        return "0" + EngineCodec.handshakeJson(sid,
                isPolling() && s.serves(Transport.WEBSOCKET) ? List.of("websocket") : List.of(), s.pingInterval(),
                s.pingTimeout(), s.maxPayload());
    }

    private synchronized boolean isPolling() {
        return ws == null;
    }

    /** Starts the heartbeats and the connection; over a WebSocket, sends the open packet first. */
    void open() {
        engine.opened(this);
        if (!isPolling()) {
            out.send(openPacket());
        }
        SocketIoSettings s = engine.settings;
        long tick = Math.max(10, Math.min(s.pingInterval(), s.pingTimeout()) / 4);
        heartbeat = engine.timer().scheduleWithFixedDelay(this::heartbeat, tick, tick, TimeUnit.MILLISECONDS);
        connection = engine.connections().open(this);
    }

    Engine engine() {
        return engine;
    }

    HandshakeData handshake() {
        return handshake;
    }

    String remoteAddress() {
        return remoteAddress;
    }

    Principal principal() {
        return principal;
    }

    boolean isOpen() {
        return !closed;
    }

    /** Queues an Engine.IO text packet; {@code done} as {@link OutboundQueue#send(String, OutboundQueue.Completion)}. */
    boolean send(String packet, OutboundQueue.Completion done) {
        synchronized (sending) {
            return done == null ? out.send(packet) : out.send(packet, done);
        }
    }

    boolean sendBinary(ByteBuffer data) {
        synchronized (sending) {
            return out.send(data);
        }
    }

    /**
     * Queues a frame of a namespace: a message packet ({@code 4...}), or a binary one followed by its attachments as
     * one polling payload; its packets are queued together, nothing of another namespace between them.
     */
    boolean sendFrame(String frame, OutboundQueue.Completion done) {
        if (frame.length() < 2 || frame.charAt(0) != '4' || frame.charAt(1) != '5' && frame.charAt(1) != '6'
                || frame.indexOf(EngineCodec.SEPARATOR) < 0) {
            return send(frame, done);
        }
        List<EnginePacket> packets;
        try {
            packets = EngineCodec.decodePayload(frame);
        } catch (PacketException e) {
            throw new IllegalStateException("A binary packet was written wrong: " + e.getMessage(), e);
        }
        synchronized (sending) {
            int last = packets.size() - 1;
            for (int i = 0; i <= last; i++) {
                EnginePacket p = packets.get(i);
                OutboundQueue.Completion whenDone = i == last ? done : null;
                boolean taken = p.isBinary()
                        ? whenDone == null
                                ? out.send(ByteBuffer.wrap(p.binary()))
                                : out.send(ByteBuffer.wrap(p.binary()), whenDone)
                        : whenDone == null ? out.send(text(p)) : out.send(text(p), whenDone);
                if (!taken) {
                    return false;
                }
            }
            return true;
        }
    }

    private static String text(EnginePacket p) {
        return p.type().digit() + p.text();
    }

    // the queue's writer: the WebSocket, or the polling buffer

    @Override
    public void sendText(String text, SendHandler done) {
        Session socket;
        synchronized (this) {
            socket = ws;
            if (socket == null) {
                buffer.add(text);
                bufferedBytes += text.length();
            }
        }
        if (socket != null) {
            socket.getAsyncRemote().sendText(text, done);
            return;
        }
        done.onResult(OK); // taken by the buffer, which is bounded in its own way
        checkBuffer();
        flushPoll();
    }

    @Override
    public void sendBinary(ByteBuffer data, SendHandler done) {
        Session socket;
        synchronized (this) {
            socket = ws;
            if (socket == null) {
                byte[] bytes = new byte[data.remaining()];
                data.duplicate().get(bytes);
                buffer.add(bytes);
                bufferedBytes += bytes.length;
            }
        }
        if (socket != null) {
            socket.getAsyncRemote().sendBinary(data, done);
            return;
        }
        done.onResult(OK);
        checkBuffer();
        flushPoll();
    }

    /** A polling client that does not poll for what waits is a slow consumer, as one that does not read. */
    private void checkBuffer() {
        long bytes;
        synchronized (this) {
            bytes = bufferedBytes;
        }
        if (bytes > MAX_BUFFERED) {
            overflow(-1, bytes);
        }
    }

    /** A polling payload: the packets as they are, binary ones as {@code b} and base64, separated by 0x1e. */
    private static byte[] payload(List<Object> packets) {
        StringBuilder sb = new StringBuilder();
        for (Object p : packets) {
            if (!sb.isEmpty()) {
                sb.append(EngineCodec.SEPARATOR);
            }
            if (p instanceof String text) {
                sb.append(text);
            } else {
                sb.append('b').append(java.util.Base64.getEncoder().encodeToString((byte[]) p));
            }
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    // polling

    /** A poll (GET with the sid): answered with what waits, or held until something does. */
    void poll(HttpRoute.Exchange get) {
        HttpRoute.Exchange concurrent = null;
        boolean reject = false;
        boolean noop = false;
        synchronized (this) {
            if (ending == CLIENT_CLOSED && ws == null) {
                noop = true;
                ending = CLOSE_ANSWERED;
            } else if (closed || ending != null || ws != null) {
                reject = true;
            } else if (heldPoll != null) {
                concurrent = heldPoll;
                heldPoll = null;
            } else {
                heldPoll = get;
                heldAfterProbe = probe != null; // a WebSocket is upgrading the session
            }
        }
        if (noop) { // sent with the client's close, and reached the server after it
            engine.owesNoop(sid); // owed no more
            get.respond(200, PollingRoute.TEXT, NOOP);
            return;
        }
        if (reject) {
            PollingRoute.badRequest(get, 1, "Session ID unknown");
            return;
        }
        if (concurrent != null) { // a second poll while one waits breaks the protocol: both end, and the session
            concurrent.respond(200, PollingRoute.TEXT, CLOSE);
            PollingRoute.badRequest(get, 3, "Bad request");
            closeTransport(new CloseReason(CloseReason.CloseCodes.PROTOCOL_ERROR, "transport error"));
            return;
        }
        boolean afterProbe;
        synchronized (this) {
            afterProbe = heldPoll == get && heldAfterProbe;
        }
        if (afterProbe) { // the upgrade may be completing: wait a moment for it, then end the poll with a noop
            engine.timer().schedule(() -> {
                synchronized (this) {
                    if (heldPoll == get) {
                        heldAfterProbe = false;
                    }
                }
                flushPoll();
            }, UPGRADE_GRACE_MS, TimeUnit.MILLISECONDS);
        }
        get.onAbandoned(() -> {
            synchronized (this) {
                if (heldPoll == get) {
                    heldPoll = null;
                }
            }
        });
        flushPoll();
    }

    /** Answers the held poll when packets wait for it (or, during an upgrade, with a noop at once). */
    private void flushPoll() {
        HttpRoute.Exchange get;
        byte[] body;
        synchronized (this) {
            if (heldPoll == null || buffer.isEmpty() && (!probed || heldAfterProbe)) {
                return;
            }
            get = heldPoll;
            heldPoll = null;
            body = buffer.isEmpty() ? NOOP : payload(buffer);
            buffer.clear();
            bufferedBytes = 0;
        }
        get.respond(200, PollingRoute.TEXT, body);
    }

    /** The packets of a POST; false when one breaks the protocol (the session is then closed). */
    boolean posted(String payload) {
        List<EnginePacket> packets;
        try {
            packets = EngineCodec.decodePayload(payload);
        } catch (PacketException e) {
            protocolError(e.getMessage());
            return false;
        }
        for (EnginePacket p : packets) {
            if (closed) {
                break;
            }
            if (p.isBinary()) {
                onBinary(ByteBuffer.wrap(p.binary()));
            } else {
                onText(p.type().digit() + p.text());
            }
        }
        return true;
    }

    // upgrade

    /** A WebSocket that wants to take over this polling session; false when it may not (then it is closed). */
    synchronized boolean probing(Session socket) {
        if (closed || ws != null || probe != null) {
            return false;
        }
        probe = socket;
        return true;
    }

    /** A text packet on the probing WebSocket: {@code 2probe}, then {@code 5} to switch. */
    void onProbeText(Session socket, String text) {
        if ("2probe".equals(text)) {
            synchronized (this) {
                probed = true;
            }
            try {
                // written before this returns: once the WebSocket carries the session, its queue writes to it, and
                // a container may refuse a write while another is in progress (Open Liberty does)
                socket.getBasicRemote().sendText("3probe");
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.FINE, e, () -> "Answering the probe of Engine.IO session " + sid + " failed");
                probeClosed(socket);
                return;
            }
            flushPoll();
            return;
        }
        if ("5".equals(text)) {
            List<Object> left;
            synchronized (this) {
                if (probe != socket || ws != null) {
                    return;
                }
                ws = socket;
                probe = null;
                left = List.copyOf(buffer);
                buffer.clear();
                bufferedBytes = 0;
            }
            HttpRoute.Exchange held;
            boolean afterProbe;
            synchronized (this) {
                held = heldPoll;
                afterProbe = heldAfterProbe;
                heldPoll = null;
            }
            if (held != null && afterProbe) { // sent after the probe, and the upgrade is done: it has no session
                PollingRoute.badRequest(held, 3, "Bad request");
            } else if (held != null) {
                held.respond(200, PollingRoute.TEXT, NOOP);
            }
            synchronized (sending) {
                for (Object p : left) { // waited for a poll: now over the WebSocket, before anything newer
                    if (p instanceof String packet) {
                        out.send(packet);
                    } else {
                        out.send(ByteBuffer.wrap((byte[]) p));
                    }
                }
            }
            return;
        }
        protocolError("'" + JsonText.forLog(text) + "' while upgrading");
    }

    /** The probing WebSocket closed before the upgrade: the session goes on polling. */
    synchronized void probeClosed(Session socket) {
        if (probe == socket) {
            probe = null;
            probed = false;
        }
    }

    /** Whether {@code socket} carries the session. */
    synchronized boolean carriedBy(Session socket) {
        return ws == socket;
    }

    // inbound

    void onText(String text) {
        if (closed) {
            return;
        }
        if (text.isEmpty()) {
            protocolError("an empty packet");
            return;
        }
        switch (text.charAt(0)) {
            case '4' -> message(text.substring(1));
            case '3' -> pingSentAt = 0;
            case '2' -> send("3" + text.substring(1), null); // a client's probe
            case '1' -> closeTransport(CLIENT_CLOSED);
            case '6' -> {
                // noop
            }
            default -> protocolError("the packet type '" + JsonText.forLog(text.substring(0, 1)) + "'");
        }
    }

    void onBinary(ByteBuffer data) {
        EngineConnection c = connection;
        if (!closed && c != null) {
            c.binary(data);
        }
    }

    private void message(String data) {
        EngineConnection c = connection;
        if (c != null) {
            c.text(data);
        }
    }

    // heartbeats

    private void heartbeat() {
        try {
            long now = System.nanoTime();
            long sent = pingSentAt;
            if (sent != 0) {
                if (now - sent >= TimeUnit.MILLISECONDS.toNanos(engine.settings.pingTimeout())) {
                    closeTransport(new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "ping timeout"));
                }
                return;
            }
            if (now - lastPingAt >= TimeUnit.MILLISECONDS.toNanos(engine.settings.pingInterval())) {
                lastPingAt = now;
                pingSentAt = now == 0 ? 1 : now;
                send("2", null);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "The heartbeat of Engine.IO session " + sid + " failed", e);
        }
    }

    // closing

    void protocolError(String what) {
        LOG.log(Level.FINE, () -> "Engine.IO session " + sid + " broke the protocol (" + what + "); closing it");
        closeTransport(new CloseReason(CloseReason.CloseCodes.PROTOCOL_ERROR, "parse error"));
    }

    /** Ends the session and its transport, and with them every namespace of it (the client reconnects by itself). */
    void closeTransport(CloseReason reason) {
        Session socket;
        Session probing;
        HttpRoute.Exchange held;
        synchronized (this) {
            socket = ws;
            probing = probe;
            held = heldPoll;
            heldPoll = null;
            if (ending == null) {
                ending = reason; // a poll from now on is answered as the one that waited
            }
        }
        if (held != null) { // a poll that waits is answered: a noop when the client closed, else the close packet
            held.respond(200, PollingRoute.TEXT, reason == CLIENT_CLOSED ? NOOP : CLOSE);
        } else if (reason == CLIENT_CLOSED && socket == null) {
            engine.closedByClient(sid); // its poll may be on its way still: it gets the noop
        }
        for (Session s : new Session[]{socket, probing}) {
            if (s != null) {
                try {
                    s.close(reason);
                } catch (IOException | RuntimeException e) {
                    LOG.log(Level.FINE, e, () -> "Closing Engine.IO session " + sid + " failed");
                }
            }
        }
        transportClosed(reason);
    }

    /** The transport closed, however: every namespace of the session is disconnected, once. */
    void transportClosed(CloseReason reason) {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        if (heartbeat != null) {
            heartbeat.cancel(false);
        }
        out.close();
        engine.closed(this);
        EngineConnection c = connection;
        if (c != null) {
            c.closed(reason);
        }
    }

    @Override
    public void overflow(int queuedFrames, long queuedBytes) {
        LOG.log(Level.WARNING, () -> "Engine.IO session " + sid + " does not read fast enough (" + queuedFrames
                + " packets waiting); closing it");
        closeTransport(new CloseReason(CloseReason.CloseCodes.TRY_AGAIN_LATER, "transport error"));
    }

    @Override
    public void failed(Throwable error) {
        LOG.log(Level.FINE, error, () -> "Sending to Engine.IO session " + sid + " failed; closing it");
        closeTransport(new CloseReason(CloseReason.CloseCodes.UNEXPECTED_CONDITION, "transport error"));
    }

    @Override
    public String toString() {
        return "EngineSession[" + sid + "]";
    }
}
