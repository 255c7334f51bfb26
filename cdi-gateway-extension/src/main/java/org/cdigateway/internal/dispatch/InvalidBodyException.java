package org.cdigateway.internal.dispatch;

/** The frame's data (or a property of it) does not fit the handler parameter; answered with VALIDATION_FAILED. */
public final class InvalidBodyException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String path;

    public InvalidBodyException(String path, String message, Throwable cause) {
        super(message, cause, false, false);
        this.path = path;
    }

    /** Where in the frame: {@code data}, {@code data.room}, or a path parameter such as {@code path.room}. */
    public String path() {
        return path;
    }
}
