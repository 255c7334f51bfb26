package org.cdigateway.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.json.Json;
import jakarta.json.JsonValue;
import jakarta.json.bind.JsonbException;
import jakarta.json.stream.JsonParser;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A number that JSON can carry but no double can is refused, at any depth (messages are I-JSON); a top-level float
 * parameter refuses what a float cannot hold.
 */
class NumberRangeTest {

    public record Point(double x, float y, Double z, Float w) {}

    public record Reading(List<Double> values, Map<String, Float> named, double[] raw, BigDecimal exact) {}

    private static final JsonCodec CODEC = JsonCodec.createDefault();

    private static JsonValue parse(String json) {
        return Json.createReader(new StringReader(json)).readValue();
    }

    private static Object decode(String json, Type type) {
        return CODEC.decode(parse(json), type);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"x\":1e400,\"y\":1,\"z\":1,\"w\":1}", "{\"x\":1,\"y\":1,\"z\":-1e400,\"w\":1}",
            "{\"x\":1,\"y\":1,\"z\":1,\"w\":-1e309}", "{\"x\":1,\"y\":1,\"z\":1.8e308,\"w\":1}"})
    void aFieldBeyondTheRangeOfDoubleIsRefused(String json) {
        assertThatThrownBy(() -> decode(json, Point.class)).isInstanceOf(JsonbException.class)
                .hasStackTraceContaining("out of range");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"values\":[1,1e400]}", "{\"named\":{\"a\":1e309}}", "{\"raw\":[2,3e308]}",
            "{\"exact\":1e400}", "{\"values\":[1],\"exact\":1E+309}"})
    void anElementBeyondTheRangeOfDoubleIsRefused(String json) {
        assertThatThrownBy(() -> decode(json, Reading.class)).isInstanceOf(JsonbException.class)
                .hasStackTraceContaining("out of range");
    }

    @Test
    void numbersWithinRangeAndExactDecimalsDecodeAsBefore() {
        Point p = (Point) decode("{\"x\":1.7e308,\"y\":3.4e38,\"z\":-2.5,\"w\":1e-50}", Point.class);
        assertThat(p).isEqualTo(new Point(1.7e308, 3.4e38f, -2.5, 0f));
        Reading r = (Reading) decode("{\"values\":[1,2.5],\"named\":{\"a\":0.5},\"raw\":[4],\"exact\":"
                + "1.00000000000000000000000000000000000001e300}", Reading.class);
        assertThat(r.values()).containsExactly(1.0, 2.5);
        assertThat(r.named()).containsEntry("a", 0.5f);
        assertThat(r.raw()).containsExactly(4.0);
        assertThat(r.exact()).isEqualByComparingTo(new BigDecimal("1.00000000000000000000000000000000000001e300"));
        assertThat(decode("[1e-400, -0]", Object.class)).asList().hasSize(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1e400]", "{\"a\":[{\"b\":-1e400}]}", "1e400"})
    void anyStructureOrTopLevelNumberDecodedIntoObjectIsRefusedToo(String json) {
        assertThatThrownBy(() -> decode(json, json.startsWith("1") ? double.class : Object.class))
                .isInstanceOf(JsonbException.class).hasMessageContaining("out of range");
    }

    public static class Circle {

        public double radius;
        public Float scale;
        public List<float[]> samples;
    }

    public record Labelled(String label, Optional<Double> value, Map<Double, String> byValue) {}

    @ParameterizedTest
    @ValueSource(strings = {"\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "\" +NaN \"", "\"1e400\"",
            "\"00000637155511e100000042\"", "\"0x1p2000\"", "\"1e999d\""})
    void aStringReadAsANonFiniteDoubleIsRefused(String json) {
        assertThatThrownBy(() -> decode(json, double.class)).isInstanceOf(JsonbException.class)
                .hasMessageContaining("NaN or an infinite number");
        assertThatThrownBy(() -> decode(json, Double.class)).isInstanceOf(JsonbException.class);
        assertThatThrownBy(() -> decode(json, float.class)).isInstanceOf(JsonbException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"radius\":\"NaN\"}", "{\"scale\":\"-Infinity\"}", "{\"scale\":1e39}",
            "{\"scale\":\"1e39\"}", "{\"samples\":[[1,2],[3,\"NaN\"]]}", "{\"samples\":[[1e39]]}"})
    void aNonFiniteValueInsideABodyIsRefused(String json) {
        assertThatThrownBy(() -> decode(json, Circle.class)).isInstanceOf(JsonbException.class)
                .hasMessageContaining("NaN or an infinite number");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"radius\":\"NaN\"}", "{\"scale\":1e39}", "{\"samples\":[[\"Infinity\"]]}"})
    void theParserPathRefusesThemToo(String json) {
        JsonParser parser = CODEC.parser(json);
        JsonParser.Event first = parser.next();
        assertThatThrownBy(() -> CODEC.decodeStructure(parser, first, Circle.class))
                .isInstanceOf(JsonbException.class);
        JsonParser finite = CODEC.parser("{\"radius\":\"1e300\",\"scale\":\"1.5\"}");
        Circle c = CODEC.decodeStructure(finite, finite.next(), Circle.class);
        assertThat(c.radius).isEqualTo(1e300);
        assertThat(c.scale).isEqualTo(1.5f);
    }

    @Test
    void stringsThatLookLikeNumbersStayStringsAndFiniteOnesDecode() {
        Labelled l = (Labelled) decode("{\"label\":\"NaN\",\"value\":\"1e300\",\"byValue\":{\"2.5\":\"Infinity\"}}",
                Labelled.class);
        assertThat(l.label()).isEqualTo("NaN");
        assertThat(l.value()).contains(1e300);
        assertThat(l.byValue()).containsEntry(2.5, "Infinity");
        assertThatThrownBy(() -> decode("{\"label\":\"a\",\"value\":\"NaN\"}", Labelled.class))
                .isInstanceOf(JsonbException.class);
        assertThatThrownBy(() -> decode("{\"byValue\":{\"NaN\":\"x\"}}", Labelled.class))
                .isInstanceOf(JsonbException.class);
        Circle c = (Circle) decode("{\"radius\":\"1e300\",\"scale\":\"3.4e38\"}", Circle.class);
        assertThat(c.radius).isEqualTo(1e300);
        assertThat(c.scale).isEqualTo(3.4e38f);
        assertThat(decode("\"2026-12-06\"", String.class)).isEqualTo("2026-12-06");
        assertThat(decode("\" 1.5 \"", double.class)).isEqualTo(1.5);
    }

    @Test
    void aTopLevelFloatRefusesWhatAFloatCannotHold() {
        assertThatThrownBy(() -> decode("1e39", float.class)).isInstanceOf(JsonbException.class);
        assertThat(decode("3.4e38", Float.class)).isEqualTo(3.4e38f);
    }
}
