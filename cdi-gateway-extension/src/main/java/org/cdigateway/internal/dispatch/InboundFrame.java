package org.cdigateway.internal.dispatch;

import java.util.List;

import jakarta.json.JsonValue;

/**
 * One decoded message: its event, correlation id and data.
 *
 * @param event   the event name, never null
 * @param id      the id as sent ({@link JsonValue#NULL} when absent), echoed verbatim in replies
 * @param data    the data as parsed ({@link JsonValue#NULL} when absent)
 * @param cancel  whether the frame is {@code "cancel":true}: the client stops the stream with this event and id
 * @param several the arguments and attachments of a message of a protocol whose events carry several (Socket.IO);
 *                null for a native frame, whose data is its one argument (so that its record is no larger)
 */
public record InboundFrame(String event, JsonValue id, JsonValue data, boolean cancel, Several several) {

    /**
     * Every argument of an event, and its binary attachments (see {@link Attachments}), which placeholders in the
     * arguments stand for.
     */
    public record Several(List<JsonValue> arguments, List<byte[]> attachments) {}

    public InboundFrame(String event, JsonValue id, JsonValue data) {
        this(event, id, data, false, null);
    }

    public InboundFrame(String event, JsonValue id, JsonValue data, boolean cancel) {
        this(event, id, data, cancel, null);
    }

    /**
     * A message of several arguments: its data is the one argument when there is one, all of them as an array when
     * there are several, as in NestJS (the protocol builds that array: it has the JSON provider).
     */
    public static InboundFrame ofArguments(String event, JsonValue id, JsonValue data, List<JsonValue> arguments) {
        return new InboundFrame(event, id, data, false, new Several(arguments, List.of()));
    }

    /** A message of several arguments and binary attachments, which its placeholders stand for. */
    public static InboundFrame ofArguments(String event, JsonValue id, JsonValue data, List<JsonValue> arguments,
            List<byte[]> attachments) {
        return new InboundFrame(event, id, data, false, new Several(arguments, attachments));
    }

    /** Every argument of the event, for protocols whose events carry several; null when the data is the only one. */
    public List<JsonValue> arguments() {
        return several == null ? null : several.arguments();
    }

    /** The binary attachments of the message, empty for most. */
    public List<byte[]> attachments() {
        return several == null ? List.of() : several.attachments();
    }

    /** Every argument of the event, attachments in place of their placeholders; the data alone, for one. */
    public List<Object> argumentList() {
        if (several != null) {
            List<byte[]> attachments = several.attachments();
            if (!attachments.isEmpty()) {
                return several.arguments().stream().map(a -> Attachments.resolve(a, attachments)).toList();
            }
            return List.copyOf(several.arguments());
        }
        return data == JsonValue.NULL ? List.of() : List.of(data);
    }

    /** Whether the client asked for a correlated reply. */
    public boolean hasId() {
        return id != JsonValue.NULL;
    }
}
