package org.cdigateway.internal.json;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.bind.JsonbException;
import jakarta.json.stream.JsonLocation;
import jakarta.json.stream.JsonParser;

/**
 * One value of a frame's parser, shown to JSON-B as Yasson shows it a parsed structure
 * ({@code fromJsonStructure}, whose parser reads a tree): the same events, strings and numbers, without the tree.
 * So a body decoded from it is the body decoded from the tree. Where the two could differ it gives up instead: it
 * fails, and remembers that it did even when the failure is caught, so that the caller decodes from the tree.
 * <ul>
 * <li>{@code true} and {@code false} are strings {@code "true"} and {@code "false"}, as the tree's parser reports
 * them; a number is the tree's number (the one {@code getValue} makes), so its text and its value are the tree's;</li>
 * <li>a number no {@code double} holds fails, as {@code JsonCodec} refuses it in a tree, wherever it is;</li>
 * <li>an object that repeats a key fails: a tree keeps the key once, with its last value;</li>
 * <li>what the tree's parser does not do ({@code getValue}, {@code getArray}, {@code getLocation}, streams) fails,
 * and so does anything read past the value or out of place.</li>
 * </ul>
 */
final class TreeViewParser implements JsonParser {

    /** Keys of one object compared one by one up to this many; a set past it. */
    private static final int LINEAR_KEYS = 16;

    private final JsonParser parser;
    private Event pending;
    private Event current;
    private boolean literal; // the current VALUE_STRING is true or false
    private boolean consumed; // the current value was read whole (getObject)
    private JsonNumber number;
    private String string;
    private int depth;
    /** Per open container: the index of its first key in {@link #keys}, or -1 for an array. */
    private int[] firstKey = new int[8];
    private String[] keys = new String[8];
    private int keyCount;
    private Set<String>[] keySets;
    private boolean failed;
    /** A string, key or number was read that JSON-B could bind as NaN or an infinity ({@link NonFinite#mayRead}). */
    private boolean suspect;

    /**
     * @param parser the frame's parser, which has just read {@code first}
     * @param first  the value's first event, START_OBJECT or START_ARRAY
     */
    TreeViewParser(JsonParser parser, Event first) {
        this.parser = parser;
        this.pending = first;
    }

    /** Throws unless the value was read whole, in order, and nothing failed on the way. */
    void requireWhole() {
        if (failed || pending != null || depth != 0) {
            throw new JsonbException("The value was not read as its tree is");
        }
    }

    /** Whether the value has to be looked through for NaN and infinities once decoded. */
    boolean suspect() {
        return suspect;
    }

    private RuntimeException fail(RuntimeException e) {
        failed = true;
        return e;
    }

    private RuntimeException fail(String message) {
        return fail(new IllegalStateException(message));
    }

    @Override
    public boolean hasNext() {
        if (pending != null || depth > 0) {
            return true;
        }
        throw fail("Past the end of the value");
    }

    @Override
    public Event next() {
        Event e;
        if (pending != null) {
            e = pending;
            pending = null;
        } else if (depth > 0) {
            try {
                e = parser.next();
            } catch (RuntimeException ex) {
                throw fail(ex);
            }
        } else {
            throw fail("Past the end of the value");
        }
        number = null;
        string = null;
        literal = false;
        consumed = false;
        switch (e) {
            case START_OBJECT -> open(true);
            case START_ARRAY -> open(false);
            case END_OBJECT, END_ARRAY -> close(e);
            case KEY_NAME -> key();
            case VALUE_NUMBER -> readNumber();
            case VALUE_TRUE, VALUE_FALSE -> {
                string = e == Event.VALUE_TRUE ? "true" : "false";
                literal = true;
                e = Event.VALUE_STRING;
            }
            default -> {
                // VALUE_STRING, read when asked; VALUE_NULL
            }
        }
        current = e;
        return e;
    }

    private void open(boolean object) {
        if (depth == firstKey.length) {
            firstKey = Arrays.copyOf(firstKey, depth * 2);
        }
        firstKey[depth++] = object ? keyCount : -1;
    }

    private void close(Event e) {
        if (depth == 0 || (firstKey[depth - 1] >= 0) != (e == Event.END_OBJECT)) {
            throw fail("Out of place: " + e);
        }
        int first = firstKey[--depth];
        if (first >= 0) {
            Arrays.fill(keys, first, keyCount, null);
            keyCount = first;
            if (keySets != null) {
                keySets[depth] = null;
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void key() {
        String key;
        try {
            key = parser.getString();
        } catch (RuntimeException ex) {
            throw fail(ex);
        }
        int first = firstKey[depth - 1];
        int count = keyCount - first;
        if (count < LINEAR_KEYS) {
            for (int i = first; i < keyCount; i++) {
                if (keys[i].equals(key)) {
                    throw fail("The key " + JsonText.forLog(key) + " is repeated");
                }
            }
        } else {
            if (keySets == null) {
                keySets = new Set[firstKey.length];
            } else if (keySets.length < firstKey.length) {
                keySets = Arrays.copyOf(keySets, firstKey.length);
            }
            Set<String> set = keySets[depth - 1];
            if (set == null) {
                set = new HashSet<>(Arrays.asList(keys).subList(first, keyCount));
                keySets[depth - 1] = set;
            }
            if (!set.add(key)) {
                throw fail("The key " + JsonText.forLog(key) + " is repeated");
            }
        }
        if (keyCount == keys.length) {
            keys = Arrays.copyOf(keys, keyCount * 2);
        }
        keys[keyCount++] = key;
        string = key;
        suspect |= NonFinite.mayRead(key);
    }

    private void readNumber() {
        JsonNumber n;
        try {
            n = (JsonNumber) parser.getValue(); // the number the tree would hold
        } catch (RuntimeException ex) {
            throw fail(ex);
        }
        double d = n.doubleValue();
        if (Double.isInfinite(d)) {
            throw fail(new JsonbException("The number is out of range"));
        }
        suspect |= NonFinite.beyondFloat(d);
        number = n;
    }

    @Override
    public String getString() {
        if (string != null) {
            return string;
        }
        if (current == Event.VALUE_STRING && !literal && !consumed) {
            try {
                string = parser.getString();
            } catch (RuntimeException ex) {
                throw fail(ex);
            }
            suspect |= NonFinite.mayRead(string);
            return string;
        }
        if (current == Event.VALUE_NUMBER && number != null) {
            return number.toString();
        }
        if (current == Event.VALUE_NULL) {
            return JsonValue.NULL.toString();
        }
        throw fail("No string at " + current);
    }

    private JsonNumber currentNumber() {
        if (number == null) {
            throw fail(new JsonbException("Not a number: " + current));
        }
        return number;
    }

    @Override
    public boolean isIntegralNumber() {
        return currentNumber().isIntegral();
    }

    @Override
    public int getInt() {
        try {
            return currentNumber().intValueExact();
        } catch (ArithmeticException e) {
            throw fail(e);
        }
    }

    @Override
    public long getLong() {
        try {
            return currentNumber().longValueExact();
        } catch (ArithmeticException e) {
            throw fail(e);
        }
    }

    @Override
    public BigDecimal getBigDecimal() {
        return currentNumber().bigDecimalValue();
    }

    @Override
    public JsonObject getObject() {
        if (current != Event.START_OBJECT || consumed) {
            throw fail("No object at " + current);
        }
        JsonObject object;
        try {
            object = parser.getObject(); // built as the tree's own objects are: a repeated key keeps its last value
            JsonCodec.requireFinite(object);
        } catch (RuntimeException ex) {
            throw fail(ex);
        }
        close(Event.END_OBJECT);
        consumed = true;
        return object;
    }

    @Override
    public JsonValue getValue() {
        throw fail(new UnsupportedOperationException());
    }

    @Override
    public JsonArray getArray() {
        throw fail(new UnsupportedOperationException());
    }

    @Override
    public Event currentEvent() {
        throw fail(new UnsupportedOperationException());
    }

    @Override
    public JsonLocation getLocation() {
        throw fail(new JsonbException("Operation not supported"));
    }

    @Override
    public java.util.stream.Stream<JsonValue> getArrayStream() {
        throw fail(new UnsupportedOperationException());
    }

    @Override
    public java.util.stream.Stream<java.util.Map.Entry<String, JsonValue>> getObjectStream() {
        throw fail(new UnsupportedOperationException());
    }

    @Override
    public java.util.stream.Stream<JsonValue> getValueStream() {
        throw fail(new UnsupportedOperationException());
    }

    /** As the tree's parser: the rest of the innermost container, when it is an object; else nothing. */
    @Override
    public void skipObject() {
        skip(true);
    }

    /** As the tree's parser: the rest of the innermost container, when it is an array; else nothing. */
    @Override
    public void skipArray() {
        skip(false);
    }

    private void skip(boolean object) {
        if (pending != null || depth == 0 || (firstKey[depth - 1] >= 0) != object) {
            return;
        }
        int target = depth - 1;
        while (depth > target) {
            next(); // every number and key still checked
        }
        current = null;
    }

    @Override
    public void close() {
        // the frame's parser goes on past the value
    }
}
