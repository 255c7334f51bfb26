package org.cdigateway;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The several arguments of one event, for protocols whose events carry several (Socket.IO:
 * {@code socket.emit("move", x, y)}).
 *
 * <p>
 * As a handler parameter it receives every argument of the message, each as a {@code jakarta.json.JsonValue} (a
 * binary attachment of a Socket.IO event as a {@code byte[]}, and a value that holds one as a {@code List} or
 * {@code Map}); the
 * handler's data ({@code @MessageBody}) is the first argument when there is one only, and all of them as a JSON array
 * when there are several, as in NestJS. A native frame has one argument, its {@code data}.
 *
 * <p>
 * Returned by a handler or emitted ({@code client.emit("move", Arguments.of(x, y))}), its values are sent as the
 * event's arguments: {@code 42["move",1,2]} to a Socket.IO client, and as one JSON array, {@code "data":[1,2]}, to a
 * native one.
 *
 * @param values the arguments in order; JSON-B encodes each
 */
public record Arguments(List<Object> values) {

    public Arguments {
        values = List.copyOf(Objects.requireNonNull(values, "values").stream()
                .map(v -> v == null ? (Object) jakarta.json.JsonValue.NULL : v).toList());
    }

    /** The arguments in order; {@code null} is sent as JSON {@code null}. */
    public static Arguments of(Object... values) {
        return new Arguments(Arrays.asList(values));
    }

    /** The number of arguments. */
    public int size() {
        return values.size();
    }

    /** The argument at {@code index}. */
    public Object get(int index) {
        return values.get(index);
    }
}
