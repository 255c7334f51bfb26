package org.cdigateway.junit5.client;

import java.lang.reflect.Type;
import java.util.Objects;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * One received text frame: {@code {"event": string, "data": any, "id"?: string|number}}.
 *
 * <p>
 * Frames that are not JSON objects (or not JSON at all) are kept too: their {@link #event()} is {@code null} and
 * {@link #raw()} holds the text.
 *
 * <pre>{@code
 * Frame reply = client.request("echo", Map.of("x", 1));
 * assertThat(reply.isError()).isFalse();
 * assertThat(reply.data(Point.class)).isEqualTo(new Point(1, 2));
 * }</pre>
 */
public final class Frame {

    /** The event of an error frame. */
    public static final String EXCEPTION_EVENT = "exception";

    private final String raw;
    private final String event;
    private final JsonValue id;
    private final JsonValue data;
    private final boolean end;

    private Frame(String raw, String event, JsonValue id, JsonValue data, boolean end) {
        this.raw = raw;
        this.event = event;
        this.id = id;
        this.data = data;
        this.end = end;
    }

    /** Parses a received text message; never throws. */
    static Frame parse(String raw) {
        Objects.requireNonNull(raw, "raw");
        try {
            if (JsonSupport.parse(raw) instanceof JsonObject object) {
                JsonValue event = object.get("event");
                return new Frame(raw,
                        event instanceof JsonString s ? s.getString() : null,
                        object.getOrDefault("id", JsonValue.NULL),
                        object.getOrDefault("data", JsonValue.NULL),
                        object.get("end") == JsonValue.TRUE);
            }
        } catch (RuntimeException notJson) {
            // kept as a frame without event
        }
        return new Frame(raw, null, JsonValue.NULL, JsonValue.NULL, false);
    }

    /** Whether this is the end of a streamed reply: {@code {"event":..,"id":..,"end":true}}. */
    public boolean isEnd() {
        return end;
    }

    /** The {@code event} member, or {@code null} when absent, not a string, or the frame is not a JSON object. */
    public String event() {
        return event;
    }

    /** The {@code id} member, {@link JsonValue#NULL} when absent. */
    public JsonValue id() {
        return id;
    }

    /** The {@code id} member as text (numbers as their JSON text), {@code null} when absent or JSON null. */
    public String idAsString() {
        return text(id);
    }

    /** The {@code data} member, {@link JsonValue#NULL} when absent. */
    public JsonValue data() {
        return data;
    }

    /** The {@code data} member decoded with JSON-B; {@code null} when it is absent or JSON null. */
    public <T> T data(Class<T> type) {
        return JsonSupport.fromJson(data, type);
    }

    /** The {@code data} member decoded with JSON-B into a generic type; {@code null} when absent or JSON null. */
    public <T> T data(Type type) {
        return JsonSupport.fromJson(data, type);
    }

    /** Whether this is an error frame ({@code event == "exception"}). */
    public boolean isError() {
        return EXCEPTION_EVENT.equals(event);
    }

    /** {@code data.code} of an error frame (numbers as their text), otherwise {@code null}. */
    public String errorCode() {
        return errorMember("code");
    }

    /** {@code data.message} of an error frame, otherwise {@code null}. */
    public String errorMessage() {
        return errorMember("message");
    }

    /** The exact text that was received. */
    public String raw() {
        return raw;
    }

    /** The exact text that was received. */
    @Override
    public String toString() {
        return raw;
    }

    private String errorMember(String name) {
        if (isError() && data instanceof JsonObject object) {
            return text(object.get(name));
        }
        return null;
    }

    private static String text(JsonValue value) {
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value instanceof JsonString s) {
            return s.getString();
        }
        if (value instanceof JsonNumber n) {
            return n.toString();
        }
        return value.toString();
    }
}
