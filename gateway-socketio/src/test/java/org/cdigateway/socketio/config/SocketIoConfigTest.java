package org.cdigateway.socketio.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.cdigateway.Adapter;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.junit5.client.RawWebSocketClient;
import org.cdigateway.junit5.client.RawWebSocketClient.Closed;
import org.cdigateway.se.GatewayRuntime;
import org.cdigateway.socketio.SocketIoConfig;
import org.cdigateway.socketio.Transport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The settings of {@link SocketIoConfig} and the configuration, seen over real sockets on the embedded runtime. */
class SocketIoConfigTest {

    static final Duration WAIT = Duration.ofSeconds(5);
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(WAIT)
            .build();

    // tag::config[]
    @WebSocketGateway(adapter = Adapter.SOCKET_IO, namespace = "/chat")
    @SocketIoConfig(pingInterval = 4321, allowedOrigins = "https://app.example") // <1>
    static class ChatGateway {

        @SubscribeMessage("echo")
        public String echo(String text) {
            return text;
        }
    }
    // end::config[]

    @WebSocketGateway(adapter = Adapter.SOCKET_IO)
    @SocketIoConfig(transports = Transport.WEBSOCKET, pingInterval = 5000)
    static class WebSocketOnlyGateway {

        @SubscribeMessage("echo")
        public String echo(String text) {
            return text;
        }
    }

    @WebSocketGateway(adapter = Adapter.SOCKET_IO)
    @SocketIoConfig(transports = Transport.POLLING)
    static class PollingOnlyGateway {

        @SubscribeMessage("echo")
        public String echo(String text) {
            return text;
        }
    }

    /** A runtime serving one gateway; with system properties set while it starts, when the settings are read. */
    static GatewayRuntime start(Class<?> gateway, String... properties) {
        for (int i = 0; i < properties.length; i += 2) {
            System.setProperty(properties[i], properties[i + 1]);
        }
        try {
            return GatewayRuntime.builder().host("127.0.0.1").port(0).beanClasses(gateway).start();
        } finally {
            for (int i = 0; i < properties.length; i += 2) {
                System.clearProperty(properties[i]);
            }
        }
    }

    static HttpResponse<String> request(GatewayRuntime server, String method, String query, String origin) {
        HttpRequest.Builder b = HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + "/socket.io/?" + query)).timeout(WAIT)
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (origin != null) {
            b.header("Origin", origin);
        }
        return HTTP.sendAsync(b.build(), HttpResponse.BodyHandlers.ofString()).join();
    }

    static JsonObject open(String packet) {
        assertThat(packet).startsWith("0{");
        return Json.createReader(new StringReader(packet.substring(1))).readObject();
    }

    /** The status of a WebSocket opening handshake sent by hand (a refused one may never end for java.net.http). */
    static int handshakeStatus(GatewayRuntime server, String query, String origin) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout((int) WAIT.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(("GET /socket.io/?" + query + " HTTP/1.1\r\nHost: 127.0.0.1:" + server.port()
                    + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\n" + (origin == null ? "" : "Origin: " + origin + "\r\n") + "\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
                line.append((char) c);
            }
            String[] parts = line.toString().split(" ");
            return parts.length > 1 ? Integer.parseInt(parts[1]) : -1;
        }
    }

    static RawWebSocketClient webSocket(GatewayRuntime server, String query) {
        return RawWebSocketClient.connect(URI.create("ws://127.0.0.1:" + server.port() + "/socket.io/?" + query));
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class AnnotatedPingIntervalAndOrigins {

        GatewayRuntime server;

        @BeforeAll
        void start() {
            server = SocketIoConfigTest.start(ChatGateway.class);
        }

        @AfterAll
        void stop() {
            server.close();
        }

        @Test
        void theHandshakeCarriesTheAnnotatedPingInterval() throws InterruptedException {
            HttpResponse<String> polling = request(server, "GET", "EIO=4&transport=polling", null);
            assertThat(polling.statusCode()).isEqualTo(200);
            JsonObject handshake = open(polling.body());
            assertThat(handshake.getInt("pingInterval")).isEqualTo(4321);
            assertThat(handshake.getInt("pingTimeout")).as("not set: the default").isEqualTo(20_000);
            assertThat(handshake.getJsonArray("upgrades").toString()).isEqualTo("[\"websocket\"]");
            try (RawWebSocketClient ws = webSocket(server, "EIO=4&transport=websocket")) {
                assertThat(open(ws.nextText(WAIT)).getInt("pingInterval")).isEqualTo(4321);
            }
        }

        @Test
        void aPollFromAnOriginNotAllowedIs403WithoutCorsHeaders() {
            for (String method : new String[]{"GET", "POST", "OPTIONS"}) {
                HttpResponse<String> r = request(server, method, "EIO=4&transport=polling", "https://evil.example");
                assertThat(r.statusCode()).as(method).isEqualTo(403);
                assertThat(r.body()).as(method).isEqualTo("{\"code\":4,\"message\":\"Forbidden\"}");
                assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).as(method).isEmpty();
                assertThat(r.headers().firstValue("Access-Control-Allow-Credentials")).as(method).isEmpty();
            }
        }

        @Test
        void anAllowedOriginGetsCorsHeadersEchoingIt() {
            HttpResponse<String> r = request(server, "GET", "EIO=4&transport=polling", "https://app.example");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://app.example");
            assertThat(r.headers().firstValue("Access-Control-Allow-Credentials")).hasValue("true");
            HttpResponse<String> preflight = request(server, "OPTIONS", "EIO=4&transport=polling",
                    "https://app.example");
            assertThat(preflight.statusCode()).isEqualTo(204);
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://app.example");
        }

        @Test
        void aWebSocketFromAnOriginNotAllowedIsRefused() throws IOException {
            assertThat(handshakeStatus(server, "EIO=4&transport=websocket", "https://evil.example")).isEqualTo(403);
            assertThat(handshakeStatus(server, "EIO=4&transport=websocket", "https://app.example")).isEqualTo(101);
            assertThat(handshakeStatus(server, "EIO=4&transport=websocket", null)).as("not a browser").isEqualTo(101);
        }

        @Test
        void anUpgradeFromAnOriginNotAllowedIsRefused() throws IOException {
            HttpResponse<String> polling = request(server, "GET", "EIO=4&transport=polling", "https://app.example");
            String sid = open(polling.body()).getString("sid");
            assertThat(handshakeStatus(server, "EIO=4&transport=websocket&sid=" + sid, "https://evil.example"))
                    .isEqualTo(403);
            assertThat(request(server, "POST", "EIO=4&transport=polling&sid=" + sid, "https://evil.example")
                    .statusCode()).as("nor may it poll the session").isEqualTo(403);
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class WebSocketOnly {

        GatewayRuntime server;

        @BeforeAll
        void start() {
            server = SocketIoConfigTest.start(WebSocketOnlyGateway.class, "cdigateway.socketio.ping-interval", "777");
        }

        @AfterAll
        void stop() {
            server.close();
        }

        @Test
        void pollingIsAnUnknownTransport() {
            HttpResponse<String> r = request(server, "GET", "EIO=4&transport=polling", null);
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.body()).isEqualTo("{\"code\":0,\"message\":\"Transport unknown\"}");
            assertThat(request(server, "GET", "EIO=4&transport=polling&sid=abc", null).body())
                    .isEqualTo("{\"code\":0,\"message\":\"Transport unknown\"}");
        }

        @Test
        void aWebSocketConnectsAndTheConfigurationOverridesTheAnnotation() throws InterruptedException {
            try (RawWebSocketClient ws = webSocket(server, "EIO=4&transport=websocket")) {
                JsonObject handshake = open(ws.nextText(WAIT));
                assertThat(handshake.getJsonArray("upgrades")).isEmpty();
                assertThat(handshake.getInt("pingInterval")).as("the system property, not 5000").isEqualTo(777);
                ws.send("40");
                assertThat(ws.nextText(WAIT)).startsWith("40{\"sid\":");
            }
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class PollingOnly {

        GatewayRuntime server;

        @BeforeAll
        void start() {
            server = SocketIoConfigTest.start(PollingOnlyGateway.class);
        }

        @AfterAll
        void stop() {
            server.close();
        }

        @Test
        void theHandshakeOffersNoUpgradeAndTheSessionWorks() {
            HttpResponse<String> r = request(server, "GET", "EIO=4&transport=polling", null);
            assertThat(r.statusCode()).isEqualTo(200);
            JsonObject handshake = open(r.body());
            assertThat(handshake.getJsonArray("upgrades")).isEmpty();
            String session = "EIO=4&transport=polling&sid=" + handshake.getString("sid");
            HttpResponse<String> connect = HTTP.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + server.port() + "/socket.io/?" + session)).timeout(WAIT)
                    .POST(HttpRequest.BodyPublishers.ofString("40")).build(), HttpResponse.BodyHandlers.ofString())
                    .join();
            assertThat(connect.body()).isEqualTo("ok");
            assertThat(request(server, "GET", session, null).body()).startsWith("40{\"sid\":");
        }

        @Test
        void aFreshWebSocketIsRefused() throws InterruptedException {
            try (RawWebSocketClient ws = webSocket(server, "EIO=4&transport=websocket")) {
                assertThat(ws.next(WAIT)).isInstanceOf(Closed.class);
            }
        }

        @Test
        void anUpgradeIsRefusedAndThePollingSessionGoesOn() throws InterruptedException {
            String sid = open(request(server, "GET", "EIO=4&transport=polling", null).body()).getString("sid");
            try (RawWebSocketClient ws = webSocket(server, "EIO=4&transport=websocket&sid=" + sid)) {
                assertThat(ws.next(WAIT)).isInstanceOf(Closed.class);
            }
            HttpResponse<String> stillThere = HTTP.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + server.port() + "/socket.io/?EIO=4&transport=polling&sid=" + sid)).timeout(WAIT)
                    .POST(HttpRequest.BodyPublishers.ofString("40")).build(), HttpResponse.BodyHandlers.ofString())
                    .join();
            assertThat(stillThere.body()).isEqualTo("ok");
        }
    }
}
