package org.cdigateway.fuzz;

import java.io.StringReader;
import java.util.HashSet;
import java.util.Set;

import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;

/**
 * What the harness expects the gateway to make of a text frame, read the way the wire protocol describes frames
 * (not the way the gateway's code does): whether it is one JSON object, its event (the last string
 * {@code "event"}: a frame that repeats a member counts its last value, as the wire protocol documents; at most one
 * name in {@code events}), whether it has an {@code "id"} key and which id the gateway will echo, and
 * whether it is a cancel, and whether no member name repeats.
 */
record FrameModel(boolean object, Set<String> events, boolean idKey, JsonValue id, boolean cancel,
        boolean uniqueKeys) {

    static final FrameModel NOT_A_FRAME = new FrameModel(false, Set.of(), false, JsonValue.NULL, false,
            false);

    private static final JsonProvider JSON = JsonProvider.provider();

    static FrameModel read(String text) {
        String event = null;
        boolean idKey = false;
        JsonValue id = JsonValue.NULL;
        boolean cancel = false;
        Set<String> keys = new HashSet<>();
        boolean uniqueKeys = true;
        try (JsonParser p = JSON.createParser(new StringReader(text))) {
            if (!p.hasNext() || p.next() != JsonParser.Event.START_OBJECT) {
                return NOT_A_FRAME;
            }
            JsonParser.Event e;
            while ((e = p.next()) == JsonParser.Event.KEY_NAME) {
                String key = p.getString();
                uniqueKeys &= keys.add(key);
                p.next();
                JsonValue value = p.getValue();
                switch (key) {
                    case "event" -> {
                        if (value instanceof JsonString s) {
                            event = s.getString();
                        }
                    }
                    case "id" -> {
                        idKey = true;
                        if (value instanceof JsonString || value instanceof JsonNumber) {
                            id = value;
                        }
                    }
                    case "cancel" -> cancel = value == JsonValue.TRUE;
                    default -> {
                        // other members are the gateway's to ignore
                    }
                }
            }
            if (e != JsonParser.Event.END_OBJECT || p.hasNext()) {
                return NOT_A_FRAME;
            }
        } catch (RuntimeException | StackOverflowError ex) {
            return NOT_A_FRAME;
        }
        return new FrameModel(true, event == null ? Set.of() : Set.of(event), idKey, id, cancel, uniqueKeys);
    }

    /** Whether the harness can add its own id: a JSON object without an {@code "id"}. */
    boolean idInjectable() {
        return object && !idKey;
    }

    /** The frame with {@code "id":"<id>"} as its first member. */
    static String withId(String text, String id) {
        int open = text.indexOf('{');
        int next = open + 1;
        while (next < text.length() && " \t\r\n".indexOf(text.charAt(next)) >= 0) {
            next++;
        }
        boolean empty = next < text.length() && text.charAt(next) == '}';
        return text.substring(0, open + 1) + "\"id\":\"" + id + "\"" + (empty ? "" : ",") + text.substring(open + 1);
    }

    FrameModel withId(JsonValue newId) {
        return new FrameModel(object, events, true, newId, cancel, uniqueKeys);
    }

    boolean anyOf(Set<String> names) {
        for (String e : events) {
            if (names.contains(e)) {
                return true;
            }
        }
        return false;
    }
}
