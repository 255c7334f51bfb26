package org.cdigateway;

/**
 * Thrown by a guard when the client is not authenticated: a connection is refused with close code 4401, a message
 * with a {@code FORBIDDEN} error frame carrying this message.
 */
public class UnauthorizedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Object data;

    /** With the message the client sees. */
    public UnauthorizedException(String message) {
        this(message, null);
    }

    /**
     * With the message the client sees and data for it: a Socket.IO client refused at connection gets both in its
     * {@code connect_error} ({@code err.message}, {@code err.data}); native clients get the message only.
     *
     * @param data encoded with JSON-B
     */
    public UnauthorizedException(String message, Object data) {
        super(message);
        this.data = data;
    }

    /** The data given with the refusal, or null. */
    public Object getData() {
        return data;
    }
}
