package org.cdigateway.tests.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.cdigateway.MessageBody;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.internal.endpoint.DeployedGateway;
import org.cdigateway.junit5.Clients;
import org.cdigateway.junit5.GatewayTest;
import org.cdigateway.junit5.client.Frame;
import org.cdigateway.junit5.client.GatewayTestClient;
import org.junit.jupiter.api.Test;

/**
 * Every frame gets an answer, whatever it holds: numbers of thousands of digits, nesting deeper than the parser or
 * the gateway allows, bodies that overflow a decoder's stack, handlers that throw an Error; the connection and the
 * server stay alive, and what the server logs stays bounded.
 */
@GatewayTest
class BadFramesTest {

    static final Duration WAIT = Duration.ofSeconds(10);

    public record Point(int x, int y) {}

    @WebSocketGateway("/bad")
    static class BadGateway {

        @SubscribeMessage("echo")
        public Object echo(@MessageBody Object data) {
            return data;
        }

        @SubscribeMessage("point")
        public Point point(@MessageBody Point p) {
            return p;
        }

        @SubscribeMessage("list")
        public int list(@MessageBody List<Object> items) {
            return items.size();
        }

        @SubscribeMessage("map")
        public int map(@MessageBody Map<String, Object> items) {
            return items.size();
        }

        @SubscribeMessage("number")
        public long number(@MessageBody long n) {
            return n;
        }

        @SubscribeMessage("error")
        public String error(@MessageBody String kind) {
            if (kind.equals("stack")) {
                return error(kind); // StackOverflowError
            }
            throw new AssertionError("an Error from a handler");
        }
    }

    /** The same handlers, with the nesting limit far above what the parser and JSON-B can take. */
    @WebSocketGateway(value = "/deep", maxNestingDepth = 1_000_000, maxMessageSize = 1 << 20)
    static class DeepGateway extends BadGateway {}

    @Test
    void hugeNumbersAreAnsweredAnywhereInTheFrame(Clients clients) {
        GatewayTestClient client = clients.connect("/bad");
        String digits = "1" + "0".repeat(2000);
        for (String event : List.of("echo", "point", "list", "map", "number")) {
            assertAnswered(client, "{\"event\":\"" + event + "\",\"data\":" + digits + ",\"id\":\"" + event + "\"}");
            assertAnswered(client, "{\"event\":\"" + event + "\",\"data\":[" + digits + "],\"id\":\"a" + event
                    + "\"}");
            assertAnswered(client, "{\"event\":\"" + event + "\",\"data\":{\"x\":" + digits + ",\"y\":1e999999},"
                    + "\"id\":\"o" + event + "\"}");
        }
        assertAnswered(client, "{\"event\":\"echo\",\"data\":1,\"id\":" + digits + "}");
        assertAnswered(client, "{\"event\":\"echo\",\"data\":1,\"x\":" + digits + "}");
        assertAlive(client);
    }

    @Test
    void nestingDeeperThanTheGatewayAllowsIsABadFrame(Clients clients) {
        GatewayTestClient client = clients.connect("/bad");
        client.sendText("{\"event\":\"echo\",\"data\":" + "[".repeat(65) + "]".repeat(65) + ",\"id\":7}");
        Frame f = client.awaitFrame(WAIT);
        assertThat(f.errorCode()).isEqualTo("BAD_FRAME");
        assertThat(f.errorMessage()).contains("deeper than 64");
        client.sendText("{\"event\":\"echo\",\"data\":" + "[".repeat(60) + "]".repeat(60) + ",\"id\":8}");
        Frame ok = client.awaitFrame(WAIT);
        assertThat(ok.isError()).as(ok.raw()).isFalse();
        assertThat(ok.idAsString()).isEqualTo("8");
        assertAlive(client);
    }

    @Test
    void nestingBeyondTheParserAndTheDecoderIsAnswered(Clients clients) {
        GatewayTestClient client = clients.connect("/deep");
        for (int depth : new int[]{999, 2_000, 50_000}) {
            for (String event : List.of("echo", "list", "map", "point")) {
                String open = event.equals("map") || event.equals("point") ? "{\"a\":" : "[";
                String close = event.equals("map") || event.equals("point") ? "}" : "]";
                String body = open.repeat(depth) + "1" + close.repeat(depth);
                // a reply this deep may also fail to encode: INTERNAL is an answer too
                assertAnswered(client, "{\"event\":\"" + event + "\",\"data\":" + body + ",\"id\":\"" + event
                        + depth + "\"}", "BAD_FRAME", "VALIDATION_FAILED", "INTERNAL");
            }
        }
        assertAlive(client);
    }

    @Test
    void errorsFromHandlersAreInternalErrorFramesAndTheLogStaysBounded(Clients clients) {
        GatewayTestClient client = clients.connect("/bad");
        Logger log = Logger.getLogger(DeployedGateway.class.getName());
        List<LogRecord> records = new ArrayList<>();
        Handler capture = new Handler() {

            @Override
            public synchronized void publish(LogRecord r) {
                if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
                    records.add(r);
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        log.addHandler(capture);
        try {
            for (int i = 0; i < 100; i++) {
                Frame f = client.request("error", i % 2 == 0 ? "assert" : "stack");
                assertThat(f.errorCode()).isEqualTo("INTERNAL");
                assertThat(f.errorMessage()).isEqualTo("Internal server error");
            }
        } finally {
            log.removeHandler(capture);
        }
        synchronized (capture) {
            assertThat(records).hasSizeBetween(1, 21); // 20 a minute, then one line of how many were left out
        }
        assertAlive(client);
    }

    private static void assertAnswered(GatewayTestClient client, String frame) {
        assertAnswered(client, frame, "BAD_FRAME", "VALIDATION_FAILED");
    }

    private static void assertAnswered(GatewayTestClient client, String frame, String... codes) {
        client.sendText(frame);
        Frame answer = client.awaitFrame(WAIT);
        assertThat(answer.event()).as(answer.raw()).isNotNull();
        if (answer.isError()) {
            assertThat(answer.errorCode()).as(answer.raw()).isIn((Object[]) codes);
        }
    }

    private static void assertAlive(GatewayTestClient client) {
        assertThat(client.request("echo", "still here").data(String.class)).isEqualTo("still here");
        assertThat(client.isOpen()).isTrue();
    }
}
