package org.cdigateway.tests.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.zip.Deflater;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.cdigateway.Compression;
import org.cdigateway.ConnectedSocket;
import org.cdigateway.GatewayClient;
import org.cdigateway.GatewayServer;
import org.cdigateway.MessageBody;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.internal.client.SessionClient;
import org.cdigateway.internal.client.WebSocketChannel;
import org.cdigateway.junit5.Clients;
import org.cdigateway.junit5.GatewayTest;
import org.cdigateway.junit5.client.DeflateWebSocketClient;
import org.cdigateway.junit5.client.DeflateWebSocketClient.Message;
import org.cdigateway.junit5.client.GatewayTestClient;
import org.cdigateway.se.GatewayRuntime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code @WebSocketGateway(compression)} on the embedded runtime: permessage-deflate is agreed on with a client that
 * offers it when the gateway says ON, never when OFF or DEFAULT; compressed messages go both ways, replies and
 * broadcasts alike, and a room of compressing and plain clients gets the same messages, each as its connection agreed.
 */
@GatewayTest
class CompressionTest {

    static final Duration WAIT = Duration.ofSeconds(20);

    // tag::compression[]
    @WebSocketGateway(value = "/quotes", compression = Compression.ON, maxMessageSize = 1 << 20)
    public static class QuotesGateway {
        // end::compression[]

        @Inject
        GatewayServer server;

        @SubscribeMessage("echo")
        public String echo(@MessageBody String text) {
            return text;
        }

        /** Joins the room; answers whether the client's frames may be written as one encoded frame for all. */
        @SubscribeMessage("join")
        public boolean join(@MessageBody String room, @ConnectedSocket GatewayClient client) {
            client.join(room);
            return ((WebSocketChannel) ((SessionClient) client).channel()).writesEncodedFrames();
        }

        @SubscribeMessage("shout")
        public void shout(@MessageBody String text) {
            server.to("hall").emit("shout", text);
        }
    }

    @WebSocketGateway(value = "/plain-quotes", compression = Compression.OFF)
    public static class UncompressedGateway {

        @SubscribeMessage("echo")
        public String echo(@MessageBody String text) {
            return text;
        }
    }

    @WebSocketGateway("/default-quotes")
    public static class DefaultGateway {

        @SubscribeMessage("echo")
        public String echo(@MessageBody String text) {
            return text;
        }
    }

    /** DEFAULT here; compression=on in microprofile-config.properties. */
    @WebSocketGateway("/configured-quotes")
    public static class ConfiguredGateway {

        @SubscribeMessage("echo")
        public String echo(@MessageBody String text) {
            return text;
        }
    }

    @WebSocketGateway(value = "/small-quotes", compression = Compression.ON, maxMessageSize = 1024)
    public static class SmallMessagesGateway {

        @SubscribeMessage("echo")
        public String echo(@MessageBody String text) {
            return text;
        }
    }

    /** Long and repetitive, as JSON feeds are. */
    static final String QUOTES = "{\"symbol\":\"ACME\",\"bid\":101.25,\"ask\":101.5,\"venue\":\"XPAR\"},".repeat(400);

    private final List<DeflateWebSocketClient> opened = new java.util.ArrayList<>();

    DeflateWebSocketClient connect(GatewayRuntime runtime, String path, String offer) {
        DeflateWebSocketClient c = DeflateWebSocketClient.connect(runtime.wsUri(path), offer);
        opened.add(c);
        return c;
    }

    @AfterEach
    void closeClients() {
        opened.forEach(DeflateWebSocketClient::close);
    }

    static String request(String event, String data, int id) {
        return Json.createObjectBuilder().add("event", event).add("data", data).add("id", id).build().toString();
    }

    static JsonObject json(Message m) {
        return Json.createReader(new StringReader(m.text())).readObject();
    }

    @Test
    void agreedOnWhenOnAndOfferedAndMessagesGoCompressedBothWays(GatewayRuntime runtime) throws Exception {
        DeflateWebSocketClient c = connect(runtime, "/quotes", DeflateWebSocketClient.OFFER);
        assertThat(c.extensions()).isEqualTo("permessage-deflate");
        for (int id = 1; id <= 3; id++) { // the contexts carry over from message to message
            c.send(request("echo", QUOTES, id));
            Message reply = c.next(WAIT);
            assertThat(reply.compressed()).isTrue();
            assertThat(reply.wireBytes()).isLessThan(QUOTES.length() / 20);
            assertThat(json(reply).getString("data")).isEqualTo(QUOTES);
            assertThat(json(reply).getInt("id")).isEqualTo(id);
        }
        c.send(request("echo", "", 4));
        assertThat(json(c.next(WAIT)).getString("data")).isEmpty();
    }

    @Test
    void notAgreedOnWhenOffOrDefaultOrNotOffered(GatewayRuntime runtime) throws Exception {
        for (String path : List.of("/plain-quotes", "/default-quotes")) {
            DeflateWebSocketClient c = connect(runtime, path, DeflateWebSocketClient.OFFER);
            assertThat(c.extensions()).as(path).isEmpty();
            c.send(request("echo", QUOTES, 1));
            Message reply = c.next(WAIT);
            assertThat(reply.compressed()).isFalse();
            assertThat(json(reply).getString("data")).isEqualTo(QUOTES);
        }
        DeflateWebSocketClient none = connect(runtime, "/quotes", null);
        assertThat(none.extensions()).isEmpty();
        none.send(request("echo", QUOTES, 1));
        Message reply = none.next(WAIT);
        assertThat(reply.compressed()).isFalse();
        assertThat(json(reply).getString("data")).isEqualTo(QUOTES);
    }

    @Test
    void configurationSwitchesItOnForAGatewayThatLeavesItToTheContainer(GatewayRuntime runtime) throws Exception {
        DeflateWebSocketClient c = connect(runtime, "/configured-quotes", DeflateWebSocketClient.OFFER);
        assertThat(c.extensions()).isEqualTo("permessage-deflate");
        c.send(request("echo", QUOTES, 1));
        Message reply = c.next(WAIT);
        assertThat(reply.compressed()).isTrue();
        assertThat(json(reply).getString("data")).isEqualTo(QUOTES);
    }

    @Test
    void anOfferThatCannotBeHonouredIsPassedOverForTheNext(GatewayRuntime runtime) throws Exception {
        DeflateWebSocketClient small = connect(runtime, "/quotes", "permessage-deflate; server_max_window_bits=10");
        assertThat(small.extensions()).isEmpty();
        DeflateWebSocketClient second = connect(runtime, "/quotes",
                "permessage-deflate; server_max_window_bits=10, permessage-deflate; server_no_context_takeover");
        assertThat(second.extensions()).isEqualTo("permessage-deflate; server_no_context_takeover");
        for (int id = 1; id <= 2; id++) {
            second.send(request("echo", QUOTES, id));
            Message reply = second.next(WAIT);
            assertThat(reply.compressed()).isTrue();
            assertThat(json(reply).getString("data")).isEqualTo(QUOTES);
        }
    }

    @Test
    void aRoomOfCompressingAndPlainClientsGetsEveryBroadcastEachAsItAgreed(GatewayRuntime runtime, Clients clients)
            throws Exception {
        DeflateWebSocketClient zipped1 = connect(runtime, "/quotes", DeflateWebSocketClient.OFFER);
        DeflateWebSocketClient zipped2 = connect(runtime, "/quotes", DeflateWebSocketClient.OFFER);
        DeflateWebSocketClient plain = connect(runtime, "/quotes", null);
        GatewayTestClient jdk = clients.connect("/quotes");
        int id = 1;
        for (DeflateWebSocketClient c : List.of(zipped1, zipped2, plain)) {
            c.send(request("join", "hall", id++));
            boolean encodedForAll = json(c.next(WAIT)).getBoolean("data");
            assertThat(encodedForAll).as("a compressing connection gets its own frames, a plain one the shared ones")
                    .isEqualTo(!c.compressing());
        }
        assertThat(jdk.request("join", "hall").data(Boolean.class)).isTrue();

        for (String text : List.of(QUOTES, "short", "é ✓ 😀")) {
            zipped1.send(request("shout", text, id++));
            for (DeflateWebSocketClient c : List.of(zipped1, zipped2, plain)) {
                Message m = c.next(WAIT);
                assertThat(json(m).getString("event")).isEqualTo("shout");
                assertThat(json(m).getString("data")).isEqualTo(text);
                assertThat(m.compressed()).isEqualTo(c.compressing());
            }
            assertThat(jdk.awaitEvent("shout", WAIT).data(String.class)).isEqualTo(text);
        }
        jdk.emit("shout", QUOTES);
        for (DeflateWebSocketClient c : List.of(zipped1, zipped2, plain)) {
            assertThat(json(c.next(WAIT)).getString("data")).isEqualTo(QUOTES);
        }
    }

    @Test
    void aMessageThatInflatesPastTheLimitClosesWith1009(GatewayRuntime runtime) throws Exception {
        DeflateWebSocketClient c = connect(runtime, "/small-quotes", DeflateWebSocketClient.OFFER);
        assertThat(c.compressing()).isTrue();
        c.send(request("echo", "x".repeat(900), 1));
        assertThat(json(c.next(WAIT)).getString("data")).hasSize(900);

        Deflater bomb = new Deflater(Deflater.BEST_COMPRESSION, true);
        bomb.setInput(("[" + "0,".repeat(2_000_000) + "0]").getBytes(StandardCharsets.US_ASCII));
        byte[] out = new byte[64 * 1024];
        int n = bomb.deflate(out, 0, out.length, Deflater.SYNC_FLUSH);
        bomb.end();
        assertThat(n).isLessThan(out.length);
        c.sendFrame(true, java.util.Arrays.copyOf(out, n - 4));
        assertThat(c.awaitClose(WAIT).code()).isEqualTo(1009);
    }

    @Test
    void aCompressedMessageThatDoesNotInflateClosesTheConnection(GatewayRuntime runtime) throws Exception {
        DeflateWebSocketClient c = connect(runtime, "/quotes", DeflateWebSocketClient.OFFER);
        assertThat(c.compressing()).isTrue();
        c.sendFrame(true, new byte[]{(byte) 0xFF, (byte) 0xFF, (byte) 0xFF}); // a block of the reserved type
        assertThat(c.awaitClose(WAIT).code()).isEqualTo(1007);
    }
}
