package org.cdigateway;

/**
 * Thrown by a handler to answer the client with an error frame; the connection stays open.
 *
 * <p>
 * With a message, the client receives
 * {@code {"event":"exception","id":<echoed>,"data":{"status":"error","message":"..."}}}; with an object, the object
 * (encoded with JSON-B) is the {@code data}.
 *
 * <pre>{@code
 * if (room.isFull()) {
 *     throw new WsException(new RoomFull(room.name(), room.capacity()));
 * }
 * }</pre>
 */
public class WsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Object error;

    /** An error whose frame carries {@code {"status":"error","message":message}}. */
    public WsException(String message) {
        super(message);
        this.error = message;
    }

    /** An error whose frame carries {@code error}, encoded with JSON-B, as its data. */
    public WsException(Object error) {
        super(String.valueOf(error));
        this.error = error;
    }

    /** An error with a message and the exception that caused it (the cause is logged, never sent). */
    public WsException(String message, Throwable cause) {
        super(message, cause);
        this.error = message;
    }

    /** The message or the object given to the constructor. */
    public Object getError() {
        return error;
    }
}
