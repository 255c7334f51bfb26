package org.cdigateway.internal.json;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

import jakarta.json.JsonValue;

/**
 * NaN and the infinities are not numbers a message can carry (I-JSON, RFC 7493), yet JSON-B makes them from data: a
 * string such as {@code "NaN"}, {@code "Infinity"} or {@code "1e999"} bound to a {@code double} or {@code float}, and
 * a number beyond a {@code float}'s range bound to a {@code float}. A handler would get a value nobody sent as a
 * number, and a reply echoing it could not be encoded.
 * <p>
 * {@link #mayRead} tells, cheaply, whether a string or number of the data could become such a value; only then does
 * {@link #find} look through the decoded value for one, so the usual message pays nothing.
 */
final class NonFinite {

    /** Deeper than any decoded value of a frame within the nesting limit, whatever the application's classes. */
    private static final int MAX_DEPTH = 512;

    private NonFinite() {}

    /** Whether a JSON number, bound to a {@code float}, would be infinite. */
    static boolean beyondFloat(double value) {
        return Math.abs(value) > Float.MAX_VALUE;
    }

    /**
     * Whether JSON-B could read this string, bound to a {@code double} or {@code float}, as NaN or an infinity
     * ({@link Double#parseDouble} is what it uses): {@code "NaN"}, {@code "-Infinity"}, {@code "1e999"}, a number
     * beyond a float's range. Strings that are not written as numbers are rejected without parsing them.
     */
    static boolean mayRead(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && s.charAt(start) <= ' ') {
            start++;
        }
        while (end > start && s.charAt(end - 1) <= ' ') {
            end--;
        }
        if (start == end) {
            return false;
        }
        int body = s.charAt(start) == '+' || s.charAt(start) == '-' ? start + 1 : start;
        if (s.startsWith("NaN", body) && body + 3 == end || s.startsWith("Infinity", body) && body + 8 == end) {
            return true;
        }
        boolean hex = end - body > 2 && s.charAt(body) == '0' && (s.charAt(body + 1) | 0x20) == 'x';
        for (int i = hex ? body + 2 : body; i < end; i++) {
            char c = s.charAt(i);
            boolean number = c >= '0' && c <= '9' || c == '.' || c == '+' || c == '-' || c == 'e' || c == 'E'
                    || hex && (c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' || c == 'p' || c == 'P')
                    || i == end - 1 && (c == 'd' || c == 'D' || c == 'f' || c == 'F');
            if (!number) {
                return false;
            }
        }
        try {
            double d = Double.parseDouble(s);
            return Double.isNaN(d) || beyondFloat(d);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Whether {@code value} holds a NaN or infinite {@code double} or {@code float} anywhere JSON-B could have put it. */
    static boolean find(Object value) {
        return find(value, 0);
    }

    private static boolean find(Object value, int depth) {
        if (value == null || depth > MAX_DEPTH || value instanceof String || value instanceof JsonValue
                || value instanceof Enum<?>) {
            return false;
        }
        if (value instanceof Double d) {
            return !Double.isFinite(d);
        }
        if (value instanceof Float f) {
            return !Float.isFinite(f);
        }
        if (value instanceof OptionalDouble o) {
            return o.isPresent() && !Double.isFinite(o.getAsDouble());
        }
        if (value instanceof Optional<?> o) {
            return o.isPresent() && find(o.get(), depth + 1);
        }
        if (value instanceof Collection<?> c) {
            for (Object element : c) {
                if (find(element, depth + 1)) {
                    return true;
                }
            }
            return false;
        }
        if (value instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (find(e.getKey(), depth + 1) || find(e.getValue(), depth + 1)) {
                    return true;
                }
            }
            return false;
        }
        Class<?> type = value.getClass();
        if (type.isArray()) {
            Class<?> component = type.getComponentType();
            if (component.isPrimitive() && component != double.class && component != float.class) {
                return false;
            }
            for (int i = 0, n = Array.getLength(value); i < n; i++) {
                if (find(Array.get(value, i), depth + 1)) {
                    return true;
                }
            }
            return false;
        }
        if (type.isRecord()) {
            for (RecordComponent component : type.getRecordComponents()) {
                if (mayHold(component.getType()) && find(read(component, value), depth + 1)) {
                    return true;
                }
            }
            return false;
        }
        if (type.getName().startsWith("java.")) {
            return false; // numbers, dates, UUIDs and the like: nothing JSON-B binds a float into
        }
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (!Modifier.isStatic(field.getModifiers()) && mayHold(field.getType())
                        && find(read(field, value), depth + 1)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether a property of this declared type can hold a float, directly or inside. */
    private static boolean mayHold(Class<?> type) {
        return !type.isPrimitive() || type == double.class || type == float.class;
    }

    private static Object read(RecordComponent component, Object record) {
        try {
            var accessor = component.getAccessor();
            accessor.trySetAccessible();
            return accessor.invoke(record);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null; // not readable here: JSON-B could not have read it either without access
        }
    }

    private static Object read(Field field, Object object) {
        try {
            field.trySetAccessible();
            return field.get(object);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
