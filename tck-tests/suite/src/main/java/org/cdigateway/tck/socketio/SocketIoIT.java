package org.cdigateway.tck.socketio;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.cdigateway.junit5.client.GatewayTestClient;
import org.cdigateway.junit5.client.RawWebSocketClient;
import org.cdigateway.tck.Connections;
import org.cdigateway.tck.Deployments;
import org.cdigateway.tck.WebSockets;
import org.cdigateway.tck.socketio.SocketIoGateways.GuardedGateway;
import org.cdigateway.tck.socketio.SocketIoGateways.MixedGateway;
import org.cdigateway.tck.socketio.SocketIoGateways.TokenGuard;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Socket.IO adapter in a WAR: Engine.IO over WebSocket and over the servlet container's long-polling, the upgrade
 * between them, namespaces, auth seen by a guard, and one gateway whose Socket.IO and native clients share a room.
 * Packets are written by hand, as the public protocol test suites write them.
 */
@ExtendWith(ArquillianExtension.class)
class SocketIoIT {

    static final Duration WAIT = Duration.ofSeconds(20);
    static final char SEPARATOR = '\u001e';
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(WAIT).build();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war("socketio", SocketIoGateways.class, MixedGateway.class, MixedGateway.Shout.class,
                TokenGuard.class, GuardedGateway.class).addAsLibrary(Deployments.socketIoJar());
    }

    @ArquillianResource
    URL base;

    final Connections connections = new Connections();

    @AfterEach
    void close() {
        connections.close();
    }

    private RawWebSocketClient webSocket(String query) {
        return RawWebSocketClient.connect(URI.create(WebSockets.uri(base, "socket.io/") + "?" + query));
    }

    private RawWebSocketClient open() throws InterruptedException {
        RawWebSocketClient c = webSocket("EIO=4&transport=websocket");
        assertThat(c.nextText(WAIT)).startsWith("0{");
        return c;
    }

    /** The next packet that is not a ping (answered). */
    private static String next(RawWebSocketClient c) throws InterruptedException {
        while (true) {
            String p = c.nextText(WAIT);
            if (!p.equals("2")) {
                return p;
            }
            c.send("3");
        }
    }

    private HttpResponse<String> http(String method, String query, String body) {
        URI uri = URI.create(base.toString().replaceAll("/$", "") + "/socket.io/?" + query);
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(WAIT);
        b = body == null
                ? b.GET()
                : b.header("Content-Type", "text/plain;charset=UTF-8")
                        .method(method, HttpRequest.BodyPublishers.ofString(body));
        return HTTP.sendAsync(b.build(), HttpResponse.BodyHandlers.ofString()).join();
    }

    /** Polls until something besides pings came (answering them). */
    private String poll(String sid) {
        while (true) {
            HttpResponse<String> r = http("GET", "EIO=4&transport=polling&sid=" + sid, null);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            StringBuilder rest = new StringBuilder();
            for (String p : r.body().split(String.valueOf(SEPARATOR))) {
                if (p.equals("2")) {
                    http("POST", "EIO=4&transport=polling&sid=" + sid, "3");
                } else if (!p.equals("6")) {
                    rest.append(rest.isEmpty() ? "" : String.valueOf(SEPARATOR)).append(p);
                }
            }
            if (!rest.isEmpty()) {
                return rest.toString();
            }
        }
    }

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    @Test
    void overWebSocketAClientConnectsWithAuthAndItsEventsAreEchoedAndAcknowledged() throws InterruptedException {
        try (RawWebSocketClient c = open()) {
            c.send("40{\"token\":\"123\"}");
            assertThat(next(c)).startsWith("40{\"sid\":");
            assertThat(next(c)).isEqualTo("42[\"auth\",{\"token\":\"123\"}]");
            c.send("42[\"message\",1,\"2\",{\"3\":[true]}]");
            assertThat(next(c)).isEqualTo("42[\"message-back\",1,\"2\",{\"3\":[true]}]");
            c.send("42456[\"message-with-ack\",1,\"2\",{\"3\":[false]}]");
            assertThat(next(c)).isEqualTo("43456[1,\"2\",{\"3\":[false]}]");
        }
    }

    @Test
    void binaryAttachmentsGoThroughTheContainerOverWebSocketAndLongPolling() throws InterruptedException {
        String placeholder = "{\"_placeholder\":true,\"num\":0}";
        try (RawWebSocketClient c = open()) {
            c.send("40");
            assertThat(next(c)).startsWith("40{\"sid\":");
            assertThat(next(c)).isEqualTo("42[\"auth\",{}]");
            c.send("451-[\"message\"," + placeholder + ",\"text\"]").sendBinary(new byte[]{1, 2, 3});
            assertThat(next(c)).isEqualTo("451-[\"message-back\"," + placeholder + ",\"text\"]");
            assertThat(c.next(WAIT)).isEqualTo(new byte[]{1, 2, 3});
            c.send("451-9[\"message-with-ack\"," + placeholder + "]").sendBinary(new byte[]{(byte) 0xff, 0});
            assertThat(next(c)).isEqualTo("461-9[" + placeholder + "]");
            assertThat(c.next(WAIT)).isEqualTo(new byte[]{(byte) 0xff, 0});
        }
        String sid = json(http("GET", "EIO=4&transport=polling", null).body().substring(1)).getString("sid");
        String session = "EIO=4&transport=polling&sid=" + sid;
        assertThat(http("POST", session, "40").body()).isEqualTo("ok");
        String connected = poll(sid);
        if (!connected.contains("42[")) {
            connected = connected + SEPARATOR + poll(sid);
        }
        assertThat(connected).startsWith("40{\"sid\":").endsWith("42[\"auth\",{}]");
        assertThat(http("POST", session, "451-[\"message\"," + placeholder + "]" + SEPARATOR + "bAQID").body())
                .isEqualTo("ok");
        assertThat(poll(sid)).isEqualTo("451-[\"message-back\"," + placeholder + "]" + SEPARATOR + "bAQID");
    }

    @Test
    void anUnknownNamespaceAndARefusingGuardAreConnectErrors() throws InterruptedException {
        try (RawWebSocketClient c = open()) {
            c.send("40/random,");
            assertThat(next(c)).isEqualTo("44/random,{\"message\":\"Invalid namespace\"}");
            c.send("40/guarded,{\"token\":\"bad\"}");
            assertThat(next(c)).isEqualTo("44/guarded,{\"message\":\"Bad token\"}");
            c.send("40/guarded,{\"token\":\"letmein\"}");
            assertThat(next(c)).startsWith("40/guarded,{\"sid\":");
            c.send("42/guarded,7[\"whoami\"]");
            assertThat(next(c)).isEqualTo("43/guarded,7[\"admitted\"]");
        }
    }

    @Test
    void overTheContainersLongPollingAndThenUpgradedToWebSocket() throws InterruptedException {
        HttpResponse<String> open = http("GET", "EIO=4&transport=polling", null);
        assertThat(open.statusCode()).isEqualTo(200);
        assertThat(open.body()).startsWith("0{");
        JsonObject handshake = json(open.body().substring(1));
        assertThat(handshake.getJsonArray("upgrades").toString()).isEqualTo("[\"websocket\"]");
        String sid = handshake.getString("sid");
        String session = "EIO=4&transport=polling&sid=" + sid;
        assertThat(http("POST", session, "40{\"token\":\"p\"}").body()).isEqualTo("ok");
        String connected = poll(sid);
        if (!connected.contains("42[")) {
            connected = connected + SEPARATOR + poll(sid);
        }
        assertThat(connected).startsWith("40{\"sid\":").endsWith(SEPARATOR + "42[\"auth\",{\"token\":\"p\"}]");
        assertThat(http("POST", session, "42[\"message\",\"polled\"]").body()).isEqualTo("ok");
        assertThat(poll(sid)).isEqualTo("42[\"message-back\",\"polled\"]");
        assertThat(http("GET", "EIO=4&transport=polling&sid=unknown", null).statusCode()).isEqualTo(400);

        try (RawWebSocketClient ws = webSocket("EIO=4&transport=websocket&sid=" + sid)) {
            ws.send("2probe");
            assertThat(ws.nextText(WAIT)).isEqualTo("3probe");
            ws.send("5");
            ws.send("42[\"message\",\"upgraded\"]");
            assertThat(next(ws)).isEqualTo("42[\"message-back\",\"upgraded\"]");
            assertThat(http("GET", session, null).statusCode()).as("polling is over").isEqualTo(400);
        }
    }

    @Test
    void aNativeClientAndASocketIoClientShareTheGatewaysRooms() throws InterruptedException {
        GatewayTestClient nativeClient = connections.connect(base, "mixed");
        assertThat(nativeClient.request("join", "both").data(String.class)).isEqualTo("both");
        try (RawWebSocketClient c = open()) {
            c.send("40");
            assertThat(next(c)).startsWith("40{\"sid\":");
            assertThat(next(c)).isEqualTo("42[\"auth\",{}]");
            c.send("421[\"join\",\"both\"]");
            assertThat(next(c)).isEqualTo("431[\"both\"]");
            c.send("422[\"shout\",{\"room\":\"both\",\"payload\":\"hello\"}]");
            String a = next(c);
            String b = next(c);
            assertThat(new String[]{a, b}).containsExactlyInAnyOrder("42[\"heard\",\"hello\"]", "432[true]");
        }
        assertThat(nativeClient.awaitEvent("heard", WAIT).data(String.class)).isEqualTo("hello");
    }
}
