package org.cdigateway.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.cdigateway.bench.load.SoakDriver;
import org.cdigateway.bench.soak.SoakGateway;
import org.cdigateway.se.GatewayRuntime;
import org.junit.jupiter.api.Test;

/**
 * The soak of {@code benchmarks/soak.sh}, shortened to 5,000 cycles: after connections that end cleanly, by a reset,
 * mid-stream and mid-handshake, nothing of them is left on the server. The server runs in this JVM, so the live heap
 * is not compared here (the test's own objects would blur it); the full soak compares it.
 */
class SoakTest {

    /** Cycle kinds to leave out (comma-separated, see SoakDriver), for a known failure under investigation; none. */
    static final String SKIPPED_KINDS = "";

    @Test
    void nothingOutlivesItsConnection() throws Exception {
        try (GatewayRuntime server = GatewayRuntime.builder().port(0).packages(SoakGateway.class).start()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            SoakDriver.Result result = SoakDriver.run(new PrintStream(out, true, StandardCharsets.UTF_8), "--port",
                    Integer.toString(server.port()), "--cycles", "5000", "--warmup", "1000", "--threads", "4",
                    "--timeout", "20", "--max-seconds", "120", "--skip", SKIPPED_KINDS);
            String report = out.toString(StandardCharsets.UTF_8);

            assertThat(result.problems()).as(report).isEmpty();
            assertThat(result.counters()).as(report).containsEntry("clients", 0L).containsEntry("rooms", 0L)
                    .containsEntry("activeStreams", 0L).containsEntry("openSubscriptions", 0L)
                    .containsEntry("liveConnectionScoped", 0L).containsEntry("liveRequestScoped", 0L);
            assertThat(result.counters().get("connections")).as(report).isGreaterThan(3000L)
                    .isEqualTo(result.counters().get("disconnections"));
            assertThat(server.server(SoakGateway.class).clientCount()).isZero();
        }
    }
}
