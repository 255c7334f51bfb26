package org.cdigateway.internal.dispatch;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

import org.cdigateway.Arguments;

/**
 * Binary attachments of messages, for protocols that carry binaries beside their JSON (Socket.IO): a placeholder
 * {@code {"_placeholder":true,"num":N}} in a message's data stands for its attachment N. Only a message that came
 * with attachments is read this way; in any other, such an object is plain JSON.
 */
public final class Attachments {

    private static final JsonProvider JSON = JsonProvider.provider();
    private static final int MAX_DEPTH = 32;

    private Attachments() {}

    /** Whether {@code value} stands for an attachment: an object whose {@code _placeholder} is {@code true}. */
    public static boolean isPlaceholder(JsonValue value) {
        if (!(value instanceof JsonObject object)) {
            return false;
        }
        JsonValue flag = object.get("_placeholder");
        return flag != null && flag.getValueType() == JsonValue.ValueType.TRUE
                && object.get("num") instanceof JsonNumber;
    }

    /** The attachment a placeholder stands for. */
    public static byte[] of(JsonValue placeholder, List<byte[]> attachments) {
        return attachments.get(((JsonNumber) placeholder.asJsonObject().get("num")).intValueExact());
    }

    /**
     * {@code value} with the attachments in place of their placeholders: a placeholder becomes its {@code byte[]};
     * an array or object that holds one somewhere becomes a {@code List<Object>} or a {@code Map<String, Object>}
     * (member order kept) of such values; anything else is returned as it is.
     */
    public static Object resolve(JsonValue value, List<byte[]> attachments) {
        if (attachments.isEmpty()) {
            return value;
        }
        switch (value.getValueType()) {
            case ARRAY -> {
                JsonArray array = value.asJsonArray();
                List<Object> resolved = null;
                for (int i = 0; i < array.size(); i++) {
                    JsonValue element = array.get(i);
                    Object r = resolve(element, attachments);
                    if (r != element && resolved == null) {
                        resolved = new ArrayList<>(array.subList(0, i));
                    }
                    if (resolved != null) {
                        resolved.add(r);
                    }
                }
                return resolved == null ? value : resolved;
            }
            case OBJECT -> {
                if (isPlaceholder(value)) {
                    return of(value, attachments);
                }
                JsonObject object = value.asJsonObject();
                Map<String, Object> resolved = null;
                for (Map.Entry<String, JsonValue> member : object.entrySet()) {
                    Object r = resolve(member.getValue(), attachments);
                    if (r != member.getValue() && resolved == null) {
                        resolved = new LinkedHashMap<>();
                        for (Map.Entry<String, JsonValue> before : object.entrySet()) {
                            if (before.getKey().equals(member.getKey())) {
                                break;
                            }
                            resolved.put(before.getKey(), before.getValue());
                        }
                    }
                    if (resolved != null) {
                        resolved.put(member.getKey(), r);
                    }
                }
                return resolved == null ? value : resolved;
            }
            default -> {
                return value;
            }
        }
    }

    /**
     * {@code value} with each placeholder replaced by its attachment as a JSON array of byte values, which is how
     * JSON-B reads a {@code byte[]}: so a {@code byte[]} property of a handler's parameter type gets the attachment.
     */
    public static JsonValue inline(JsonValue value, List<byte[]> attachments) {
        if (attachments.isEmpty()) {
            return value;
        }
        switch (value.getValueType()) {
            case ARRAY -> {
                JsonArrayBuilder b = JSON.createArrayBuilder();
                for (JsonValue element : value.asJsonArray()) {
                    b.add(inline(element, attachments));
                }
                return b.build();
            }
            case OBJECT -> {
                if (isPlaceholder(value)) {
                    JsonArrayBuilder b = JSON.createArrayBuilder();
                    for (byte x : of(value, attachments)) {
                        b.add(x);
                    }
                    return b.build();
                }
                JsonObjectBuilder b = JSON.createObjectBuilder();
                for (Map.Entry<String, JsonValue> member : value.asJsonObject().entrySet()) {
                    b.add(member.getKey(), inline(member.getValue(), attachments));
                }
                return b.build();
            }
            default -> {
                return value;
            }
        }
    }

    /**
     * Whether a value to send holds binaries where a protocol with attachments looks for them: a {@code byte[]} or
     * {@code ByteBuffer} itself, or inside {@link Arguments}, a {@code Collection} or a {@code Map} (not a
     * {@code JsonValue}). Properties of other objects are not looked into: JSON-B writes them.
     */
    public static boolean held(Object value) {
        return held(value, 0);
    }

    private static boolean held(Object value, int depth) {
        if (value instanceof byte[] || value instanceof ByteBuffer) {
            return true;
        }
        if (depth >= MAX_DEPTH || value instanceof JsonValue) {
            return false;
        }
        if (value instanceof Arguments a) {
            return held(a.values(), depth + 1);
        }
        if (value instanceof Collection<?> c) {
            for (Object element : c) {
                if (held(element, depth + 1)) {
                    return true;
                }
            }
            return false;
        }
        if (value instanceof Map<?, ?> m) {
            for (Object v : m.values()) {
                if (held(v, depth + 1)) {
                    return true;
                }
            }
        }
        return false;
    }
}
