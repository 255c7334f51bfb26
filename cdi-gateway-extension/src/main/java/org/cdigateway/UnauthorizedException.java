package org.cdigateway;

/**
 * Thrown by a guard when the client is not authenticated: a connection is refused with close code 4401, a message
 * with a {@code FORBIDDEN} error frame carrying this message.
 */
public class UnauthorizedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** With the message the client sees. */
    public UnauthorizedException(String message) {
        super(message);
    }
}
