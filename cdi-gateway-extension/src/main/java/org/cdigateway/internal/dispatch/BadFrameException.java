package org.cdigateway.internal.dispatch;

import jakarta.json.JsonValue;

/** A text frame that is not a gateway frame: not JSON, not an object, or without a string event. */
public final class BadFrameException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient JsonValue id;

    public BadFrameException(String message, JsonValue id) {
        super(message, null, false, false);
        this.id = id;
    }

    /** The frame's id when it could be read, so the error can still be correlated; else {@link JsonValue#NULL}. */
    public JsonValue id() {
        return id;
    }
}
