package org.cdigateway.socketio.internal.server;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.websocket.CloseReason;

import org.cdigateway.internal.endpoint.DeployedGateway;
import org.cdigateway.socketio.internal.packet.PacketException;
import org.cdigateway.socketio.internal.packet.SocketDecoder;
import org.cdigateway.socketio.internal.packet.SocketEncoder;
import org.cdigateway.socketio.internal.packet.SocketPacket;

/**
 * Socket.IO over one Engine.IO session: its packets, each decoded (and so checked) here, and its namespaces, each a
 * client of its gateway. A session that connects to no namespace in time is closed.
 */
final class SocketIoConnection implements EngineConnection {

    private final EngineSession session;
    private final Namespaces namespaces;
    private final SocketDecoder decoder;
    private final Map<String, NamespaceSocket> sockets = new ConcurrentHashMap<>();
    private final ScheduledFuture<?> connectTimeout;

    SocketIoConnection(EngineSession session, Namespaces namespaces) {
        this.session = session;
        this.namespaces = namespaces;
        Engine engine = session.engine();
        this.decoder = new SocketDecoder(engine.settings.maxAttachments());
        this.connectTimeout = engine.timer().schedule(() -> {
            if (sockets.isEmpty()) {
                session.closeTransport(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "connect timeout"));
            }
        }, engine.settings.connectTimeout(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void text(String data) {
        SocketPacket packet;
        try {
            packet = decoder.decodeText(data);
        } catch (PacketException e) {
            session.protocolError(e.getMessage());
            return;
        }
        if (packet != null) {
            handle(packet);
        }
    }

    @Override
    public void binary(ByteBuffer data) {
        SocketPacket packet;
        try {
            packet = decoder.decodeBinary(data);
        } catch (PacketException e) {
            session.protocolError(e.getMessage());
            return;
        }
        if (packet != null) {
            handle(packet);
        }
    }

    private void handle(SocketPacket packet) {
        String ns = packet.namespace();
        switch (packet.type()) {
            case CONNECT -> connect(ns, packet.auth());
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
            case CONNECT_ERROR -> session.protocolError("a CONNECT_ERROR from the client");
        }
    }

    private void connect(String namespace, JsonObject auth) {
        DeployedGateway gateway = namespaces.gateway(namespace);
        if (gateway == null) {
            session.send("4" + SocketEncoder.encodeConnectError(namespace, "Invalid namespace"), null);
            return;
        }
        if (sockets.containsKey(namespace)) {
            return; // connected already
        }
        connectTimeout.cancel(false);
        SocketIoProtocol protocol = namespaces.protocol(namespace);
        Recovery.Kept resumed = null;
        String offset = null;
        if (protocol.recovery() != null && auth.get("pid") instanceof JsonString pid
                && auth.get("offset") instanceof JsonString o) { // what socket.io-client adds to a reconnection's auth
            offset = o.getString();
            resumed = protocol.recovery().take(pid.getString(), offset);
            JsonObjectBuilder own = SocketIoProtocol.JSON.createObjectBuilder(auth);
            auth = own.remove("pid").remove("offset").build();
        }
        NamespaceSocket socket = new NamespaceSocket(session, this, namespace, gateway, protocol, resumed, offset);
        sockets.put(namespace, socket);
        socket.start(session.handshake().withAuth(auth.toString()));
    }

    void forget(NamespaceSocket socket) {
        sockets.remove(socket.namespace(), socket);
    }

    @Override
    public void closed(CloseReason reason) {
        connectTimeout.cancel(false);
        for (NamespaceSocket socket : List.copyOf(sockets.values())) {
            socket.transportClosed(reason);
        }
        sockets.clear();
    }
}
