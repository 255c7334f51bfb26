package org.cdigateway.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbSubtype;
import jakarta.json.bind.annotation.JsonbTypeInfo;

import org.cdigateway.internal.dispatch.ArgumentResolver;
import org.cdigateway.internal.dispatch.ArgumentResolvers;
import org.cdigateway.internal.dispatch.BadFrameException;
import org.cdigateway.internal.dispatch.DispatchTable;
import org.cdigateway.internal.dispatch.HandlerInvoker;
import org.cdigateway.internal.dispatch.InboundFrame;
import org.cdigateway.internal.dispatch.InvalidBodyException;
import org.cdigateway.internal.json.JsonCodec;
import org.junit.jupiter.api.Test;

/**
 * A frame's body decoded straight from its parser ({@link NativeProtocol#parse(String, DispatchTable)}) against the
 * same frame read into a tree and decoded from it ({@link NativeProtocol#parse(String)}): the same frame, value, error
 * and id for every frame, and the tree skipped where it can be.
 */
class DirectBodyTest {

    public record Item(String name, int qty) {}

    public record Numbers(double d, float f, long l, int i, BigDecimal b, Double boxed) {}

    public record Texts(String s, Object o, Boolean flag) {}

    public record Holder(JsonObject object) {}

    public record Nested(Item item, List<Item> items, Map<String, Integer> counts) {}

    public static class Bean {

        private String name;
        public int qty;
        private final List<String> log = new ArrayList<>();

        public String getName() {
            return name;
        }

        public void setName(String name) {
            log.add(name);
            this.name = name;
        }

        @Override
        public String toString() {
            return "Bean[" + name + "," + qty + "," + log + "]";
        }
    }

    @JsonbTypeInfo(key = "@type", value = {
            @JsonbSubtype(alias = "circle", type = Circle.class),
            @JsonbSubtype(alias = "square", type = Square.class)})
    public interface Shape {}

    public static final class Circle implements Shape {

        public double r;

        @Override
        public String toString() {
            return "Circle[" + r + "]";
        }
    }

    public static final class Square implements Shape {

        public double side;

        @Override
        public String toString() {
            return "Square[" + side + "]";
        }
    }

    @SuppressWarnings("unused")
    private static void types(List<Item> items, Map<String, Object> map, Item[] array, List<Shape> shapes) {}

    private static Type generic(int index) {
        try {
            Method m = DirectBodyTest.class.getDeclaredMethod("types", List.class, Map.class, Item[].class,
                    List.class);
            return m.getGenericParameterTypes()[index];
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e);
        }
    }

    private final JsonCodec json = JsonCodec.createDefault();
    private final NativeProtocol protocol = new NativeProtocol(json);

    /** A table whose handler for {@code "ev"} (and every other event) takes the whole data as {@code type}. */
    private DispatchTable table(Type type, Class<?> raw) throws Exception {
        ArgumentResolver body = ArgumentResolvers.wholeBody(type, raw, json);
        Method method = DirectBodyTest.class.getDeclaredMethod("types", List.class, Map.class, Item[].class,
                List.class);
        HandlerInvoker handler = new HandlerInvoker(method, "ev", null, new ArgumentResolver[]{body},
                new String[]{"data"});
        return new DispatchTable(Map.of("ev", handler), handler, null);
    }

    /** What a frame comes to: its envelope and the body its handler gets, or the error. */
    private String outcome(String text, DispatchTable table, boolean direct) {
        InboundFrame frame;
        try {
            frame = direct ? protocol.parse(text, table) : protocol.parse(text);
        } catch (BadFrameException e) {
            return "BAD_FRAME " + e.getMessage() + " id=" + e.id();
        }
        String envelope = frame.event() + " id=" + frame.id() + " cancel=" + frame.cancel() + " data="
                + frame.data();
        HandlerInvoker handler = table.handler(frame.event());
        try {
            Object value = handler.resolvers()[0].resolve(frame, null, null);
            return envelope + " -> " + (value == null
                    ? "null"
                    : value.getClass().getName() + " "
                            + (value.getClass().isArray() ? "" : value) + " " + encoded(value));
        } catch (InvalidBodyException e) {
            return envelope + " -> VALIDATION_FAILED " + e.path() + " " + e.getMessage() + " "
                    + (e.getCause() == null ? "" : e.getCause().getClass().getName());
        }
    }

    private String encoded(Object value) {
        try {
            return json.encode(value);
        } catch (RuntimeException e) { // an infinite float, which JSON-B reads but does not write
            return e.getClass().getName();
        }
    }

    /** Checks that both reads agree; returns whether the body was decoded from the parser. */
    private boolean same(String text, Type type, Class<?> raw) throws Exception {
        DispatchTable table = table(type, raw);
        assertThat(outcome(text, table, true)).as(text).isEqualTo(outcome(text, table, false));
        try {
            return protocol.parse(text, table).decoded() != null;
        } catch (BadFrameException e) {
            return false;
        }
    }

    private void direct(String text, Type type, Class<?> raw) throws Exception {
        assertThat(same(text, type, raw)).as("decoded from the parser: " + text).isTrue();
    }

    private void fromTree(String text, Type type, Class<?> raw) throws Exception {
        assertThat(same(text, type, raw)).as("decoded from the tree: " + text).isFalse();
    }

    @Test
    void aRecordIsDecodedFromTheParserWithoutATree() throws Exception {
        String text = "{\"event\":\"ev\",\"data\":{\"name\":\"a\",\"qty\":2},\"id\":7}";
        InboundFrame frame = protocol.parse(text, table(Item.class, Item.class));
        assertThat(frame.decoded()).isNotNull();
        assertThat(frame.decoded().value()).isEqualTo(new Item("a", 2));
        // the handler gets that value, not one decoded again from a tree
        DispatchTable table = table(Item.class, Item.class);
        InboundFrame read = protocol.parse(text, table);
        assertThat(table.handler("ev").resolvers()[0].resolve(read, null, null)).isSameAs(read.decoded().value());
        assertThat(frame.id().toString()).isEqualTo("7");
        assertThat(frame.data()).isEqualTo(protocol.parse(text).data()); // parsed when asked
        direct(text, Item.class, Item.class);
    }

    @Test
    void recordsClassesGenericsAndPolymorphicTypes() throws Exception {
        direct("{\"event\":\"ev\",\"data\":{\"name\":\"a\",\"qty\":2,\"extra\":{\"x\":[1,{\"y\":null}]}}}",
                Item.class, Item.class);
        direct("{\"event\":\"ev\",\"data\":{\"name\":\"b\",\"qty\":3}}", Bean.class, Bean.class);
        direct("{\"event\":\"ev\",\"data\":[{\"name\":\"a\",\"qty\":1},{\"name\":\"b\",\"qty\":2}]}", generic(0),
                List.class);
        direct("{\"event\":\"ev\",\"data\":[{\"name\":\"a\",\"qty\":1}]}", generic(2), Item[].class);
        direct("{\"event\":\"ev\",\"data\":{\"a\":1,\"b\":[true,false,null,1.5,\"s\"],\"c\":{\"d\":-0}}}",
                generic(1), Map.class);
        direct("{\"event\":\"ev\",\"data\":{\"a\":true,\"b\":1E2}}", Object.class, Object.class);
        direct("{\"event\":\"ev\",\"data\":{\"item\":{\"name\":\"x\",\"qty\":1},\"items\":[],\"counts\":{\"k\":3}}}",
                Nested.class, Nested.class);
        direct("{\"event\":\"ev\",\"data\":{\"@type\":\"circle\",\"r\":1.5}}", Shape.class, Shape.class);
        direct("{\"event\":\"ev\",\"data\":[{\"@type\":\"square\",\"side\":2},{\"@type\":\"circle\",\"r\":1}]}",
                generic(3), List.class);
        direct("{\"event\":\"ev\",\"data\":{\"object\":{\"k\":[1,2],\"k2\":{\"n\":null}}}}", Holder.class,
                Holder.class);
        // the tree's parser shows true and false as strings, and a number's text as its parsed value prints
        direct("{\"event\":\"ev\",\"data\":{\"s\":true,\"o\":false,\"flag\":true}}", Texts.class, Texts.class);
        same("{\"event\":\"ev\",\"data\":{\"s\":1E2,\"o\":-0,\"flag\":\"true\"}}", Texts.class, Texts.class);
        same("{\"event\":\"ev\",\"data\":{\"@type\":\"triangle\"}}", Shape.class, Shape.class);
    }

    @Test
    void numbersAtTheLimits() throws Exception {
        direct("{\"event\":\"ev\",\"data\":{\"d\":1.7976931348623157e308,\"f\":3.4028235e38,"
                + "\"l\":9223372036854775807,\"i\":-2147483648,\"b\":1e-400,\"boxed\":-0}}", Numbers.class,
                Numbers.class);
        direct("{\"event\":\"ev\",\"data\":{\"d\":-0.0,\"f\":1E2,\"l\":-9223372036854775808,\"i\":2147483647,"
                + "\"b\":123456789012345678901234567890.5,\"boxed\":4.9e-324}}", Numbers.class, Numbers.class);
        // beyond a double (refused as out of range), an int, a long, a float: the tree's errors, from the tree
        fromTree("{\"event\":\"ev\",\"data\":{\"d\":1e309},\"id\":1}", Numbers.class, Numbers.class);
        fromTree("{\"event\":\"ev\",\"data\":{\"b\":-1e400},\"id\":\"x\"}", Numbers.class, Numbers.class);
        fromTree("{\"event\":\"ev\",\"data\":{\"unknown\":[1e999]}}", Numbers.class, Numbers.class);
        same("{\"event\":\"ev\",\"data\":{\"i\":2147483648}}", Numbers.class, Numbers.class);
        same("{\"event\":\"ev\",\"data\":{\"l\":9223372036854775808}}", Numbers.class, Numbers.class);
        same("{\"event\":\"ev\",\"data\":{\"f\":3.5e38}}", Numbers.class, Numbers.class);
        same("{\"event\":\"ev\",\"data\":{\"i\":1.5}}", Numbers.class, Numbers.class);
        same("{\"event\":\"ev\",\"data\":{\"d\":1" + "0".repeat(2000) + "}}", Numbers.class, Numbers.class);
        same("{\"event\":\"ev\",\"data\":[1e309]}", double[].class, double[].class);
    }

    @Test
    void framesThatAreReadFromTheTree() throws Exception {
        fromTree("{\"data\":{\"name\":\"a\",\"qty\":2},\"event\":\"ev\"}", Item.class, Item.class); // data first
        fromTree("{\"event\":\"ev\"}", Item.class, Item.class);
        fromTree("{\"event\":\"ev\",\"data\":null,\"id\":1}", Item.class, Item.class);
        fromTree("{\"event\":\"ev\",\"data\":\"text\"}", Item.class, Item.class);
        fromTree("{\"event\":\"ev\",\"data\":5}", Item.class, Item.class);
        // a repeated member counts its last value
        fromTree("{\"event\":\"ev\",\"data\":{\"name\":\"a\",\"qty\":1},\"data\":{\"name\":\"b\",\"qty\":2}}",
                Item.class, Item.class);
        fromTree("{\"event\":\"ev\",\"data\":{\"name\":\"a\",\"qty\":1},\"data\":null}", Item.class, Item.class);
        fromTree("{\"event\":\"ev\",\"data\":{\"name\":\"a\",\"qty\":1},\"event\":\"other\"}", Item.class,
                Item.class);
        fromTree("{\"event\":\"ev\",\"data\":{\"name\":\"a\",\"qty\":1},\"event\":5}", Item.class, Item.class);
        fromTree("{\"event\":\"ev\",\"data\":{\"name\":\"a\",\"name\":\"b\",\"qty\":1}}", Item.class, Item.class);
        fromTree("{\"event\":\"ev\",\"data\":{\"name\":\"a\",\"name\":\"b\",\"qty\":1}}", Bean.class, Bean.class);
        fromTree("{\"event\":\"ev\",\"data\":{\"counts\":{\"k\":1,\"k\":2}}}", Nested.class, Nested.class);
        fromTree("{\"event\":\"ev\",\"data\":{\"x\":{\"k\":1,\"k\":2}}}", Item.class, Item.class);
        // a JSON-P value takes the tree itself
        fromTree("{\"event\":\"ev\",\"data\":{\"a\":1}}", JsonObject.class, JsonObject.class);
        fromTree("{\"event\":\"ev\",\"data\":{\"a\":1}}", JsonValue.class, JsonValue.class);
        // what the tree's parser does not offer (a JSON-P array or value inside the body)
        same("{\"event\":\"ev\",\"data\":{\"object\":[1]}}", Holder.class, Holder.class);
    }

    @Test
    void errorsAndIdsAreTheTreesOwn() throws Exception {
        // a bad body after a good event: the same VALIDATION_FAILED, and the id echoed
        fromTree("{\"event\":\"ev\",\"data\":{\"name\":\"a\",\"qty\":\"many\"},\"id\":9}", Item.class, Item.class);
        fromTree("{\"event\":\"ev\",\"id\":\"r1\",\"data\":[{\"name\":\"a\",\"qty\":[]}]}", generic(0), List.class);
        fromTree("{\"event\":\"ev\",\"data\":{\"@type\":\"hexagon\"},\"id\":2}", Shape.class, Shape.class);
        // invalid JSON in or after the body: the same BAD_FRAME
        fromTree("{\"event\":\"ev\",\"data\":{\"name\":tru}}", Item.class, Item.class);
        fromTree("{\"event\":\"ev\",\"data\":{\"name\":\"a\"", Item.class, Item.class);
        fromTree("{\"event\":\"ev\",\"data\":{\"name\":\"a\",\"qty\":1},\"id\":{}}", Item.class, Item.class);
        fromTree("{\"event\":\"ev\",\"data\":{\"name\":\"a\",\"qty\":1}} x", Item.class, Item.class);
        fromTree("{\"event\":\"ev\",\"data\":{\"name\":\"a\",\"qty\":1},\"id\":1,]", Item.class, Item.class);
        // an id after the data is echoed; cancel after the data
        direct("{\"event\":\"ev\",\"data\":{\"name\":\"a\",\"qty\":1},\"id\":\"after\"}", Item.class, Item.class);
        direct("{\"event\":\"ev\",\"data\":{\"name\":\"a\",\"qty\":1},\"id\":5,\"cancel\":true}", Item.class,
                Item.class);
        direct("{\"event\":\"ev\",\"data\":{\"name\":\"a\",\"qty\":1},\"id\":null,\"x\":[{\"a\":1,\"a\":2}]}",
                Item.class, Item.class);
    }

    /** Random frames over a few names and values, so that keys repeat and values miss their types. */
    @Test
    void randomFramesAgree() throws Exception {
        Random random = new Random(20240611);
        Type[] types = {Item.class, Bean.class, Nested.class, Numbers.class, Texts.class, Shape.class, generic(0),
                generic(1), Object.class};
        Class<?>[] raws = {Item.class, Bean.class, Nested.class, Numbers.class, Texts.class, Shape.class, List.class,
                Map.class, Object.class};
        int fast = 0;
        for (int n = 0; n < 4000; n++) {
            int t = random.nextInt(types.length);
            StringBuilder sb = new StringBuilder("{\"event\":\"ev\",\"data\":");
            value(sb, random, 0, true);
            if (random.nextInt(4) == 0) {
                sb.append(",\"id\":").append(random.nextInt(100));
            }
            sb.append('}');
            if (same(sb.toString(), types[t], raws[t])) {
                fast++;
            }
        }
        assertThat(fast).isGreaterThan(400);
    }

    private static final String[] KEYS = {"name", "qty", "item", "items", "counts", "d", "f", "l", "i", "b",
            "boxed", "s", "o", "flag", "@type", "r", "side", "k"};
    private static final String[] SCALARS = {"1", "-0", "0.5", "1E2", "1e309", "2147483648", "true", "false",
            "null", "\"a\"", "\"circle\"", "\"square\"", "\"true\"", "-12", "9223372036854775807"};

    private static void value(StringBuilder sb, Random random, int depth, boolean structure) {
        int kind = structure ? random.nextInt(2) : random.nextInt(depth > 3 ? 1 : 4);
        if (!structure && kind >= 2) {
            kind -= 2;
            structure = true;
        }
        if (!structure) {
            sb.append(SCALARS[random.nextInt(SCALARS.length)]);
        } else if (kind == 0) {
            sb.append('{');
            int n = random.nextInt(5);
            for (int i = 0; i < n; i++) {
                sb.append(i == 0 ? "" : ",").append('"').append(KEYS[random.nextInt(KEYS.length)]).append("\":");
                value(sb, random, depth + 1, false);
            }
            sb.append('}');
        } else {
            sb.append('[');
            int n = random.nextInt(4);
            for (int i = 0; i < n; i++) {
                sb.append(i == 0 ? "" : ",");
                value(sb, random, depth + 1, false);
            }
            sb.append(']');
        }
    }
}
