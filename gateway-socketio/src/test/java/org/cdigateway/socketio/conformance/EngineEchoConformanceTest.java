package org.cdigateway.socketio.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.cdigateway.junit5.client.RawWebSocketClient;
import org.cdigateway.junit5.client.RawWebSocketClient.Closed;
import org.cdigateway.se.GatewayRuntime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bare Engine.IO endpoint of the conformance server, {@code /engine.io/}, which the public Engine.IO test suite
 * talks to: every message comes back on its session, text as text and binary as binary, over either transport.
 */
class EngineEchoConformanceTest {

    static final Duration WAIT = Duration.ofSeconds(5);
    static final char SEPARATOR = '\u001e';
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(WAIT)
            .build();
    static GatewayRuntime server;

    @BeforeAll
    static void start() {
        server = ConformanceServer.start(0);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static RawWebSocketClient open() throws InterruptedException {
        RawWebSocketClient c = RawWebSocketClient.connect(
                URI.create("ws://127.0.0.1:" + server.port() + "/engine.io/?EIO=4&transport=websocket"));
        assertThat(c.nextText(WAIT)).startsWith("0{").contains("\"upgrades\":[]");
        return c;
    }

    private static HttpResponse<String> http(String method, String query, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + "/engine.io/?EIO=4&transport=polling" + query))
                .timeout(WAIT);
        b = body == null ? b.GET() : b.method(method, HttpRequest.BodyPublishers.ofString(body));
        return HTTP.sendAsync(b.build(), HttpResponse.BodyHandlers.ofString()).join();
    }

    @Test
    void textAndBinaryMessagesComeBackOverWebSocketAndAnInvalidPacketCloses() throws InterruptedException {
        try (RawWebSocketClient c = open()) {
            c.send("4hello");
            assertThat(c.nextText(WAIT)).isEqualTo("4hello");
            c.sendBinary(new byte[]{1, 2, 3, 4});
            assertThat(c.next(WAIT)).isEqualTo(new byte[]{1, 2, 3, 4}); // no type byte on the wire
            c.send("abc");
            assertThat(c.next(WAIT)).isInstanceOf(Closed.class);
        }
    }

    @Test
    void aPostOfTextAndBinaryPacketsComesBackInOnePollInOrder() {
        HttpResponse<String> handshake = http("GET", "", null);
        assertThat(handshake.body()).startsWith("0{").contains("\"upgrades\":[\"websocket\"]");
        String sid = handshake.body().replaceAll(".*\"sid\":\"([^\"]+)\".*", "$1");
        String payload = "4hello" + SEPARATOR + "4€ and 😀" + SEPARATOR + "bAQIDBA==";
        HttpResponse<String> post = http("POST", "&sid=" + sid, payload);
        assertThat(post.statusCode()).isEqualTo(200);
        assertThat(post.body()).isEqualTo("ok");
        StringBuilder back = new StringBuilder();
        while (back.toString().split(String.valueOf(SEPARATOR)).length < 3) { // pings answered and left out
            for (String p : http("GET", "&sid=" + sid, null).body().split(String.valueOf(SEPARATOR))) {
                if (p.equals("2")) {
                    http("POST", "&sid=" + sid, "3");
                } else {
                    back.append(back.isEmpty() ? "" : String.valueOf(SEPARATOR)).append(p);
                }
            }
        }
        assertThat(back.toString()).isEqualTo(payload);
    }
}
