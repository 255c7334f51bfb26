package org.cdigateway.fuzz;

import java.io.StringReader;

import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;

/**
 * Walks a text frame in the order {@code FrameCodec#parse} reads it, and tells where its way of reading departs from
 * strict JSON: it skips the value of a member it does not read with Parsson's {@code skipObject()}/
 * {@code skipArray()}, which count only their own kind of bracket, do not check the tokens in between, and read past
 * the end of the input forever when the value is not closed; and it does not step over a structure given as
 * {@code "cancel"}, reading its members as the frame's. Used to recognise the known defects these cause.
 */
final class CodecWalk {

    /** The first departure from strict JSON on the codec's way through a frame. */
    enum Departure {
        NONE, SKIP_NEVER_ENDS, SKIP_OVER_INVALID_JSON, CANCEL_STRUCTURE
    }

    private static final JsonProvider JSON = JsonProvider.provider();

    private CodecWalk() {}

    static Departure of(String text) {
        Departure lax = walk(text, false);
        if (lax == Departure.SKIP_NEVER_ENDS) {
            return lax;
        }
        Departure strict = walk(text, true);
        return strict == Departure.SKIP_OVER_INVALID_JSON ? strict : lax;
    }

    /**
     * One walk: where the codec skips, either skips too (having checked that the skip ends) or reads the value
     * strictly.
     */
    private static Departure walk(String text, boolean strictly) {
        Departure found = Departure.NONE;
        try (JsonParser p = JSON.createParser(new StringReader(text))) {
            if (!p.hasNext() || p.next() != JsonParser.Event.START_OBJECT) {
                return found;
            }
            while (p.next() == JsonParser.Event.KEY_NAME) {
                String key = p.getString();
                JsonParser.Event v = p.next();
                boolean object = v == JsonParser.Event.START_OBJECT;
                boolean structure = object || v == JsonParser.Event.START_ARRAY;
                if (key.equals("id") || key.equals("data")) {
                    p.getValue();
                } else if (key.equals("cancel")) {
                    if (structure && found == Departure.NONE) {
                        found = Departure.CANCEL_STRUCTURE; // the walk goes on inside it, as the codec does
                    }
                } else if (structure) {
                    if (!closes(text, (int) p.getLocation().getStreamOffset(), object ? '{' : '[')) {
                        return Departure.SKIP_NEVER_ENDS;
                    }
                    if (!strictly) {
                        if (object) {
                            p.skipObject();
                        } else {
                            p.skipArray();
                        }
                    } else {
                        try {
                            p.getValue();
                        } catch (JsonParsingException e) {
                            return Departure.SKIP_OVER_INVALID_JSON;
                        }
                    }
                }
            }
            return found;
        } catch (RuntimeException | StackOverflowError e) {
            return found;
        }
    }

    /** Whether a string (a member name or a value) of the frame, as JSON reads it, holds an unpaired surrogate. */
    static boolean hasUnpairedSurrogate(String text) {
        if (text.indexOf("\\u") < 0 && !hasUnpaired(text)) {
            return false;
        }
        try (JsonParser p = JSON.createParser(new StringReader(text))) {
            while (p.hasNext()) {
                JsonParser.Event e = p.next();
                if ((e == JsonParser.Event.VALUE_STRING || e == JsonParser.Event.KEY_NAME)
                        && hasUnpaired(p.getString())) {
                    return true;
                }
            }
        } catch (RuntimeException e) {
            // what the gateway read up to here is all it can echo
        }
        return false;
    }

    private static boolean hasUnpaired(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    return true;
                }
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the bracket {@code open}, opened just before {@code from}, is closed before the end of the text,
     * counting only brackets of its kind outside strings; an unterminated string or a character no JSON token has
     * makes the tokenizer fail before the end, so it counts as closed.
     */
    static boolean closes(String text, int from, char open) {
        char close = open == '{' ? '}' : ']';
        int depth = 1;
        boolean string = false;
        for (int i = Math.max(0, from); i < text.length(); i++) {
            char c = text.charAt(i);
            if (string) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    string = false;
                } else if (c < 0x20) {
                    return true;
                }
            } else if (c == '"') {
                string = true;
            } else if (c == open) {
                depth++;
            } else if (c == close) {
                if (--depth == 0) {
                    return true;
                }
            } else if ("{}[],: \t\r\n-+.0123456789eEtrufalsn".indexOf(c) < 0) {
                return true;
            }
        }
        return string;
    }
}
