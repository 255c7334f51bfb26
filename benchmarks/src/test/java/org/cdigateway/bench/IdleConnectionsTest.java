package org.cdigateway.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.cdigateway.bench.load.IdleConnections;
import org.cdigateway.bench.server.BenchGateway;
import org.cdigateway.se.GatewayRuntime;
import org.junit.jupiter.api.Test;

/** The idle-connection measurement of {@code benchmarks/idle.sh} completes, in small numbers. */
class IdleConnectionsTest {

    @Test
    void holdsIdleConnectionsAndStillAnswersAFreshClient() throws Exception {
        try (GatewayRuntime server = GatewayRuntime.builder().port(0).beanClasses(BenchGateway.class).start()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            var results = IdleConnections.run(new PrintStream(out, true, StandardCharsets.UTF_8), "--port",
                    Integer.toString(server.port()), "--count", "100", "--timeout", "20");

            assertThat(results).as(out.toString(StandardCharsets.UTF_8)).singleElement().asString()
                    .startsWith("RESULT idle connections=100 ").contains(" closedByServer=0 ");
        }
    }
}
