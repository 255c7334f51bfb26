package org.cdigateway.socketio.internal.server;

import java.nio.ByteBuffer;
import java.util.Set;

import jakarta.websocket.CloseReason;

/**
 * What runs over one Engine.IO session: its messages go here, whichever transport carries them. Socket.IO is one
 * ({@link SocketIoConnection}); a bare Engine.IO application is another.
 */
interface EngineConnection {

    /** A text message: the data of a {@code 4} packet. */
    void text(String data);

    /** A binary message. */
    void binary(ByteBuffer data);

    /** The session ended, with this reason; called once. */
    void closed(CloseReason reason);

    /** Opens the connection of each new session of an engine. */
    @FunctionalInterface
    interface Factory {

        /** Called once the session is registered, before any message. */
        EngineConnection open(EngineSession session);

        /** The roles the connections' gateways name in {@code @RolesAllowed}: asked about at each handshake. */
        default Set<String> roleNames() {
            return Set.of();
        }
    }
}
