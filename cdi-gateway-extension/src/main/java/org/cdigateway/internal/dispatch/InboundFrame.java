package org.cdigateway.internal.dispatch;

import jakarta.json.JsonValue;

/**
 * One decoded text frame: its event, correlation id and data.
 *
 * @param event the event name, never null
 * @param id    the id as sent ({@link JsonValue#NULL} when absent), echoed verbatim in replies
 * @param data  the data as parsed ({@link JsonValue#NULL} when absent)
 * @param cancel whether the frame is {@code "cancel":true}: the client stops the stream with this event and id
 */
public record InboundFrame(String event, JsonValue id, JsonValue data, boolean cancel) {

    public InboundFrame(String event, JsonValue id, JsonValue data) {
        this(event, id, data, false);
    }

    /** Whether the client asked for a correlated reply. */
    public boolean hasId() {
        return id != JsonValue.NULL;
    }
}
