package org.cdigateway.internal.json;

import java.util.Map;

import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;

/**
 * Writes JSON string literals without going through a JSON library: the hot path's building block. A lone surrogate
 * (half of a pair, which no UTF-8 encoder can write) is written as a JSON escape, so that any string a client sent
 * can be sent back.
 */
public final class JsonText {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JsonText() {}

    /** The JSON string literal for {@code s}, quotes included. */
    public static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        appendQuoted(sb, s);
        return sb.toString();
    }

    /**
     * Text a client chose (an event name, a header), fit for a log line: quoted and escaped, so it cannot forge lines
     * or control characters, and cut to 100 characters.
     */
    public static String forLog(String s) {
        if (s == null) {
            return "null";
        }
        if (s.length() <= 100) {
            return quote(s);
        }
        return quote(s.substring(0, 100)) + "... (" + s.length() + " characters)";
    }

    /**
     * The JSON text of a JSON-P value, written here rather than by its {@code toString}: a JSON-P writer costs a
     * {@code StringWriter}, a generator and its pooled buffer per value, about a third of an echo's time in the gateway.
     * Members keep their order; numbers are written as {@link JsonNumber#toString()} writes them; strings as
     * {@link #appendQuoted} does (a lone surrogate escaped, where a JSON-P writer would write what no UTF-8 encoder can).
     */
    public static String json(JsonValue value) {
        if (value instanceof JsonString s) {
            return quote(s.getString());
        }
        if (!(value instanceof JsonStructure)) {
            return value.toString();
        }
        StringBuilder sb = new StringBuilder(64);
        appendJson(sb, value);
        return sb.toString();
    }

    /** Appends the JSON text of a JSON-P value, as {@link #json(JsonValue)} writes it. */
    public static void appendJson(StringBuilder sb, JsonValue value) {
        switch (value.getValueType()) {
            case OBJECT -> {
                sb.append('{');
                boolean first = true;
                for (Map.Entry<String, JsonValue> member : value.asJsonObject().entrySet()) {
                    if (!first) {
                        sb.append(',');
                    }
                    first = false;
                    appendQuoted(sb, member.getKey());
                    sb.append(':');
                    appendJson(sb, member.getValue());
                }
                sb.append('}');
            }
            case ARRAY -> {
                sb.append('[');
                boolean first = true;
                for (JsonValue item : value.asJsonArray()) {
                    if (!first) {
                        sb.append(',');
                    }
                    first = false;
                    appendJson(sb, item);
                }
                sb.append(']');
            }
            case STRING -> appendQuoted(sb, ((JsonString) value).getString());
            case TRUE -> sb.append("true");
            case FALSE -> sb.append("false");
            case NULL -> sb.append("null");
            default -> sb.append(value.toString()); // a number
        }
    }

    /** Appends the JSON string literal for {@code s}, quotes included. */
    public static void appendQuoted(StringBuilder sb, String s) {
        sb.append('"');
        int start = 0;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\' && c != '\u2028' && c != '\u2029' && !Character.isSurrogate(c)) {
                continue;
            }
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++; // a pair: written as it is
                continue;
            }
            sb.append(s, start, i);
            start = i + 1;
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> sb.append("\\u").append(HEX[(c >> 12) & 0xF]).append(HEX[(c >> 8) & 0xF])
                        .append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
            }
        }
        sb.append(s, start, n).append('"');
    }
}
