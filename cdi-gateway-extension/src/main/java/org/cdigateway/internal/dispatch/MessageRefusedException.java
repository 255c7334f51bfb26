package org.cdigateway.internal.dispatch;

/**
 * A message the gateway answers with an error frame of its own code without calling the handler: a cap on what one
 * connection may hold was reached ({@link #LIMIT_EXCEEDED}), or a stream with the frame's id is still running
 * ({@link #DUPLICATE_ID}). The connection stays open.
 */
public final class MessageRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** A per-connection cap (streams, pending replies) is reached. */
    public static final String LIMIT_EXCEEDED = "LIMIT_EXCEEDED";
    /** The frame's id is the id of a stream that is still running. */
    public static final String DUPLICATE_ID = "DUPLICATE_ID";

    private final String code;

    public MessageRefusedException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    /** The error code of the frame. */
    public String code() {
        return code;
    }
}
