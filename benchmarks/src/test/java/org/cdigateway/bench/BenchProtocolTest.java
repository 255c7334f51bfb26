package org.cdigateway.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import org.cdigateway.bench.load.LoadGenerator;
import org.cdigateway.bench.server.BenchGateway;
import org.cdigateway.bench.server.RawBenchEndpoint;
import org.cdigateway.bench.server.SocketIoBenchGateway;
import org.cdigateway.se.GatewayRuntime;
import org.junit.jupiter.api.Test;

/** The bench servers speak the bench protocol: every scenario completes against each, in small numbers. */
class BenchProtocolTest {

    private static final String[] SMALL = {"--echo-connections", "2", "--echo-inflight", "4", "--echo-messages", "400",
            "--fanout-connections", "10", "--fanout-broadcasts", "20", "--connect-count", "20", "--warmup", "0",
            "--timeout", "30"};

    private static List<String> drive(GatewayRuntime runtime, String mode, String... more) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String[] args = new String[4 + SMALL.length + more.length];
        args[0] = "--port";
        args[1] = Integer.toString(runtime.port());
        args[2] = "--mode";
        args[3] = mode;
        System.arraycopy(SMALL, 0, args, 4, SMALL.length);
        System.arraycopy(more, 0, args, 4 + SMALL.length, more.length);
        List<String> results = LoadGenerator.run(new PrintStream(out, true, StandardCharsets.UTF_8), args);
        assertThat(results).as(out.toString(StandardCharsets.UTF_8)).isNotEmpty()
                .allSatisfy(line -> assertThat(line).startsWith("RESULT " + mode + " ").doesNotContain("error"));
        return results;
    }

    private static void completesEveryScenario(GatewayRuntime runtime, String mode) throws Exception {
        assertThat(drive(runtime, mode)).extracting(line -> line.split(" ")[2])
                .containsExactly("echo", "ack", "fanout", "connect");
    }

    @Test
    void theGatewayAndTheRawEndpointCompleteEveryScenario() throws Exception {
        try (GatewayRuntime gateway = GatewayRuntime.builder().port(0).beanClasses(BenchGateway.class).start()) {
            completesEveryScenario(gateway, "gateway");
        }
        try (GatewayRuntime raw = GatewayRuntime.builder().port(0).serverEndpoints(RawBenchEndpoint.class).start()) {
            completesEveryScenario(raw, "raw");
        }
    }

    @Test
    void theSocketIoGatewayCompletesEveryScenario() throws Exception {
        try (GatewayRuntime socketIo = GatewayRuntime.builder().port(0).beanClasses(SocketIoBenchGateway.class)
                .start()) {
            completesEveryScenario(socketIo, "socketio");
        }
    }

    @Test
    void theFanoutAlsoRunsOnTheJdkClient() throws Exception {
        try (GatewayRuntime gateway = GatewayRuntime.builder().port(0).beanClasses(BenchGateway.class).start()) {
            assertThat(drive(gateway, "gateway", "--scenarios", "fanout", "--fanout-client", "jdk")).hasSize(1);
        }
        try (GatewayRuntime socketIo = GatewayRuntime.builder().port(0).beanClasses(SocketIoBenchGateway.class)
                .start()) {
            assertThat(drive(socketIo, "socketio", "--scenarios", "fanout", "--fanout-client", "jdk")).hasSize(1);
        }
    }

    @Test
    void theScaleScenarioCompletesInSmallNumbers() throws Exception {
        try (GatewayRuntime gateway = GatewayRuntime.builder().port(0).beanClasses(BenchGateway.class).start()) {
            List<String> results = drive(gateway, "gateway", "--scenarios", "scale", "--scale-connections", "50",
                    "--scale-seconds", "2", "--scale-warmup", "1", "--idle-connections", "100");
            assertThat(results).hasSize(2);
            assertThat(results.get(0)).startsWith("RESULT gateway scale connections=50 broadcasts=2 deliveries=100 "
                    + "missing=0 ");
            assertThat(results.get(1)).startsWith("RESULT gateway scale-idle connections=100 held=100 target=100 ")
                    .contains(" closedByServer=0 ");
        }
    }

    /** Echoes without the request's id, as the raw endpoint did before the ack scenario. */
    @ServerEndpoint("/bench")
    public static class EchoWithoutId {

        @OnMessage
        public void onMessage(Session session, String text) {
            String data = text.substring(text.indexOf("\"data\":") + 7, text.length() - 1);
            session.getAsyncRemote().sendText("{\"event\":\"echo\",\"data\":" + data + "}");
        }
    }

    @Test
    void theAckScenarioFailsOnRepliesWithoutTheRequestsId() throws Exception {
        try (GatewayRuntime runtime = GatewayRuntime.builder().port(0).serverEndpoints(EchoWithoutId.class).start()) {
            assertThat(drive(runtime, "raw", "--scenarios", "echo")).hasSize(1);
            assertThatThrownBy(() -> drive(runtime, "raw", "--scenarios", "ack"))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("did not answer a request");
        }
    }
}
