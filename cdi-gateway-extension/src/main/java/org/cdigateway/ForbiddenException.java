package org.cdigateway;

/**
 * A refusal by a guard: a connection is closed with 4403, a message is answered with a {@code FORBIDDEN} error frame
 * carrying this message. Guards may throw it instead of returning false to say why; handlers may throw it too.
 */
public class ForbiddenException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** With the message the client sees. */
    public ForbiddenException(String message) {
        super(message);
    }
}
