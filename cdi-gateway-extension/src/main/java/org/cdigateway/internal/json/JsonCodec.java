package org.cdigateway.internal.json;

import java.io.StringReader;
import java.lang.reflect.Type;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;

import org.cdigateway.Arguments;

/**
 * The one JSON-B and JSON-P pair the gateways of an application share: decodes frame data into handler parameter
 * types and encodes replies. With Yasson visible it decodes parsed structures directly; otherwise through text.
 */
public final class JsonCodec {

    private static final Logger LOG = Logger.getLogger(JsonCodec.class.getName());

    // replaced once, at deployment, by the application's own Jsonb (use), before any frame is decoded
    private volatile Jsonb jsonb;
    private final JsonProvider provider;
    private volatile StructureDecoder structures;

    public JsonCodec(Jsonb jsonb, JsonProvider provider) {
        this.jsonb = jsonb;
        this.provider = provider;
        this.structures = StructureDecoder.forJsonb(jsonb);
    }

    /**
     * Decodes and encodes with {@code jsonb} from now on: the application's own, a CDI bean it produces. Called once at
     * deployment, after the gateways' models were read and before any frame is decoded.
     */
    public void use(Jsonb jsonb) {
        this.structures = StructureDecoder.forJsonb(jsonb);
        this.jsonb = jsonb;
    }

    /** The application's codec with default JSON-B settings. */
    public static JsonCodec createDefault() {
        return new JsonCodec(JsonbBuilder.create(), JsonProvider.provider());
    }

    public Jsonb jsonb() {
        return jsonb;
    }

    /** A streaming parser over {@code text}. */
    public JsonParser parser(String text) {
        return provider.createParser(new StringReader(text));
    }

    /**
     * Decodes a parsed JSON value into {@code type}.
     *
     * @throws jakarta.json.bind.JsonbException when the value does not fit the type
     */
    @SuppressWarnings("unchecked")
    public <T> T decode(JsonValue value, Type type) {
        if (type instanceof Class<?> c) {
            if (JsonValue.class.isAssignableFrom(c)) {
                if (c.isInstance(value)) {
                    return (T) value;
                }
                throw new jakarta.json.bind.JsonbException("Expected " + c.getSimpleName() + " but was "
                        + value.getValueType());
            }
            if (c == String.class && value instanceof JsonString s) {
                return (T) s.getString();
            }
            if (value == JsonValue.NULL && !c.isPrimitive()) {
                return null;
            }
            if ((c == int.class || c == Integer.class) && value instanceof JsonNumber n && n.isIntegral()) {
                return (T) Integer.valueOf(n.intValueExact());
            }
            if ((c == long.class || c == Long.class) && value instanceof JsonNumber n && n.isIntegral()) {
                return (T) Long.valueOf(n.longValueExact());
            }
            boolean isFloat = c == float.class || c == Float.class;
            if ((isFloat || c == double.class || c == Double.class) && value instanceof JsonNumber n) {
                double d = n.doubleValue(); // beyond the type's range this is infinite, which is not a number sent
                if (Double.isInfinite(d) || isFloat && Math.abs(d) > Float.MAX_VALUE) {
                    throw new jakarta.json.bind.JsonbException("The number " + abbreviated(n) + " is out of range");
                }
                return isFloat ? (T) Float.valueOf((float) d) : (T) Double.valueOf(d);
            }
        }
        boolean suspect;
        T decoded;
        if (value instanceof JsonStructure structure) {
            suspect = requireFinite(structure);
            decoded = structures != null ? structures.decode(structure, type) : jsonb.fromJson(value.toString(), type);
        } else {
            suspect = value instanceof JsonString s
                    ? NonFinite.mayRead(s.getString())
                    : value instanceof JsonNumber n && NonFinite.beyondFloat(n.doubleValue());
            decoded = jsonb.fromJson(value.toString(), type);
        }
        if (suspect && NonFinite.find(decoded)) {
            throw new jakarta.json.bind.JsonbException("The data holds a string or number read as NaN or an infinite "
                    + "number, which a message cannot carry");
        }
        return decoded;
    }

    /**
     * Whether {@link #decodeStructure} can decode a structure straight from a parser: with Yasson, which reads a
     * parser as it reads a parsed structure.
     */
    public boolean decodesFromParser() {
        return structures != null;
    }

    /**
     * Decodes the array or object a parser has just begun ({@code first}) into {@code type}, leaving the parser at
     * its end: what {@link #decode} makes of the same structure parsed, without building it. Throws where the two
     * could differ (a repeated key, a number no {@code double} holds, a parser method a parsed structure does not
     * offer), as well as where {@link #decode} throws; the caller then decodes the parsed structure.
     *
     * @throws RuntimeException when it cannot decode the value as {@link #decode} would
     */
    @SuppressWarnings("unchecked")
    public <T> T decodeStructure(JsonParser parser, JsonParser.Event first, Type type) {
        if (structures == null || first != JsonParser.Event.START_OBJECT && first != JsonParser.Event.START_ARRAY) {
            throw new IllegalStateException("Not a structure decoded from a parser");
        }
        if (type instanceof Class<?> c && JsonValue.class.isAssignableFrom(c)) {
            throw new IllegalStateException("A JSON-P value is the parsed structure itself");
        }
        TreeViewParser view = new TreeViewParser(parser, first);
        T value = structures.decode(view, type);
        view.requireWhole();
        if (view.suspect() && NonFinite.find(value)) {
            throw new jakarta.json.bind.JsonbException("NaN or an infinite number"); // decode() says it in full
        }
        return value;
    }

    /**
     * Refuses a structure holding a number that no {@code double} can hold ({@code 1e400}): JSON-B would make it
     * infinite, a value nobody sent. Messages are I-JSON (RFC 7493) in this: their numbers fit a double. The walk is
     * as deep as the nesting limit lets structures be; it looks at a number without allocating in the usual cases.
     *
     * @return whether a string or number in it could be decoded as NaN or an infinity ({@link NonFinite#mayRead}),
     *         so that the decoded value has to be looked through
     */
    static boolean requireFinite(JsonValue value) {
        switch (value.getValueType()) {
            case NUMBER -> {
                double d = ((JsonNumber) value).doubleValue();
                if (Double.isInfinite(d)) {
                    throw new jakarta.json.bind.JsonbException("The number " + abbreviated((JsonNumber) value)
                            + " is out of range");
                }
                return NonFinite.beyondFloat(d);
            }
            case STRING -> {
                return NonFinite.mayRead(((JsonString) value).getString());
            }
            case OBJECT -> {
                boolean suspect = false;
                for (var member : value.asJsonObject().entrySet()) { // a key may be bound to a Map<Double, ?>
                    suspect |= requireFinite(member.getValue()) | NonFinite.mayRead(member.getKey());
                }
                return suspect;
            }
            case ARRAY -> {
                boolean suspect = false;
                JsonArray array = value.asJsonArray();
                for (int i = 0, n = array.size(); i < n; i++) {
                    suspect |= requireFinite(array.get(i));
                }
                return suspect;
            }
            default -> {
                return false; // literals
            }
        }
    }

    private static String abbreviated(JsonNumber n) {
        String text = n.toString();
        return text.length() <= 20 ? text : text.substring(0, 20) + "...";
    }

    /** Encodes a value as JSON text. */
    public String encode(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String s) {
            return JsonText.quote(s);
        }
        if (value instanceof JsonValue v) {
            return JsonText.json(v);
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Boolean || value instanceof Short
                || value instanceof Byte) {
            return value.toString();
        }
        if (value instanceof Arguments a) { // the arguments as a JSON array
            StringBuilder sb = new StringBuilder().append('[');
            for (int i = 0; i < a.size(); i++) {
                sb.append(i == 0 ? "" : ",").append(encode(a.get(i)));
            }
            return sb.append(']').toString();
        }
        return jsonb.toJson(value);
    }

    /** Decodes a parsed structure without printing it first; Yasson only. */
    interface StructureDecoder {

        <T> T decode(JsonStructure structure, Type type);

        /** Decodes the value a parser is about to begin, as {@link #decode} decodes it parsed. */
        <T> T decode(JsonParser parser, Type type);

        static StructureDecoder forJsonb(Jsonb jsonb) {
            try {
                return YassonStructureDecoder.forJsonb(jsonb);
            } catch (LinkageError e) {
                LOG.log(Level.FINE, "Yasson is not visible; frame data is decoded through text", e);
                return null;
            }
        }
    }
}
