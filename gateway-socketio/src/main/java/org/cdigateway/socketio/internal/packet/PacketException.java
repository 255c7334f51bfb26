package org.cdigateway.socketio.internal.packet;

/**
 * A peer sent something the Engine.IO or Socket.IO protocol does not allow. Checked, so that the transport that feeds
 * the codecs has to decide what a broken packet does to the connection (the protocols say: close it).
 */
public class PacketException extends Exception {

    private static final long serialVersionUID = 1L;

    PacketException(String message) {
        super(message);
    }

    PacketException(String message, Throwable cause) {
        super(message, cause);
    }
}
