package org.cdigateway;

/**
 * A refusal by a guard: a connection is closed with 4403, a message is answered with a {@code FORBIDDEN} error frame
 * carrying this message. Guards may throw it instead of returning false to say why; handlers may throw it too.
 */
public class ForbiddenException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Object data;

    /** With the message the client sees. */
    public ForbiddenException(String message) {
        this(message, null);
    }

    /**
     * With the message the client sees and data for it: a Socket.IO client refused at connection gets both in its
     * {@code connect_error} ({@code err.message}, {@code err.data}); native clients get the message only.
     *
     * @param data encoded with JSON-B
     */
    public ForbiddenException(String message, Object data) {
        super(message);
        this.data = data;
    }

    /** The data given with the refusal, or null. */
    public Object getData() {
        return data;
    }
}
