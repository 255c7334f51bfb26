package org.cdigateway.socketio.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.net.URI;
import java.time.Duration;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.cdigateway.junit5.client.RawWebSocketClient;
import org.cdigateway.junit5.client.RawWebSocketClient.Closed;
import org.cdigateway.se.GatewayRuntime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The expectations of the public protocol test suites over WebSocket, packet by packet, against the conformance
 * server (docs/howto/socketio.adoc lists them).
 */
class WebSocketConformanceTest {

    static final Duration WAIT = Duration.ofSeconds(5);
    static GatewayRuntime server;
    static String base;

    @BeforeAll
    static void start() {
        server = ConformanceServer.start(0);
        base = "ws://127.0.0.1:" + server.port();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static RawWebSocketClient open() throws InterruptedException {
        RawWebSocketClient c = RawWebSocketClient
                .connect(URI.create(base + "/socket.io/?" + "EIO=4&transport=websocket"));
        assertThat(c.nextText(WAIT)).startsWith("0{");
        return c;
    }

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    /** The next packet that is not a ping (answered, so that the session stays up). */
    private static String nextNotPing(RawWebSocketClient c) throws InterruptedException {
        while (true) {
            String p = c.nextText(WAIT);
            if (!p.equals("2")) {
                return p;
            }
            c.send("3");
        }
    }

    @Test
    void theHandshakeIsTheOpenPacketWithExactlyItsFiveKeys() throws InterruptedException {
        try (RawWebSocketClient c = RawWebSocketClient
                .connect(URI.create(base + "/socket.io/?" + "EIO=4&transport=websocket"))) {
            String open = c.nextText(WAIT);
            assertThat(open).startsWith("0");
            JsonObject o = json(open.substring(1));
            assertThat(o.keySet()).containsExactlyInAnyOrder("sid", "upgrades", "pingInterval", "pingTimeout",
                    "maxPayload");
            assertThat(o.getString("sid")).isNotEmpty();
            assertThat(o.getJsonArray("upgrades")).isEmpty();
            assertThat(o.getInt("pingInterval")).isEqualTo(300);
            assertThat(o.getInt("pingTimeout")).isEqualTo(200);
            assertThat(o.getInt("maxPayload")).isEqualTo(1_000_000);
        }
    }

    @Test
    void aConnectionWithoutEio4OrWebSocketTransportIsClosed() throws InterruptedException {
        for (String query : new String[]{"transport=websocket", "EIO=3&transport=websocket", "EIO=4",
                "EIO=4&transport=carrier-pigeon"}) {
            try (RawWebSocketClient c = RawWebSocketClient.connect(URI.create(base + "/socket.io/?" + query))) {
                assertThat(c.next(WAIT)).as(query).isInstanceOf(Closed.class);
            }
        }
    }

    @Test
    void connectingTheMainNamespaceAnswersItsSidThenTheAuthEvent() throws InterruptedException {
        try (RawWebSocketClient c = open()) {
            c.send("40");
            String connected = nextNotPing(c);
            assertThat(connected).startsWith("40{");
            assertThat(json(connected.substring(2)).keySet()).containsExactly("sid");
            assertThat(nextNotPing(c)).isEqualTo("42[\"auth\",{}]");
        }
        try (RawWebSocketClient c = open()) {
            c.send("40{\"token\":\"123\"}");
            assertThat(nextNotPing(c)).startsWith("40{\"sid\":");
            assertThat(nextNotPing(c)).isEqualTo("42[\"auth\",{\"token\":\"123\"}]");
        }
    }

    @Test
    void anotherNamespaceAnswersWithItsName() throws InterruptedException {
        try (RawWebSocketClient c = open()) {
            c.send("40/custom,");
            assertThat(nextNotPing(c)).startsWith("40/custom,{\"sid\":");
            assertThat(nextNotPing(c)).isEqualTo("42/custom,[\"auth\",{}]");
        }
        try (RawWebSocketClient c = open()) {
            c.send("40/custom,{\"token\":\"abc\"}");
            assertThat(nextNotPing(c)).startsWith("40/custom,{\"sid\":");
            assertThat(nextNotPing(c)).isEqualTo("42/custom,[\"auth\",{\"token\":\"abc\"}]");
        }
    }

    @Test
    void anUnknownNamespaceGetsExactlyInvalidNamespace() throws InterruptedException {
        try (RawWebSocketClient c = open()) {
            c.send("40/random");
            assertThat(nextNotPing(c)).isEqualTo("44/random,{\"message\":\"Invalid namespace\"}");
        }
    }

    @Test
    void aConnectionThatConnectsNoNamespaceIsClosed() throws InterruptedException {
        try (RawWebSocketClient c = open()) {
            Object next;
            do {
                next = c.next(WAIT);
            } while ("2".equals(next));
            assertThat(next).isInstanceOf(Closed.class);
        }
    }

    @Test
    void eventsAreEchoedWithTheSameArgumentsAndAcknowledged() throws InterruptedException {
        try (RawWebSocketClient c = open()) {
            c.send("40");
            nextNotPing(c);
            nextNotPing(c);
            c.send("42[\"message\",1,\"2\",{\"3\":[true]}]");
            assertThat(nextNotPing(c)).isEqualTo("42[\"message-back\",1,\"2\",{\"3\":[true]}]");
            c.send("42456[\"message-with-ack\",1,\"2\",{\"3\":[false]}]");
            assertThat(nextNotPing(c)).isEqualTo("43456[1,\"2\",{\"3\":[false]}]");
        }
    }

    @Test
    void binaryEventsAndAcknowledgementsComeBackWithTheirAttachmentsRightAfterThem() throws InterruptedException {
        String placeholders = "{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}";
        try (RawWebSocketClient c = open()) {
            c.send("40");
            nextNotPing(c);
            nextNotPing(c);
            c.send("452-[\"message\"," + placeholders + "]").sendBinary(new byte[]{1, 2, 3})
                    .sendBinary(new byte[]{4, 5, 6});
            assertThat(nextNotPing(c)).isEqualTo("452-[\"message-back\"," + placeholders + "]");
            assertThat(c.next(WAIT)).isEqualTo(new byte[]{1, 2, 3}); // nothing between a packet and its binaries
            assertThat(c.next(WAIT)).isEqualTo(new byte[]{4, 5, 6});
            c.send("452-789[\"message-with-ack\"," + placeholders + "]").sendBinary(new byte[]{7})
                    .sendBinary(new byte[0]);
            assertThat(nextNotPing(c)).isEqualTo("462-789[" + placeholders + "]");
            assertThat(c.next(WAIT)).isEqualTo(new byte[]{7});
            assertThat(c.next(WAIT)).isEqualTo(new byte[0]);
            c.send("42[\"message\",\"still here\"]");
            assertThat(nextNotPing(c)).isEqualTo("42[\"message-back\",\"still here\"]");
        }
    }

    @Test
    void leavingANamespaceSendsNothingAndKeepsTheSessionAndTheOtherNamespaces() throws InterruptedException {
        try (RawWebSocketClient c = open()) {
            c.send("40");
            nextNotPing(c);
            nextNotPing(c);
            c.send("40/custom,");
            nextNotPing(c);
            nextNotPing(c);
            c.send("41/custom,");
            c.send("42[\"message\",\"still\"]");
            assertThat(nextNotPing(c)).isEqualTo("42[\"message-back\",\"still\"]");
            c.send("41");
            assertThat(c.nextText(WAIT)).as("the next packet after leaving is a ping").isEqualTo("2");
        }
    }

    @Test
    void packetsThatBreakTheProtocolCloseTheConnection() throws InterruptedException {
        for (String[] packets : new String[][]{{"4abc"}, {"40", "42{}"}, {"40", "42abc[\"message\"]"},
                {"40", "9"}, {"40", "1"}}) {
            try (RawWebSocketClient c = open()) {
                Object next = null;
                for (String p : packets) {
                    c.send(p);
                }
                do {
                    next = c.next(WAIT);
                    if ("2".equals(next)) {
                        c.send("3");
                    }
                } while (next instanceof String);
                assertThat(next).as(String.join(" then ", packets)).isInstanceOf(Closed.class);
            }
        }
    }

    @Test
    void theServerPingsAndClosesAClientThatStopsAnswering() throws InterruptedException {
        try (RawWebSocketClient c = open()) {
            c.send("40");
            nextNotPing(c);
            nextNotPing(c);
            for (int i = 0; i < 3; i++) {
                assertThat(c.nextText(WAIT)).isEqualTo("2");
                c.send("3");
            }
            assertThat(c.nextText(WAIT)).isEqualTo("2");
            assertThat(c.next(WAIT)).as("closed after the ping timeout").isInstanceOf(Closed.class);
        }
    }
}
