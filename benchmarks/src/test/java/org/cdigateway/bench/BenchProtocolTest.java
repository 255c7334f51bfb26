package org.cdigateway.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.cdigateway.bench.load.LoadGenerator;
import org.cdigateway.bench.server.BenchGateway;
import org.cdigateway.bench.server.RawBenchEndpoint;
import org.cdigateway.se.GatewayRuntime;
import org.junit.jupiter.api.Test;

/** Both bench servers speak the bench protocol: every scenario completes against each, in small numbers. */
class BenchProtocolTest {

    private static List<String> drive(GatewayRuntime runtime, String mode) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> results = LoadGenerator.run(new PrintStream(out, true, StandardCharsets.UTF_8), "--port",
                Integer.toString(runtime.port()), "--mode", mode, "--echo-connections", "2", "--echo-inflight", "4",
                "--echo-messages", "400", "--fanout-connections", "10", "--fanout-broadcasts", "20",
                "--connect-count", "20", "--warmup", "0", "--timeout", "30");
        assertThat(results).as(out.toString(StandardCharsets.UTF_8)).hasSize(3);
        return results;
    }

    @Test
    void theGatewayAndTheRawEndpointCompleteEveryScenario() throws Exception {
        try (GatewayRuntime gateway = GatewayRuntime.builder().port(0).beanClasses(BenchGateway.class).start()) {
            assertThat(drive(gateway, "gateway")).allSatisfy(line -> assertThat(line).startsWith("RESULT gateway ")
                    .doesNotContain("error"));
        }
        try (GatewayRuntime raw = GatewayRuntime.builder().port(0).serverEndpoints(RawBenchEndpoint.class).start()) {
            assertThat(drive(raw, "raw")).allSatisfy(line -> assertThat(line).startsWith("RESULT raw ")
                    .doesNotContain("error"));
        }
    }
}
