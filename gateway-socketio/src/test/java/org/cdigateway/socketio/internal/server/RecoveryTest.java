package org.cdigateway.socketio.internal.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** What connection state recovery keeps, and for how long. */
class RecoveryTest {

    private static String offsetOf(String frame) {
        return frame.substring(frame.lastIndexOf(",\"") + 2, frame.length() - 2);
    }

    private static String event(Recovery r, String data) {
        return r.record(offset -> "42[\"e\"," + data + "," + offset + "]", null);
    }

    private static Recovery.Kept kept(String pid) {
        return new Recovery.Kept(pid, "client-" + pid, Set.of("room"), Map.of(), System.nanoTime());
    }

    @Test
    void aKeptClientIsTakenOnceWithAKnownOffset() {
        Recovery r = new Recovery(60_000, 1 << 20, 10);
        String offset = offsetOf(event(r, "1"));
        r.keep(kept("p"));
        assertThat(r.take("p", "not-an-offset")).isNull();
        assertThat(r.take("other", offset)).isNull();
        assertThat(r.take("p", offset).clientId()).isEqualTo("client-p");
        assertThat(r.take("p", offset)).as("taken once").isNull();
    }

    @Test
    void eventsBeyondTheByteBoundGoFirstAndTheirOffsetsNoLongerResume() {
        Recovery r = new Recovery(60_000, 200, 10);
        String first = offsetOf(event(r, "\"" + "x".repeat(100) + "\""));
        for (int i = 0; i < 5; i++) {
            event(r, "\"" + "y".repeat(100) + "\"");
        }
        r.keep(kept("p"));
        assertThat(r.sizes().get(0)).isLessThanOrEqualTo(2);
        assertThat(r.take("p", first)).isNull();
    }

    @Test
    void clientsBeyondTheCountGoOldestFirst() {
        Recovery r = new Recovery(60_000, 1 << 20, 2);
        String offset = offsetOf(event(r, "1"));
        r.keep(kept("a"));
        r.keep(kept("b"));
        r.keep(kept("c"));
        assertThat(r.sizes().get(1)).isEqualTo(2);
        assertThat(r.take("a", offset)).isNull();
        assertThat(r.take("c", offset)).isNotNull();
    }

    @Test
    void nothingIsKeptBeyondTheWindow() throws InterruptedException {
        Recovery r = new Recovery(1, 1 << 20, 10);
        String offset = offsetOf(event(r, "1"));
        r.keep(kept("p"));
        Thread.sleep(20); // the window is a duration: it has to pass
        assertThat(r.take("p", offset)).isNull();
        assertThat(r.sizes()).containsExactly(0, 0);
    }

    @Test
    void offsetsOfAnotherProcessOrRecoveryNeverMatch() {
        Recovery a = new Recovery(60_000, 1 << 20, 10);
        Recovery b = new Recovery(60_000, 1 << 20, 10);
        String offsetOfA = offsetOf(event(a, "1"));
        event(b, "1");
        b.keep(kept("p"));
        assertThat(b.take("p", offsetOfA)).isNull();
    }
}
