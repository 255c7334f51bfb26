package org.cdigateway.socketio.internal.packet;

/** An Engine.IO packet or polling payload that breaks protocol v4. */
public final class EngineProtocolException extends PacketException {

    private static final long serialVersionUID = 1L;

    EngineProtocolException(String message) {
        super(message);
    }

    EngineProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
