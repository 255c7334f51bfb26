package org.cdigateway.socketio.internal.server;

import java.nio.ByteBuffer;
import java.security.Principal;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;

import jakarta.websocket.CloseReason;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;

import org.cdigateway.internal.client.Channel;
import org.cdigateway.internal.client.SessionClient;
import org.cdigateway.internal.endpoint.DeployedGateway;
import org.cdigateway.internal.endpoint.HandshakeData;
import org.cdigateway.internal.endpoint.Inbound;
import org.cdigateway.socketio.internal.packet.SocketEncoder;
import org.cdigateway.socketio.internal.packet.SocketPacket;

/**
 * A Socket.IO client of one namespace: the gateway's client, connected through its share of an Engine.IO session.
 * Closing it disconnects the namespace the way Socket.IO says: a refused connection gets {@code CONNECT_ERROR}, a
 * disconnect {@code DISCONNECT} (the official client does not reconnect then), and a close with 1001 or 1011 drops
 * the whole transport (the client reconnects by itself).
 */
final class NamespaceSocket implements Channel {

    private static final CloseReason CLIENT_LEFT = new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE,
            "client namespace disconnect");

    private final EngineSession engine;
    private final SocketIoConnection connection;
    private final String namespace;
    private final DeployedGateway gateway;
    private volatile SessionClient client;
    private volatile Inbound inbound;
    private volatile boolean closed;
    private final SocketIoProtocol protocol;
    private final String pid; // the private id of connection state recovery, or null when it is off
    private final Recovery.Kept resumed; // the client this connection resumes, or null
    private final String offset; // the offset of the last event the resumed client got

    NamespaceSocket(EngineSession engine, SocketIoConnection connection, String namespace, DeployedGateway gateway,
            SocketIoProtocol protocol, Recovery.Kept resumed, String offset) {
        this.engine = engine;
        this.connection = connection;
        this.namespace = namespace;
        this.gateway = gateway;
        this.protocol = protocol;
        this.resumed = resumed;
        this.offset = offset;
        this.pid = protocol.recovery() == null ? null : resumed != null ? resumed.pid() : Recovery.newPid();
    }

    String namespace() {
        return namespace;
    }

    /** Connects the client to the gateway: the checks, its guards, then {@code handleConnection}. */
    void start(HandshakeData handshake) {
        SessionClient c = gateway.open(this, handshake, protocol);
        if (c == null) {
            return; // refused: CONNECT_ERROR sent
        }
        client = c;
        CompletionStage<Void> admission = gateway.admit(c);
        if (admission == null && !c.accepted()) {
            return; // refused, or failed in handleConnection
        }
        Inbound in = gateway.inbound(c, admission != null);
        inbound = in;
        if (admission != null) {
            admission.whenComplete((v, t) -> in.resume());
        }
    }

    /** An event of the client, as {@link SocketIoProtocol#frame}. */
    void received(SocketPacket packet) {
        Inbound in = inbound;
        if (in == null || closed) {
            return;
        }
        in.frame(SocketIoProtocol.frame(packet));
    }

    /** The client left the namespace (DISCONNECT). */
    void leftByClient() {
        if (markClosed()) {
            SessionClient c = client;
            if (c != null) {
                gateway.closed(c, CLIENT_LEFT);
            }
        }
    }

    /**
     * The Engine.IO session ended: {@code handleDisconnect} with its code and Socket.IO's reason. With recovery on, a
     * client whose transport dropped is kept for resuming.
     */
    void transportClosed(CloseReason reason) {
        closed = true;
        SessionClient c = client;
        if (c != null) {
            Recovery recovery = protocol.recovery();
            Recovery.Kept kept = recovery != null && c.accepted() && RECOVERABLE.contains(reason.getReasonPhrase())
                    ? Recovery.snapshot(pid, c)
                    : null;
            gateway.closed(c, reason);
            if (kept != null) { // once it is gone: its id is free for the connection that resumes it
                recovery.keep(kept);
            }
        }
    }

    /** The reasons of a transport's end after which socket.io lets a client resume. */
    private static final Set<String> RECOVERABLE = Set.of("transport close", "transport error",
            "ping timeout", "forced close", "server shutting down", "forced server close");

    // resuming

    @Override
    public String resumedId() {
        return resumed == null ? null : resumed.clientId();
    }

    /** The CONNECT, then, for a resumed client, its rooms, attributes and the broadcasts it missed. */
    @Override
    public void accepted(SessionClient admitted) {
        admitted.sendText(protocol.connect(admitted.id(), pid));
        if (resumed != null) {
            protocol.recovery().resume(resumed, offset, admitted);
        }
    }

    private boolean markClosed() {
        synchronized (this) {
            if (closed) {
                return false;
            }
            closed = true;
        }
        connection.forget(this);
        return true;
    }

    // Channel

    @Override
    public void sendText(String text, SendHandler done) {
        if (closed) {
            done.onResult(new SendResult(new java.io.IOException("The namespace is disconnected")));
            return;
        }
        engine.sendFrame(text, written -> done.onResult(written
                ? new SendResult()
                : new SendResult(new java.io.IOException("The Engine.IO session is closed"))));
    }

    @Override
    public void sendBinary(ByteBuffer data, SendHandler done) {
        boolean taken = !closed && engine.sendBinary(data);
        done.onResult(taken ? new SendResult() : new SendResult(new java.io.IOException("Not sent")));
    }

    @Override
    public boolean ping() {
        return false; // Engine.IO pings the session itself
    }

    @Override
    public boolean isOpen() {
        return !closed && engine.isOpen();
    }

    @Override
    public void refuse(CloseReason reason, String dataJson) {
        SessionClient c = client;
        if (dataJson == null || c != null && c.accepted() || !markClosed()) {
            close(reason);
            return;
        }
        engine.send("4" + SocketEncoder.encodeConnectError(namespace, refusalMessage(reason), dataJson), null);
        if (c != null) {
            gateway.closed(c, new CloseReason(reason.getCloseCode(), "server namespace disconnect"));
        }
    }

    private static String refusalMessage(CloseReason reason) {
        String message = reason.getReasonPhrase();
        return message == null || message.isEmpty() ? "Refused" : message;
    }

    @Override
    public void close(CloseReason reason) {
        if (!markClosed()) {
            return;
        }
        SessionClient c = client;
        int code = reason.getCloseCode().getCode();
        Recovery.Kept kept = null;
        if (c == null || !c.accepted()) {
            engine.send("4" + SocketEncoder.encodeConnectError(namespace, refusalMessage(reason)), null);
        } else if (code == CloseReason.CloseCodes.GOING_AWAY.getCode()
                || code == CloseReason.CloseCodes.UNEXPECTED_CONDITION.getCode()) {
            if (protocol.recovery() != null) { // a forced close of the transport: the client may resume
                kept = Recovery.snapshot(pid, c);
            }
            engine.closeTransport(reason);
        } else {
            engine.send("4" + SocketEncoder.encodeDisconnect(namespace), null);
        }
        if (c != null) {
            gateway.closed(c, new CloseReason(reason.getCloseCode(), "server namespace disconnect"));
        }
        if (kept != null) {
            protocol.recovery().keep(kept);
        }
    }

    @Override
    public Map<String, String> pathParameters() {
        return Map.of();
    }

    @Override
    public Principal userPrincipal() {
        return engine.principal();
    }

    @Override
    public String subprotocol() {
        return null;
    }

    @Override
    public String remoteAddress() {
        return engine.remoteAddress();
    }

    @Override
    public Session session() {
        return null;
    }
}
