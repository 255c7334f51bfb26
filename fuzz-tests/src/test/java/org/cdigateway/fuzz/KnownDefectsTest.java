package org.cdigateway.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.cdigateway.fuzz.CodecWalk.Departure;
import org.cdigateway.fuzz.FuzzClient.Received;
import org.cdigateway.fuzz.FuzzClient.Text;
import org.cdigateway.internal.dispatch.BadFrameException;
import org.cdigateway.se.GatewayRuntime;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * One regression test for each entry of {@link KnownDefects}, on the minimal input the fuzzers found (a file in
 * {@code known-defects/}). Each is disabled while its defect is listed: to retire an entry, enable its test, fix the
 * gateway until it passes, then delete the entry.
 */
class KnownDefectsTest {

    static final Duration WAIT = Duration.ofSeconds(5);

    // tag::regression[]
    @Test
    @Disabled("fails until FrameCodec#parse stops reading forever past an unclosed object or array it skips")
    void anUnclosedMemberItSkipsIsABadFrame() {
        String frame = input("skip-loops-at-eof.json"); // {"x":{
        assertTimeoutPreemptively(WAIT, () -> assertThatThrownBy(() -> FrameFuzzTest.FRAMES.parse(frame))
                .isInstanceOf(BadFrameException.class));
    }
    // end::regression[]

    @Test
    @Disabled("fails until FrameCodec#parse rejects invalid JSON inside a member it skips")
    void invalidJsonInAMemberItSkipsIsABadFrame() {
        String frame = input("skip-accepts-invalid-json.json");
        assertThatThrownBy(() -> FrameFuzzTest.FRAMES.parse(frame)).isInstanceOf(BadFrameException.class);
    }

    @Test
    @Disabled("fails until FrameCodec#parse steps over an object or array given as \"cancel\"")
    void aStructureAsCancelIsSteppedOver() throws BadFrameException {
        String frame = input("cancel-structure.json"); // {"event":"a","cancel":{}}
        assertThat(FrameFuzzTest.FRAMES.parse(frame).event()).isEqualTo("a");
    }

    @Test
    @Disabled("fails until FrameCodec#parse answers a number with a huge exponent with BAD_FRAME")
    void aNumberWithAHugeExponentIsABadFrame() {
        String frame = input("huge-exponent.json");
        assertThatThrownBy(() -> FrameFuzzTest.FRAMES.parse(frame)).isInstanceOf(BadFrameException.class);
    }

    @Test
    @Disabled("fails until a number beyond the range of double is not bound to a double as Infinity")
    void aNumberBeyondTheRangeOfDoubleIsNotReadAsInfinity() {
        String frame = input("double-out-of-range.json");
        assertThatThrownBy(() -> FrameFuzzTest.JSON.decode(FrameFuzzTest.FRAMES.parse(frame).data(), double.class))
                .isInstanceOf(jakarta.json.bind.JsonbException.class);
    }

    @Test
    @Disabled("fails until a reply holding an unpaired surrogate is answered and the connection keeps sending")
    void aReplyWithAnUnpairedSurrogateIsAnsweredAndTheConnectionGoesOn() throws Exception {
        try (GatewayRuntime runtime = GatewayFuzzTest.newRuntime()) {
            FuzzClient client = FuzzClient.connect(runtime.wsUri("/fuzz"));
            try {
                client.sendText(input("unpaired-surrogate.json"));
                assertThat(client.poll(WAIT)).as("the answer to the frame").isInstanceOf(Text.class);
                client.sendText("{\"event\":\"" + FuzzGateway.SENTINEL + "\",\"id\":\"next\"}");
                Received next = client.poll(WAIT);
                assertThat(next).as("the answer to the next frame").isInstanceOfSatisfying(Text.class,
                        t -> assertThat(t.text()).contains("\"next\""));
            } finally {
                client.close();
            }
        }
    }

    /** Keeps the allow-list honest: each listed defect still recognises the input its regression test uses. */
    @Test
    void theAllowListRecognisesTheRegressionInputs() {
        assertThat(CodecWalk.of(input("skip-loops-at-eof.json"))).isEqualTo(Departure.SKIP_NEVER_ENDS);
        assertThat(KnownDefects.hanging(input("skip-loops-at-eof.json"))).contains(KnownDefects.SKIP_LOOPS_AT_EOF);
        assertThat(KnownDefects.explaining(input("skip-accepts-invalid-json.json"), null))
                .contains(KnownDefects.SKIP_ACCEPTS_INVALID_JSON);
        assertThat(KnownDefects.explaining(input("cancel-structure.json"), null))
                .contains(KnownDefects.CANCEL_STRUCTURE_READ_AS_FRAME);
        assertThat(KnownDefects.explaining(input("huge-exponent.json"),
                catchThrowable(() -> FrameFuzzTest.FRAMES.parse(input("huge-exponent.json")))))
                .contains(KnownDefects.NUMBER_FORMAT_ESCAPES_PARSE);
        assertThat(KnownDefects.explaining(null, new Error(new java.nio.charset.MalformedInputException(1))))
                .contains(KnownDefects.UNPAIRED_SURROGATE_WEDGES_CONNECTION);
        assertThat(KnownDefects.unanswered(input("unpaired-surrogate.json")))
                .contains(KnownDefects.UNPAIRED_SURROGATE_WEDGES_CONNECTION);
        String outOfRange = input("double-out-of-range.json");
        Throwable encoding = catchThrowable(() -> FrameFuzzTest.JSON
                .encode(FrameFuzzTest.JSON.decode(FrameFuzzTest.FRAMES.parse(outOfRange).data(), double.class)));
        assertThat(KnownDefects.explaining(outOfRange, encoding))
                .contains(KnownDefects.NUMBER_OUT_OF_RANGE_READ_AS_INFINITY);
    }

    static String input(String name) {
        try (InputStream in = KnownDefectsTest.class.getResourceAsStream("known-defects/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("No regression input known-defects/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
