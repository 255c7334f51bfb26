package org.cdigateway.internal.dispatch;

import java.util.List;
import java.util.function.Function;

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
 * @param decoded the data already decoded for its handler's parameter as the frame was read, without a parsed
 *                {@code data} (null): then {@link #data()} parses it when asked; null for other frames
 */
public record InboundFrame(String event, JsonValue id, JsonValue data, boolean cancel, Several several,
        Decoded decoded) {

    /**
     * Every argument of an event, and its binary attachments (see {@link Attachments}), which placeholders in the
     * arguments stand for.
     */
    public record Several(List<JsonValue> arguments, List<byte[]> attachments) {}

    /**
     * The data of a frame, decoded for one parameter of its handler as the frame was read; parsed only when something
     * else asks for it (a guard, a filter), from the frame's text, as the frame's reader parses it.
     */
    public static final class Decoded {

        private final ArgumentResolver resolver;
        private final Object value;
        private final String text;
        private final Function<String, JsonValue> reader;
        private volatile JsonValue data;

        /**
         * @param resolver the resolver it was decoded for
         * @param value    what that resolver answers
         * @param text     the frame
         * @param reader   the frame's data, parsed from the frame
         */
        public Decoded(ArgumentResolver resolver, Object value, String text, Function<String, JsonValue> reader) {
            this.resolver = resolver;
            this.value = value;
            this.text = text;
            this.reader = reader;
        }

        public ArgumentResolver resolver() {
            return resolver;
        }

        public Object value() {
            return value;
        }

        JsonValue data() {
            JsonValue d = data;
            if (d == null) {
                d = reader.apply(text);
                data = d;
            }
            return d;
        }
    }

    public InboundFrame(String event, JsonValue id, JsonValue data, boolean cancel, Several several) {
        this(event, id, data, cancel, several, null);
    }

    public InboundFrame(String event, JsonValue id, JsonValue data) {
        this(event, id, data, false, null, null);
    }

    public InboundFrame(String event, JsonValue id, JsonValue data, boolean cancel) {
        this(event, id, data, cancel, null, null);
    }

    /** A native frame whose data was decoded as it was read. */
    public static InboundFrame ofDecoded(String event, JsonValue id, boolean cancel, Decoded decoded) {
        return new InboundFrame(event, id, null, cancel, null, decoded);
    }

    /** The data as parsed ({@link JsonValue#NULL} when absent); parsed now for a frame {@link #decoded} as read. */
    @Override
    public JsonValue data() {
        JsonValue d = data;
        return d != null ? d : decoded.data();
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
        JsonValue d = data();
        return d == JsonValue.NULL ? List.of() : List.of(d);
    }

    /** Whether the client asked for a correlated reply. */
    public boolean hasId() {
        return id != JsonValue.NULL;
    }
}
