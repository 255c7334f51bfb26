package org.cdigateway.socketio.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.cdigateway.junit5.client.RawWebSocketClient;
import org.cdigateway.junit5.client.RawWebSocketClient.Closed;
import org.cdigateway.se.GatewayRuntime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The expectations of the public protocol test suites over HTTP long-polling, and of the upgrade to WebSocket. */
class PollingConformanceTest {

    static final Duration WAIT = Duration.ofSeconds(5);
    static final char SEPARATOR = '\u001e';
    static GatewayRuntime server;
    static String base;
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(WAIT)
            .build();

    @BeforeAll
    static void start() {
        server = ConformanceServer.start(0);
        base = "http://127.0.0.1:" + server.port() + "/socket.io/?";
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static HttpResponse<String> get(String query) {
        return HTTP.sendAsync(HttpRequest.newBuilder(URI.create(base + query)).timeout(WAIT).GET().build(),
                HttpResponse.BodyHandlers.ofString()).join();
    }

    static CompletableFuture<HttpResponse<String>> getLater(String query) {
        return HTTP.sendAsync(HttpRequest.newBuilder(URI.create(base + query)).timeout(WAIT).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(String query, String body) {
        return HTTP.sendAsync(HttpRequest.newBuilder(URI.create(base + query)).timeout(WAIT)
                .header("Content-Type", "text/plain;charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString())
                .join();
    }

    /** A new polling session: its sid. */
    static String handshake() {
        HttpResponse<String> r = get("EIO=4&transport=polling");
        assertThat(r.statusCode()).isEqualTo(200);
        return json(r.body().substring(1)).getString("sid");
    }

    static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    static String session(String sid) {
        return "EIO=4&transport=polling&sid=" + sid;
    }

    /** Polls until something other than pings came (answering them), and returns it without the pings. */
    static String pollSkippingPings(String sid) {
        while (true) {
            HttpResponse<String> r = get(session(sid));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            StringBuilder rest = new StringBuilder();
            for (String p : r.body().split(String.valueOf(SEPARATOR))) {
                if (p.equals("2")) {
                    assertThat(post(session(sid), "3").body()).isEqualTo("ok");
                } else {
                    rest.append(rest.isEmpty() ? "" : String.valueOf(SEPARATOR)).append(p);
                }
            }
            if (!rest.isEmpty()) {
                return rest.toString();
            }
        }
    }

    @Test
    void theHandshakeIsExactlyTheOpenPacketOfferingTheUpgrade() {
        HttpResponse<String> r = get("EIO=4&transport=polling");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).startsWith("0{").doesNotContain(String.valueOf(SEPARATOR));
        JsonObject o = json(r.body().substring(1));
        assertThat(o.keySet()).containsExactlyInAnyOrder("sid", "upgrades", "pingInterval", "pingTimeout",
                "maxPayload");
        assertThat(o.getJsonArray("upgrades").toString()).isEqualTo("[\"websocket\"]");
        assertThat(o.getInt("pingInterval")).isEqualTo(300);
    }

    @Test
    void badRequestsAre400() {
        assertThat(get("transport=polling").statusCode()).isEqualTo(400);
        assertThat(get("EIO=3&transport=polling").statusCode()).isEqualTo(400);
        assertThat(get("EIO=4").statusCode()).isEqualTo(400);
        assertThat(get("EIO=4&transport=carrier-pigeon").statusCode()).isEqualTo(400);
        assertThat(post("EIO=4&transport=polling", "40").statusCode()).isEqualTo(400);
        assertThat(get(session("no-such-sid")).statusCode()).isEqualTo(400);
        assertThat(get(session("no-such-sid")).body()).isEqualTo("{\"code\":1,\"message\":\"Session ID unknown\"}");
    }

    @Test
    void packetsGoByPostAndComeBackByPollInOrder() {
        String sid = handshake();
        assertThat(post(session(sid), "40").body()).isEqualTo("ok");
        String connected = pollSkippingPings(sid);
        assertThat(connected).startsWith("40{\"sid\":");
        if (!connected.contains("42[")) {
            connected = connected + SEPARATOR + pollSkippingPings(sid);
        }
        assertThat(connected).endsWith(SEPARATOR + "42[\"auth\",{}]");
        assertThat(post(session(sid), "42[\"message\",\"a\"]" + SEPARATOR + "42[\"message\",\"b\"]").body())
                .isEqualTo("ok");
        String back = pollSkippingPings(sid);
        if (!back.contains(SEPARATOR + "")) {
            back = back + SEPARATOR + pollSkippingPings(sid);
        }
        assertThat(back).isEqualTo("42[\"message-back\",\"a\"]" + SEPARATOR + "42[\"message-back\",\"b\"]");
    }

    @Test
    void aBinaryEventComesBackWithItsAttachmentsInBase64InOnePoll() {
        String sid = handshake();
        assertThat(post(session(sid), "40").body()).isEqualTo("ok");
        String connected = pollSkippingPings(sid);
        if (!connected.contains("42[")) {
            pollSkippingPings(sid);
        }
        String placeholders = "{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}";
        assertThat(post(session(sid), "452-[\"message\"," + placeholders + "]" + SEPARATOR + "bAQID" + SEPARATOR
                + "bBAUG").body()).isEqualTo("ok");
        assertThat(pollSkippingPings(sid)).isEqualTo(
                "452-[\"message-back\"," + placeholders + "]" + SEPARATOR + "bAQID" + SEPARATOR + "bBAUG");
    }

    @Test
    void anInvalidPacketIs400AndEndsTheSession() {
        String sid = handshake();
        assertThat(post(session(sid), "abc").statusCode()).isEqualTo(400);
        assertThat(get(session(sid)).statusCode()).isEqualTo(400);
    }

    @Test
    void twoPollsAtOnceEndTheSession() {
        String sid = handshake();
        assertThat(post(session(sid), "40").body()).isEqualTo("ok");
        pollSkippingPings(sid); // what the connect sent
        CompletableFuture<HttpResponse<String>> first = getLater(session(sid));
        CompletableFuture<HttpResponse<String>> second = getLater(session(sid));
        HttpResponse<String> a = first.join();
        HttpResponse<String> b = second.join();
        assertThat(new int[]{a.statusCode(), b.statusCode()}).containsExactlyInAnyOrder(200, 400);
        assertThat(a.statusCode() == 200 ? a.body() : b.body()).isIn("1", "2" + SEPARATOR + "1");
        assertThat(get(session(sid)).statusCode()).isEqualTo(400);
    }

    @Test
    void theServerPingsOverPollingAndForgetsASilentClient() throws InterruptedException {
        String sid = handshake();
        assertThat(post(session(sid), "40").body()).isEqualTo("ok");
        pollSkippingPings(sid);
        HttpResponse<String> ping;
        do {
            ping = get(session(sid));
        } while (!ping.body().equals("2"));
        assertThat(post(session(sid), "3").body()).isEqualTo("ok");
        long deadline = System.nanoTime() + WAIT.toNanos();
        int status = 200;
        while (status == 200 && System.nanoTime() < deadline) {
            status = get(session(sid)).statusCode(); // polls, but never answers the next ping
        }
        assertThat(status).as("the session is gone after pingInterval + pingTimeout").isEqualTo(400);
    }

    @Test
    void aPollThatWaitsWhenTheClientClosesGetsANoop() {
        // the poll is sent first, but may reach the server after the close: then it finds no session, and the
        // case is tried again
        for (int attempt = 0; attempt < 10; attempt++) {
            String sid = handshake();
            assertThat(post(session(sid), "40").body()).isEqualTo("ok");
            pollSkippingPings(sid);
            CompletableFuture<HttpResponse<String>> waiting = getLater(session(sid));
            assertThat(post(session(sid), "1").body()).isEqualTo("ok");
            HttpResponse<String> answer = waiting.join();
            assertThat(get(session(sid)).statusCode()).isEqualTo(400);
            if (answer.statusCode() == 200) {
                assertThat(answer.body()).isIn("6", "2" + SEPARATOR + "6");
                return;
            }
        }
        throw new AssertionError("the poll never reached the server before the close");
    }

    @Test
    void theUpgradeProbesSwitchesAndLeavesPollingBehind() throws InterruptedException {
        String sid = handshake();
        assertThat(post(session(sid), "40").body()).isEqualTo("ok");
        pollSkippingPings(sid);
        CompletableFuture<HttpResponse<String>> waiting = getLater(session(sid));
        String ws = "ws://127.0.0.1:" + server.port();
        try (RawWebSocketClient socket = RawWebSocketClient
                .connect(URI.create(ws + "/socket.io/?" + "EIO=4&transport=websocket&sid=" + sid))) {
            socket.send("2probe");
            assertThat(socket.nextText(WAIT)).isEqualTo("3probe");
            assertThat(waiting.join().body()).as("the waiting poll ends").endsWith("6");
            socket.send("5");
            socket.send("42[\"message\",\"upgraded\"]");
            String next;
            do {
                next = socket.nextText(WAIT);
                if (next.equals("2")) {
                    socket.send("3");
                }
            } while (next.equals("2"));
            assertThat(next).isEqualTo("42[\"message-back\",\"upgraded\"]");
            assertThat(get(session(sid)).statusCode()).as("polling is over").isEqualTo(400);
            try (RawWebSocketClient second = RawWebSocketClient
                    .connect(URI.create(ws + "/socket.io/?" + "EIO=4&transport=websocket&sid=" + sid))) {
                assertThat(second.next(WAIT)).isInstanceOf(Closed.class);
            }
            socket.send("42[\"message\",\"still\"]");
            do {
                next = socket.nextText(WAIT);
                if (next.equals("2")) {
                    socket.send("3");
                }
            } while (next.equals("2"));
            assertThat(next).isEqualTo("42[\"message-back\",\"still\"]");
        }
    }
}
