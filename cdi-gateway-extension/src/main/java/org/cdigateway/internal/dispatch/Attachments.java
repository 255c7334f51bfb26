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
import org.cdigateway.internal.json.JsonCodec;

/**
 * Binary attachments of messages, for protocols that carry binaries beside their JSON (Socket.IO): a placeholder
 * {@code {"_placeholder":true,"num":N}} in a message's data stands for its attachment N. Only a message that came
 * with attachments is read this way; in any other, such an object is plain JSON.
 *
 * <p>
 * A broadcast is encoded once for every protocol and every node ({@link #encode}): its binaries become attachments and
 * placeholders, which a protocol without attachments writes back in place ({@link #inline(String, List)}) as JSON-B
 * writes a {@code byte[]}, so that its clients get what JSON-B alone would have written.
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

    private static final String PLACEHOLDER = "{\"_placeholder\":true,\"num\":";

    /**
     * {@code data} as JSON, with a placeholder for each binary where {@link #held} looks, each binary (a
     * {@code ByteBuffer}'s remaining bytes) added to {@code attachments} in the order of the placeholders' numbers.
     * The rest is written by {@code json} as it writes {@code data} without binaries: {@link #inline(String, List)}
     * of the result is what JSON-B writes for {@code data} (a {@code ByteBuffer} written as its bytes).
     */
    public static String encode(Object data, JsonCodec json, List<byte[]> attachments) {
        if (data instanceof Arguments a) { // as JsonCodec writes Arguments: each value on its own
            StringBuilder sb = new StringBuilder().append('[');
            for (int i = 0; i < a.size(); i++) {
                sb.append(i == 0 ? "" : ",").append(encode(a.get(i), json, attachments));
            }
            return sb.append(']').toString();
        }
        return json.encode(substitute(data, attachments, 0));
    }

    /**
     * {@code value} with a placeholder (a map JSON-B writes as {@code {"_placeholder":true,"num":N}}) in place of each
     * binary where {@link #held} looks; a container that holds one is copied, in its order, anything else kept.
     */
    private static Object substitute(Object value, List<byte[]> attachments, int depth) {
        if (value instanceof byte[] bytes) {
            return placeholder(bytes, attachments);
        }
        if (value instanceof ByteBuffer buffer) {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.duplicate().get(bytes);
            return placeholder(bytes, attachments);
        }
        if (depth >= MAX_DEPTH || value instanceof JsonValue) {
            return value;
        }
        if (value instanceof Arguments a) {
            Object values = substitute(a.values(), attachments, depth + 1);
            return values == a.values() ? a : new Arguments(castList(values));
        }
        if (value instanceof Collection<?> c) {
            List<Object> copy = null;
            int i = 0;
            for (Object element : c) {
                Object s = substitute(element, attachments, depth + 1);
                if (s != element && copy == null) {
                    copy = new ArrayList<>(c.size());
                    int j = 0;
                    for (Object before : c) {
                        if (j++ == i) {
                            break;
                        }
                        copy.add(before);
                    }
                }
                if (copy != null) {
                    copy.add(s);
                }
                i++;
            }
            return copy == null ? value : copy;
        }
        if (value instanceof Map<?, ?> m) {
            Map<Object, Object> copy = null;
            int i = 0;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                Object s = substitute(e.getValue(), attachments, depth + 1);
                if (s != e.getValue() && copy == null) {
                    copy = new LinkedHashMap<>();
                    int j = 0;
                    for (Map.Entry<?, ?> before : m.entrySet()) {
                        if (j++ == i) {
                            break;
                        }
                        copy.put(before.getKey(), before.getValue());
                    }
                }
                if (copy != null) {
                    copy.put(e.getKey(), s);
                }
                i++;
            }
            return copy == null ? value : copy;
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> castList(Object list) {
        return (List<Object>) list;
    }

    private static Map<String, Object> placeholder(byte[] bytes, List<byte[]> attachments) {
        Map<String, Object> p = new LinkedHashMap<>(4);
        p.put("_placeholder", Boolean.TRUE);
        p.put("num", attachments.size());
        attachments.add(bytes);
        return p;
    }

    /**
     * {@code json} with each placeholder {@code {"_placeholder":true,"num":N}} (as {@link #encode} writes it) replaced
     * by attachment N as a JSON array of byte values, {@code [1,-2,127]}, exactly as JSON-B writes a {@code byte[]}. A
     * placeholder stands only where a JSON value starts: inside a string its quotes would be escaped.
     */
    public static String inline(String json, List<byte[]> attachments) {
        int at = json.indexOf(PLACEHOLDER);
        if (attachments.isEmpty() || at < 0) {
            return json;
        }
        StringBuilder sb = new StringBuilder(json.length() + attachments.size() * 64);
        int from = 0;
        for (; at >= 0; at = json.indexOf(PLACEHOLDER, at + 1)) {
            int digits = at + PLACEHOLDER.length();
            int end = digits;
            while (end < json.length() && end - digits < 10 && Character.isDigit(json.charAt(end))) {
                end++;
            }
            if (end == digits || end >= json.length() || json.charAt(end) != '}') {
                continue;
            }
            int num = Integer.parseInt(json, digits, end, 10);
            if (num >= attachments.size()) {
                continue;
            }
            sb.append(json, from, at);
            byte[] bytes = attachments.get(num);
            sb.append('[');
            for (int i = 0; i < bytes.length; i++) {
                if (i > 0) {
                    sb.append(',');
                }
                sb.append(bytes[i]);
            }
            sb.append(']');
            from = end + 1;
        }
        return sb.append(json, from, json.length()).toString();
    }
}
