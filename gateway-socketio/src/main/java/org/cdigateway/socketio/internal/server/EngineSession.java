package org.cdigateway.socketio.internal.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;

import org.cdigateway.internal.client.OutboundQueue;
import org.cdigateway.internal.endpoint.DeployedGateway;
import org.cdigateway.internal.endpoint.HandshakeData;
import org.cdigateway.internal.json.JsonText;
import org.cdigateway.socketio.internal.packet.EngineCodec;
import org.cdigateway.socketio.internal.packet.PacketException;
import org.cdigateway.socketio.internal.packet.SocketDecoder;
import org.cdigateway.socketio.internal.packet.SocketEncoder;
import org.cdigateway.socketio.internal.packet.SocketPacket;

/**
 * One Engine.IO session over a WebSocket: the handshake, the heartbeats, and the Socket.IO packets of its namespaces,
 * each decoded (and so checked) here and handed to its namespace's client. Any packet that breaks the protocol closes
 * this session, and only it.
 */
final class EngineSession implements OutboundQueue.Listener {

    private static final Logger LOG = Logger.getLogger(EngineSession.class.getName());

    final String sid = Engine.newSid();
    private final Engine engine;
    private final Session ws;
    private final HandshakeData handshake;
    private final OutboundQueue out;
    private final SocketDecoder decoder;
    private final Map<String, NamespaceSocket> sockets = new ConcurrentHashMap<>();
    private volatile boolean closed;
    private volatile long lastPingAt = System.nanoTime();
    private volatile long pingSentAt; // 0 when no ping waits for its pong
    private ScheduledFuture<?> heartbeat;
    private ScheduledFuture<?> connectTimeout;

    EngineSession(Engine engine, Session ws, HandshakeData handshake) {
        this.engine = engine;
        this.ws = ws;
        this.handshake = handshake;
        this.decoder = new SocketDecoder(engine.settings.maxAttachments());
        this.out = new OutboundQueue(OutboundQueue.Writer.of(ws.getAsyncRemote()), this, 8192, 64L * 1024 * 1024);
    }

    /** Sends the open packet and starts the heartbeats and the connect timeout. */
    void open() {
        engine.opened(this);
        SocketIoSettings s = engine.settings;
        out.send("0" + EngineCodec.handshakeJson(sid, List.of(), s.pingInterval(), s.pingTimeout(), s.maxPayload()));
        long tick = Math.max(10, Math.min(s.pingInterval(), s.pingTimeout()) / 4);
        heartbeat = engine.timer().scheduleWithFixedDelay(this::heartbeat, tick, tick, TimeUnit.MILLISECONDS);
        connectTimeout = engine.timer().schedule(() -> {
            if (sockets.isEmpty()) {
                closeTransport(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "connect timeout"));
            }
        }, s.connectTimeout(), TimeUnit.MILLISECONDS);
    }

    Session webSocket() {
        return ws;
    }

    boolean isOpen() {
        return !closed && ws.isOpen();
    }

    /** Queues an Engine.IO text packet; {@code done} as {@link OutboundQueue#send(String, OutboundQueue.Completion)}. */
    boolean send(String packet, OutboundQueue.Completion done) {
        return done == null ? out.send(packet) : out.send(packet, done);
    }

    boolean sendBinary(ByteBuffer data) {
        return out.send(data);
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
            case '1' -> closeTransport(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "transport close"));
            case '6' -> {
                // noop
            }
            default -> protocolError("the packet type '" + JsonText.forLog(text.substring(0, 1)) + "'");
        }
    }

    void onBinary(ByteBuffer data) {
        if (closed) {
            return;
        }
        SocketPacket packet;
        try {
            packet = decoder.decodeBinary(data);
        } catch (PacketException e) {
            protocolError(e.getMessage());
            return;
        }
        if (packet != null) {
            handle(packet);
        }
    }

    private void message(String data) {
        SocketPacket packet;
        try {
            packet = decoder.decodeText(data);
        } catch (PacketException e) {
            protocolError(e.getMessage());
            return;
        }
        if (packet != null) {
            handle(packet);
        }
    }

    private void handle(SocketPacket packet) {
        String ns = packet.namespace();
        switch (packet.type()) {
            case CONNECT -> connect(ns, packet.auth().toString());
            case DISCONNECT -> {
                NamespaceSocket socket = sockets.get(ns);
                if (socket != null) {
                    socket.leftByClient();
                }
            }
            case EVENT, BINARY_EVENT -> {
                NamespaceSocket socket = sockets.get(ns);
                if (socket != null) {
                    socket.received(packet);
                } // events of namespaces the client is not connected to are ignored, as the reference server does
            }
            case ACK, BINARY_ACK -> {
                // the server asks for no acknowledgements
            }
            case CONNECT_ERROR -> protocolError("a CONNECT_ERROR from the client");
        }
    }

    private void connect(String namespace, String authJson) {
        DeployedGateway gateway = engine.gateway(namespace);
        if (gateway == null) {
            send("4" + SocketEncoder.encodeConnectError(namespace, "Invalid namespace"), null);
            return;
        }
        if (sockets.containsKey(namespace)) {
            return; // connected already
        }
        ScheduledFuture<?> timeout = connectTimeout;
        if (timeout != null) {
            timeout.cancel(false);
        }
        NamespaceSocket socket = new NamespaceSocket(this, namespace, gateway);
        sockets.put(namespace, socket);
        socket.start(handshake.withAuth(authJson), engine.protocol(namespace));
    }

    void forget(NamespaceSocket socket) {
        sockets.remove(socket.namespace(), socket);
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

    private void protocolError(String what) {
        LOG.log(Level.FINE, () -> "Engine.IO session " + sid + " broke the protocol (" + what + "); closing it");
        closeTransport(new CloseReason(CloseReason.CloseCodes.PROTOCOL_ERROR, "parse error"));
    }

    /** Closes the WebSocket, and with it every namespace of the session (the client reconnects by itself). */
    void closeTransport(CloseReason reason) {
        try {
            ws.close(reason);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, e, () -> "Closing Engine.IO session " + sid + " failed");
        }
        transportClosed(reason);
    }

    /** The WebSocket closed, however: every namespace of the session is disconnected, once. */
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
        if (connectTimeout != null) {
            connectTimeout.cancel(false);
        }
        out.close();
        engine.closed(this);
        for (NamespaceSocket socket : List.copyOf(sockets.values())) {
            socket.transportClosed(reason);
        }
        sockets.clear();
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
