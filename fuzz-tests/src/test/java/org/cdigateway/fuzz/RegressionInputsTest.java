package org.cdigateway.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.cdigateway.fuzz.FuzzClient.Closed;
import org.cdigateway.fuzz.FuzzClient.Received;
import org.cdigateway.fuzz.FuzzClient.Text;
import org.cdigateway.internal.dispatch.BadFrameException;
import org.cdigateway.internal.dispatch.InboundFrame;
import org.cdigateway.se.GatewayRuntime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The inputs on which the fuzzers found a defect, minimised (files in {@code regression-inputs/}), each with the
 * answer the gateway owes it, on the target where it was found: frame parsing, body decoding, or a connection.
 */
class RegressionInputsTest {

    static final Duration WAIT = Duration.ofSeconds(5);

    // tag::regression[]
    @Test
    void anUnclosedMemberItSkipsIsABadFrame() {
        String frame = input("skip-loops-at-eof.json"); // {"x":{
        assertTimeoutPreemptively(WAIT, () -> assertThatThrownBy(() -> FrameFuzzTest.FRAMES.parse(frame))
                .isInstanceOf(BadFrameException.class));
    }
    // end::regression[]

    @Test
    void invalidJsonInAMemberItSkipsIsABadFrame() {
        String frame = input("skip-accepts-invalid-json.json"); // {"event":"int","data":1,"x":{"b"}}
        assertThatThrownBy(() -> FrameFuzzTest.FRAMES.parse(frame)).isInstanceOf(BadFrameException.class);
    }

    @Test
    void aStructureAsCancelIsSteppedOverAndIsNoCancel() throws BadFrameException {
        String frame = input("cancel-structure.json"); // {"event":"a","cancel":{}}
        InboundFrame parsed = FrameFuzzTest.FRAMES.parse(frame);
        assertThat(parsed.event()).isEqualTo("a");
        assertThat(parsed.cancel()).isFalse();
    }

    @Test
    void aRepeatedEventCountsItsLastStringValueForTheGatewayAndTheHarness() throws BadFrameException {
        // {"event":"later","event":"note",...,"event":7}: the harness once waited for "later" while "note" was handled
        String frame = input("repeated-event.json");
        assertThat(FrameFuzzTest.FRAMES.parse(frame).event()).isEqualTo("note");
        assertThat(FrameModel.read(frame).events()).containsExactly("note");
    }

    @Test
    void aNumberWithAHugeExponentIsABadFrame() {
        String frame = input("huge-exponent.json"); // {"data":1e9999999999}
        assertThatThrownBy(() -> FrameFuzzTest.FRAMES.parse(frame)).isInstanceOf(BadFrameException.class);
    }

    @ParameterizedTest
    @ValueSource(classes = {double.class, float.class, Double.class, Float.class})
    void aNumberBeyondTheRangeOfDoubleFailsValidation(Class<?> type) throws BadFrameException {
        String frame = input("double-out-of-range.json"); // {"event":"double","data":1e400}
        InboundFrame parsed = FrameFuzzTest.FRAMES.parse(frame);
        assertThatThrownBy(() -> FrameFuzzTest.JSON.decode(parsed.data(), type))
                .as("an exception answered with VALIDATION_FAILED")
                .matches(t -> FrameFuzzTest.VALIDATION_FAILED.stream().anyMatch(v -> v.isInstance(t)));
    }

    @ParameterizedTest
    @ValueSource(classes = {double.class, float.class, Double.class, Float.class})
    void aStringReadAsAnInfiniteNumberFailsValidation(Class<?> type) throws BadFrameException {
        // {"event":"itrn#g","data":"00000637155511e100000042","id":7}: JSON-B read the string as Infinity, and the
        // reply echoing it could not be encoded
        String frame = input("string-read-as-infinity.json");
        InboundFrame parsed = FrameFuzzTest.FRAMES.parse(frame);
        assertThatThrownBy(() -> FrameFuzzTest.JSON.decode(parsed.data(), type))
                .as("an exception answered with VALIDATION_FAILED")
                .matches(t -> FrameFuzzTest.VALIDATION_FAILED.stream().anyMatch(v -> v.isInstance(t)));
        assertThatThrownBy(() -> FrameFuzzTest.JSON.decode(FrameFuzzTest.FRAMES.parse(
                "{\"event\":\"shape\",\"data\":{\"kind\":\"circle\",\"radius\":\"NaN\"}}").data(),
                Bodies.Shape.class)).isInstanceOf(jakarta.json.bind.JsonbException.class);
    }

    @Test
    void aFrameWithAnUnpairedSurrogateIsAnsweredAndTheGatewayGoesOn() throws Exception {
        String frame = input("unpaired-surrogate.json"); // {"event":"\udc00","id":1}
        try (GatewayRuntime runtime = GatewayFuzzTest.newRuntime()) {
            FuzzClient client = FuzzClient.connect(runtime.wsUri("/fuzz"));
            try {
                client.sendText(frame);
                Received answer = client.poll(WAIT);
                assertThat(answer).as("the answer to the frame: a text frame or a documented close")
                        .satisfiesAnyOf(a -> assertThat(a).isInstanceOf(Text.class),
                                a -> assertThat(a).isInstanceOfSatisfying(Closed.class,
                                        c -> assertThat(GatewayFuzzTest.DOCUMENTED_CLOSES).contains(c.code())));
                if (answer instanceof Closed) {
                    client.close();
                    client = FuzzClient.connect(runtime.wsUri("/fuzz"));
                }
                client.sendText("{\"event\":\"" + FuzzGateway.SENTINEL + "\",\"id\":\"next\"}");
                assertThat(client.poll(WAIT)).as("the answer to the next frame")
                        .isInstanceOfSatisfying(Text.class, t -> assertThat(t.text()).contains("\"next\""));
            } finally {
                client.close();
            }
        }
    }

    static String input(String name) {
        try (InputStream in = RegressionInputsTest.class.getResourceAsStream("regression-inputs/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("No regression input regression-inputs/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
