package org.cdigateway.internal.protocol;

import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;

import org.cdigateway.internal.dispatch.ArgumentResolvers;
import org.cdigateway.internal.dispatch.BadFrameException;
import org.cdigateway.internal.dispatch.DispatchTable;
import org.cdigateway.internal.dispatch.HandlerInvoker;
import org.cdigateway.internal.dispatch.InboundFrame;
import org.cdigateway.internal.json.JsonCodec;
import org.cdigateway.internal.json.JsonText;

/**
 * The native wire format: {@code {"event":string,"data":any,"id"?:string|number}}. Parses the envelope in one pass,
 * keeping {@code data} as a parsed value for the body resolvers (or decoding it for its handler's parameter as it
 * goes, see {@link #parse(String, DispatchTable)}), and writes outbound frames by concatenation. Replies
 * and stream items carry the request's id; errors are the event {@code exception}; a stream ends with
 * {@code {"event":..,"id":..,"end":true}}.
 */
public final class NativeProtocol implements WireProtocol {

    /** The event of every error frame. */
    public static final String EXCEPTION_EVENT = "exception";

    private static final String EXCEPTION = JsonText.quote(EXCEPTION_EVENT);

    private final JsonCodec json;

    public NativeProtocol(JsonCodec json) {
        this.json = json;
    }

    @Override
    public InboundFrame parse(String text) throws BadFrameException {
        return read(text, null);
    }

    /**
     * Reads the frame and, when its handler takes the whole data as one parameter that JSON-B decodes
     * ({@link HandlerInvoker#directBody()}), decodes an array or object data for it straight from the frame's parser,
     * without building the data's tree. That needs the handler when the data comes, so only a frame whose
     * {@code "event"} comes before its {@code "data"} is read so. Whatever the decoding cannot do as the handler's
     * parameter would (see {@link JsonCodec#decodeStructure}), or a frame that names {@code "event"} or {@code "data"}
     * again after the data, is read again as {@link #parse(String)} reads it: the same frame, error or id.
     */
    @Override
    public InboundFrame parse(String text, DispatchTable table) throws BadFrameException {
        return read(text, json.decodesFromParser() ? table : null);
    }

    /** The data of a frame read before, parsed. */
    private JsonValue dataOf(String text) {
        try {
            return read(text, null).data();
        } catch (BadFrameException e) {
            throw new IllegalStateException("A frame read once cannot be read again: " + e.getMessage(), e);
        }
    }

    private InboundFrame read(String text, DispatchTable table) throws BadFrameException {
        String event = null;
        JsonValue id = JsonValue.NULL;
        JsonValue data = JsonValue.NULL;
        InboundFrame.Decoded decoded = null;
        boolean badEvent = false;
        boolean cancel = false;
        try (JsonParser p = json.parser(text)) {
            if (!p.hasNext() || p.next() != JsonParser.Event.START_OBJECT) {
                throw new BadFrameException("A frame must be a JSON object such as {\"event\":\"name\",\"data\":{}}",
                        JsonValue.NULL);
            }
            JsonParser.Event e;
            while ((e = p.next()) == JsonParser.Event.KEY_NAME) {
                String key = p.getString();
                JsonParser.Event v = p.next();
                switch (key) {
                    case "event" -> {
                        if (decoded != null) {
                            return read(text, null); // the data was decoded for the handler of another event
                        }
                        if (v == JsonParser.Event.VALUE_STRING) {
                            event = p.getString();
                        } else {
                            badEvent = true;
                            skip(p, v);
                        }
                    }
                    case "id" -> {
                        JsonValue value = p.getValue();
                        if (value instanceof JsonString || value instanceof JsonNumber) {
                            id = value;
                        } else if (value != JsonValue.NULL) {
                            throw new BadFrameException("The frame's \"id\" must be a string or a number",
                                    JsonValue.NULL);
                        }
                    }
                    case "data" -> {
                        if (decoded != null) {
                            return read(text, null); // the last data counts
                        }
                        HandlerInvoker handler;
                        if (table != null && event != null
                                && (v == JsonParser.Event.START_OBJECT || v == JsonParser.Event.START_ARRAY)
                                && (handler = table.handler(event)) != null && handler.directBody() != null) {
                            ArgumentResolvers.WholeBody body = handler.directBody();
                            Object value;
                            try {
                                value = json.decodeStructure(p, v, body.type());
                            } catch (RuntimeException | StackOverflowError ex) {
                                return read(text, null); // decoded from the tree, or refused, as always
                            }
                            decoded = new InboundFrame.Decoded(body, value, text, this::dataOf);
                        } else {
                            data = p.getValue();
                        }
                    }
                    case "cancel" -> {
                        cancel = v == JsonParser.Event.VALUE_TRUE;
                        skip(p, v);
                    }
                    default -> skip(p, v);
                }
            }
            if (e != JsonParser.Event.END_OBJECT || p.hasNext()) {
                throw new BadFrameException("The frame is not a single JSON object", id);
            }
        } catch (BadFrameException ex) {
            if (decoded != null) {
                return read(text, null);
            }
            throw ex;
        } catch (JsonParsingException ex) {
            if (decoded != null) {
                return read(text, null);
            }
            throw new BadFrameException("The frame is not valid JSON: " + ex.getMessage(), JsonValue.NULL);
        } catch (JsonException | IllegalStateException | java.util.NoSuchElementException ex) {
            if (decoded != null) {
                return read(text, null);
            }
            throw new BadFrameException("The frame is not valid JSON", JsonValue.NULL);
        } catch (RuntimeException | StackOverflowError ex) {
            if (decoded != null) {
                return read(text, null);
            }
            // what a parser throws past its own limits (numbers too long, nesting too deep): still not a frame
            throw new BadFrameException("The frame cannot be read: " + limitMessage(ex), JsonValue.NULL);
        }
        if (event == null) {
            throw new BadFrameException(badEvent
                    ? "The frame's \"event\" must be a string"
                    : "The frame has no \"event\": send {\"event\":\"name\",\"data\":...}", id);
        }
        return decoded != null
                ? InboundFrame.ofDecoded(event, id, cancel, decoded)
                : new InboundFrame(event, id, data, cancel);
    }

    private static String limitMessage(Throwable ex) {
        String m = ex.getMessage();
        return m == null || m.length() > 200 ? "it exceeds the parser's limits" : m;
    }

    /** {@code {"event":<event>,"id":<id>,"end":true}}. */
    @Override
    public String streamEnd(String quotedEvent, JsonValue id) {
        StringBuilder sb = new StringBuilder(quotedEvent.length() + 32).append("{\"event\":").append(quotedEvent);
        if (id != JsonValue.NULL) {
            sb.append(",\"id\":").append(id);
        }
        return sb.append(",\"end\":true}").toString();
    }

    /**
     * Skips the value that began with {@code v}, event by event, so that what is skipped is still checked to be JSON
     * and a value cut short ends in an exception (the parser's own skipObject only counts brackets, and loops at the
     * end of a truncated text).
     */
    private static void skip(JsonParser p, JsonParser.Event v) {
        if (v != JsonParser.Event.START_OBJECT && v != JsonParser.Event.START_ARRAY) {
            return;
        }
        int depth = 1;
        while (depth > 0) {
            JsonParser.Event e = p.next();
            if (e == JsonParser.Event.START_OBJECT || e == JsonParser.Event.START_ARRAY) {
                depth++;
            } else if (e == JsonParser.Event.END_OBJECT || e == JsonParser.Event.END_ARRAY) {
                depth--;
            }
        }
    }

    /** {@code {"event":<quotedEvent>,"data":<dataJson>[,"id":<id>]}}; {@code quotedEvent} is already a literal. */
    static String encoded(String quotedEvent, String dataJson, JsonValue id) {
        StringBuilder sb = new StringBuilder(quotedEvent.length() + dataJson.length() + 32);
        sb.append("{\"event\":").append(quotedEvent).append(",\"data\":").append(dataJson);
        if (id != JsonValue.NULL) {
            sb.append(",\"id\":").append(id.toString());
        }
        return sb.append('}').toString();
    }

    /** As {@link #reply}, the value written into the message as it is built: no text of it on its own. */
    @Override
    public String replyValue(String quotedEvent, JsonValue data, JsonValue id) {
        StringBuilder sb = new StringBuilder(quotedEvent.length() + 64);
        sb.append("{\"event\":").append(quotedEvent).append(",\"data\":");
        JsonText.appendJson(sb, data);
        if (id != JsonValue.NULL) {
            sb.append(",\"id\":").append(id.toString());
        }
        return sb.append('}').toString();
    }

    /** {@code {"event":<event>,"data":<data>}}. */
    @Override
    public String event(String quotedEvent, String dataJson) {
        return encoded(quotedEvent, dataJson, JsonValue.NULL);
    }

    /** {@code {"event":<event>,"data":<data>,"id":<id>}}, without the id when the message had none. */
    @Override
    public String reply(String quotedEvent, String dataJson, JsonValue id) {
        return encoded(quotedEvent, dataJson, id);
    }

    /** {@code {"event":"exception","data":<error>,"id":<id>}}. */
    @Override
    public String error(String errorJson, JsonValue id) {
        return encoded(EXCEPTION, errorJson, id);
    }

    /** As a reply: {@code {"event":<event>,"data":<item>,"id":<id>}}. */
    @Override
    public String streamItem(String quotedEvent, String dataJson, JsonValue id) {
        return encoded(quotedEvent, dataJson, id);
    }
}
