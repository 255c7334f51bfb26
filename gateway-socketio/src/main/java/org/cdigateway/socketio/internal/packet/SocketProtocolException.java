package org.cdigateway.socketio.internal.packet;

/** A Socket.IO packet (the data of an Engine.IO message) that breaks protocol v5. */
public final class SocketProtocolException extends PacketException {

    private static final long serialVersionUID = 1L;

    SocketProtocolException(String message) {
        super(message);
    }

    SocketProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
