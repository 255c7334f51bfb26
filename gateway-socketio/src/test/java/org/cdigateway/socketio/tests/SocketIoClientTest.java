package org.cdigateway.socketio.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.bind.JsonbBuilder;
import jakarta.websocket.CloseReason;

import org.cdigateway.Adapter;
import org.cdigateway.Arguments;
import org.cdigateway.CanActivate;
import org.cdigateway.ConnectedSocket;
import org.cdigateway.ExecutionContext;
import org.cdigateway.ForbiddenException;
import org.cdigateway.GatewayClient;
import org.cdigateway.GatewayServer;
import org.cdigateway.MessageBody;
import org.cdigateway.OnGatewayConnection;
import org.cdigateway.OnGatewayDisconnect;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.UseGuards;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.WsException;
import org.cdigateway.WsResponse;
import org.cdigateway.junit5.Clients;
import org.cdigateway.junit5.GatewayTest;
import org.cdigateway.junit5.client.GatewayTestClient;
import org.cdigateway.junit5.client.RawWebSocketClient;
import org.cdigateway.se.GatewayRuntime;
import org.cdigateway.socketio.client.NodeClient;
import org.junit.jupiter.api.Test;

/** The official socket.io-client, in Node, over WebSocket, against gateways of the embedded runtime. */
@GatewayTest
class SocketIoClientTest {

    static final Duration LIMIT = Duration.ofSeconds(30);

    /** The main namespace; the data of each event is its first argument. */
    // tag::gateway[]
    @WebSocketGateway(value = "/main", adapter = {Adapter.SOCKET_IO, Adapter.NATIVE})
    static class MainGateway implements OnGatewayConnection, OnGatewayDisconnect {

        static final List<String> DISCONNECTS = new ArrayList<>();

        @Inject
        GatewayServer server;

        @Override
        public void handleConnection(GatewayClient client) {
            JsonObject auth = client.auth(JsonObject.class);
            client.emit("hello", Map.of("auth", auth == null ? JsonValue.EMPTY_JSON_OBJECT : auth, "id", client.id()));
        }

        @Override
        public void handleDisconnect(GatewayClient client, CloseReason reason) {
            synchronized (DISCONNECTS) {
                DISCONNECTS.add(client.auth(Map.class).get("token") + " " + reason.getCloseCode().getCode() + " "
                        + reason.getReasonPhrase());
                DISCONNECTS.notifyAll();
            }
        }

        @SubscribeMessage("echo") // socket.emit("echo", data, ack): the return value is the acknowledgement
        public JsonValue echo(@MessageBody JsonValue data) {
            return data;
        }

        @SubscribeMessage("respond")
        public WsResponse<String> respond(String text) {
            return WsResponse.of("echoed", text);
        }

        @SubscribeMessage("fail")
        public String fail(String text) {
            throw new WsException("failed: " + text);
        }

        public record Broadcast(String room, String payload) {}

        @SubscribeMessage("join")
        public String join(@ConnectedSocket GatewayClient client, String room) {
            client.join(room);
            return room;
        }

        @SubscribeMessage("broadcast")
        public boolean broadcast(Broadcast b) {
            server.to(b.room()).emit("message", b.payload());
            return true;
        }

        @SubscribeMessage("kick")
        public void kick(@ConnectedSocket GatewayClient client, int code) {
            client.close(code, "kicked");
        }

        @SubscribeMessage("count")
        public Flow.Publisher<Integer> count(int n) {
            return subscriber -> {
                SubmissionPublisher<Integer> p = new SubmissionPublisher<>();
                p.subscribe(subscriber);
                new Thread(() -> {
                    for (int i = 1; i <= n; i++) {
                        p.submit(i);
                    }
                    p.close();
                }).start();
            };
        }
    }
    // end::gateway[]

    // tag::guard[]
    @ApplicationScoped
    static class TokenGuard implements CanActivate {

        @Override
        public boolean canActivate(ExecutionContext context) {
            GatewayClient client = context.switchToWs().getClient();
            JsonObject auth = client.auth(JsonObject.class);
            if (auth == null || !"letmein".equals(auth.getString("token", null))) {
                throw new ForbiddenException("Bad token", Map.of("retry", false)); // err.message, err.data
            }
            return true;
        }
    }

    /** A second namespace, guarded by the token in the connection's auth. */
    @WebSocketGateway(value = "/guarded", adapter = Adapter.SOCKET_IO, namespace = "/guarded")
    @UseGuards(TokenGuard.class)
    static class GuardedGateway {

        @SubscribeMessage("whoami")
        public String whoami(@ConnectedSocket GatewayClient client) {
            return "admitted " + client.auth(Map.class).get("token");
        }
    }
    // end::guard[]

    /** Binaries both ways: parameters, properties, return values, arguments and emits. */
    // tag::binary[]
    @WebSocketGateway(adapter = Adapter.SOCKET_IO, namespace = "/files")
    static class FilesGateway {

        public record Upload(String name, byte[] content) {}

        @SubscribeMessage("size") // socket.emit("size", buffer, ack)
        public int size(byte[] data) {
            return data.length;
        }

        @SubscribeMessage("reverse") // the acknowledgement is a Buffer
        public byte[] reverse(ByteBuffer data) {
            byte[] reversed = new byte[data.remaining()];
            for (int i = reversed.length - 1; i >= 0; i--) {
                reversed[i] = data.get();
            }
            return reversed;
        }

        @SubscribeMessage("upload") // {name: "a.txt", content: buffer}: a byte[] property gets the buffer
        public Map<String, Object> upload(Upload upload) {
            Map<String, Object> stored = new LinkedHashMap<>();
            stored.put("name", upload.name());
            stored.put("size", upload.content().length);
            stored.put("content", upload.content()); // in a map, list or Arguments: sent as binary
            return stored;
        }

        @SubscribeMessage("swap") // socket.emit("swap", buffer, "text", ack) -> ack("text", buffer)
        public Arguments swap(Arguments arguments) {
            return Arguments.of(arguments.get(1), arguments.get(0));
        }

        @SubscribeMessage("download")
        public void download(@ConnectedSocket GatewayClient client, int size) {
            byte[] file = new byte[size];
            for (int i = 0; i < size; i++) {
                file[i] = (byte) i;
            }
            client.emit("file", file);
        }
    }
    // end::binary[]

    /** A broadcast whose data holds binaries: attachments for Socket.IO clients, arrays of numbers for native ones. */
    // tag::binary-broadcast[]
    @WebSocketGateway(value = "/shared", adapter = {Adapter.SOCKET_IO, Adapter.NATIVE}, namespace = "/shared")
    static class SharedFilesGateway {

        @Inject
        GatewayServer server;

        @SubscribeMessage("join")
        public String join(@ConnectedSocket GatewayClient client, String room) {
            client.join(room);
            return room;
        }

        @SubscribeMessage("share") // to the room: the bytes alone, then in a map
        public boolean share(String room) {
            server.to(room).emit("bytes", FILE);
            server.to(room).emit("described", described());
            return true;
        }
    }
    // end::binary-broadcast[]

    static final byte[] FILE = {1, 2, -1};

    static Map<String, Object> described() {
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("name", "a.bin");
        described.put("content", FILE);
        described.put("size", FILE.length);
        return described;
    }

    private static JsonObject run(GatewayRuntime runtime, String scenario) {
        return run(runtime, scenario, null);
    }

    /** @param options the scenario's JSON options, such as {@code {"transports":["polling"]}} */
    private static JsonObject run(GatewayRuntime runtime, String scenario, String options) {
        JsonObject result = NodeClient.run(scenario, runtime.httpUri().toString().replaceAll("/$", ""), options,
                LIMIT);
        assertThat(result.containsKey("crash")).as("the scenario ran through: %s", result).isFalse();
        assertThat(result.containsKey("timeout")).as("the scenario finished in time: %s", result).isFalse();
        return result;
    }

    @Test
    void eventsAcknowledgementsResponsesAndErrors(GatewayRuntime runtime) throws InterruptedException {
        JsonObject r = run(runtime, "basics");
        assertThat(r.getBoolean("connected")).isTrue();
        assertThat(r.getJsonObject("hello").getJsonObject("auth").getString("token")).isEqualTo("t0k3n");
        assertThat(r.getJsonObject("hello").getString("id")).as("the client id is the socket's id")
                .isEqualTo(r.getString("id")).hasSize(20);
        assertThat(r.get("echo").toString()).isEqualTo("{\"text\":\"hi\",\"n\":1}");
        assertThat(r.getString("wsResponse")).isEqualTo("there");
        assertThat(r.getJsonObject("failure").getString("status")).isEqualTo("error");
        assertThat(r.getJsonObject("failure").getString("message")).isEqualTo("failed: boom");
        assertThat(r.getJsonObject("exception").getString("message")).isEqualTo("failed: no ack");
        assertThat(r.getJsonObject("unknown").getString("code")).isEqualTo("UNKNOWN_EVENT");
        assertThat(disconnectOf("t0k3n")).isEqualTo("t0k3n 1000 client namespace disconnect");
    }

    /**
     * The earliest disconnect of a client with the token, as handleDisconnect saw it (taken, so that the next call
     * gets the next one); fails after a while without one.
     */
    private static String disconnectOf(String token) throws InterruptedException {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            synchronized (MainGateway.DISCONNECTS) {
                for (String d : MainGateway.DISCONNECTS) {
                    if (d.startsWith(token + " ")) {
                        MainGateway.DISCONNECTS.remove(d);
                        return d;
                    }
                }
                MainGateway.DISCONNECTS.wait(200);
            }
        }
        throw new AssertionError("no disconnect of " + token + " in " + MainGateway.DISCONNECTS);
    }

    @Test
    void aNativeClientAndASocketIoClientShareTheGatewaysRooms(GatewayRuntime runtime, Clients clients)
            throws InterruptedException {
        GatewayTestClient nativeClient = clients.connect("/main");
        assertThat(nativeClient.request("join", "mixed").data(String.class)).isEqualTo("mixed");
        JsonObject r = run(runtime, "mixedRoom");
        assertThat(r.getString("got")).isEqualTo("to both");
        assertThat(nativeClient.awaitEvent("message", LIMIT).data(String.class)).isEqualTo("to both");
        assertThat(disconnectOf("m")).isEqualTo("m 1000 client namespace disconnect");
    }

    @Test
    void overLongPollingOnly(GatewayRuntime runtime) throws InterruptedException {
        JsonObject r = run(runtime, "basics", "{\"transports\":[\"polling\"]}");
        assertThat(r.getBoolean("connected")).isTrue();
        assertThat(r.get("echo").toString()).isEqualTo("{\"text\":\"hi\",\"n\":1}");
        assertThat(r.getString("wsResponse")).isEqualTo("there");
        assertThat(r.getJsonObject("failure").getString("message")).isEqualTo("failed: boom");
        assertThat(r.getJsonObject("exception").getString("message")).isEqualTo("failed: no ack");
        assertThat(disconnectOf("t0k3n")).isEqualTo("t0k3n 1000 client namespace disconnect");
        assertThat(run(runtime, "rooms", "{\"transports\":[\"polling\"]}").get("got").toString())
                .isEqualTo("[[\"a\",\"to the lobby\"],[\"b\",\"to the lobby\"]]");
    }

    @Test
    void pollingUpgradedToWebSocketLosesNothing(GatewayRuntime runtime) {
        JsonObject r = run(runtime, "upgrade", "{\"transports\":[\"polling\",\"websocket\"]}");
        assertThat(r.getString("first")).isEqualTo("polling");
        assertThat(r.getString("upgradedTo")).isEqualTo("websocket");
        assertThat(r.getString("before")).isEqualTo("before");
        assertThat(r.getString("after")).isEqualTo("after");
        assertThat(r.getString("last")).isEqualTo("websocket");
    }

    @Test
    void anUnknownNamespaceIsRefused(GatewayRuntime runtime) {
        assertThat(run(runtime, "invalidNamespace").getString("message")).isEqualTo("Invalid namespace");
    }

    @Test
    void aGuardSeesTheAuthAndItsRefusalIsAConnectError(GatewayRuntime runtime) {
        JsonObject r = run(runtime, "refused");
        assertThat(r.getString("message")).isEqualTo("Bad token");
        assertThat(r.get("data").toString()).isEqualTo("{\"retry\":false}");
        assertThat(r.getBoolean("admitted")).isTrue();
        assertThat(r.getString("whoami")).isEqualTo("admitted letmein");
    }

    @Test
    void namespacesShareOneConnection(GatewayRuntime runtime) {
        JsonObject r = run(runtime, "namespaces");
        assertThat(r.getBoolean("sameEngine")).isTrue();
        assertThat(r.getString("main")).isEqualTo("m");
        assertThat(r.getString("guarded")).isEqualTo("admitted letmein");
        assertThat(r.getString("mainAfter")).isEqualTo("still");
    }

    @Test
    void roomsReachTheirMembersOnly(GatewayRuntime runtime) {
        JsonObject r = run(runtime, "rooms");
        assertThat(r.getString("joinA")).isEqualTo("lobby");
        assertThat(r.get("got").toString())
                .isEqualTo("[[\"a\",\"to the lobby\"],[\"b\",\"to the lobby\"]]");
    }

    @Test
    void aDisconnectEndsTheClientAndADroppedTransportReconnects(GatewayRuntime runtime) throws InterruptedException {
        JsonObject r = run(runtime, "serverDisconnect");
        assertThat(r.getString("kickReason")).isEqualTo("io server disconnect");
        assertThat(r.getBoolean("reconnectedAfterKick")).isFalse();
        assertThat(r.getBoolean("newId")).isTrue();
        assertThat(r.getString("dropReason")).isEqualTo("transport close");
        assertThat(r.getBoolean("reconnectedAfterDrop")).isTrue();
        assertThat(disconnectOf("d")).isEqualTo("d 1000 server namespace disconnect");
        assertThat(disconnectOf("d")).isEqualTo("d 1001 server namespace disconnect");
        assertThat(disconnectOf("d")).isEqualTo("d 1000 client namespace disconnect");
    }

    @Test
    void binariesTravelBothWaysOverWebSocketAndPolling(GatewayRuntime runtime) {
        for (String transports : new String[]{"[\"websocket\"]", "[\"polling\"]"}) {
            JsonObject r = run(runtime, "binary", "{\"transports\":" + transports + "}");
            assertThat(r.get("size").toString()).as("%s: %s", transports, r).isEqualTo("5");
            assertThat(r.get("reverse").toString()).isEqualTo("{\"buffer\":[5,4,3,2,1]}");
            assertThat(r.get("upload").toString())
                    .isEqualTo("{\"name\":\"a.txt\",\"size\":5,\"content\":{\"buffer\":[104,101,108,108,111]}}");
            assertThat(r.get("swap").toString()).isEqualTo("[\"text\",{\"buffer\":[9,8]}]");
            assertThat(r.get("file").toString()).isEqualTo("{\"buffer\":[0,1,2,3]}");
            assertThat(r.get("big").toString()).as("%s: %s", transports, r).isEqualTo("200000");
        }
    }

    @Test
    void aBinaryBroadcastReachesSocketIoClientsAsAttachmentsAndNativeClientsAsBefore(GatewayRuntime runtime,
            Clients clients) {
        GatewayTestClient nativeClient = clients.connect("/shared");
        assertThat(nativeClient.request("join", "vault").data(String.class)).isEqualTo("vault");
        // what JSON-B writes for the data, as a native client got it before binaries were attachments
        String bytesFrame = "{\"event\":\"bytes\",\"data\":" + JsonbBuilder.create().toJson(FILE) + "}";
        String describedFrame = "{\"event\":\"described\",\"data\":" + JsonbBuilder.create().toJson(described())
                + "}";
        assertThat(bytesFrame).isEqualTo("{\"event\":\"bytes\",\"data\":[1,2,-1]}");
        for (String transports : new String[]{"[\"websocket\"]", "[\"polling\"]"}) {
            JsonObject r = run(runtime, "binaryBroadcast", "{\"transports\":" + transports + "}");
            assertThat(r.getBoolean("shared")).as("%s: %s", transports, r).isTrue();
            assertThat(r.getBoolean("isBuffer")).as("%s: %s", transports, r).isTrue();
            assertThat(r.get("bytes").toString()).isEqualTo("{\"buffer\":[1,2,255]}");
            assertThat(r.get("described").toString())
                    .isEqualTo("{\"name\":\"a.bin\",\"content\":{\"buffer\":[1,2,255]},\"size\":3}");
            assertThat(nativeClient.awaitEvent("bytes", LIMIT).raw()).as(transports).isEqualTo(bytesFrame);
            assertThat(nativeClient.awaitEvent("described", LIMIT).raw()).as(transports).isEqualTo(describedFrame);
        }
    }

    @Test
    void aBinaryBroadcastIsABinaryEventFollowedByItsAttachments(GatewayRuntime runtime) throws InterruptedException {
        URI uri = URI.create(runtime.httpUri().toString().replaceAll("/$", "").replaceFirst("^http", "ws")
                + "/socket.io/?EIO=4&transport=websocket");
        try (RawWebSocketClient c = RawWebSocketClient.connect(uri)) {
            assertThat(c.nextText(LIMIT)).startsWith("0{");
            c.send("40/shared,");
            assertThat(c.nextText(LIMIT)).startsWith("40/shared,{\"sid\":");
            c.send("42/shared,1[\"join\",\"raw\"]");
            assertThat(c.nextText(LIMIT)).isEqualTo("43/shared,1[\"raw\"]");
            c.send("42/shared,2[\"share\",\"raw\"]");
            assertThat(c.nextText(LIMIT)).isEqualTo("451-/shared,[\"bytes\",{\"_placeholder\":true,\"num\":0}]");
            assertThat((byte[]) c.next(LIMIT)).containsExactly(FILE);
            assertThat(c.nextText(LIMIT)).isEqualTo(
                    "451-/shared,[\"described\",{\"name\":\"a.bin\",\"content\":{\"_placeholder\":true,\"num\":0},"
                            + "\"size\":3}]");
            assertThat((byte[]) c.next(LIMIT)).containsExactly(FILE);
            assertThat(c.nextText(LIMIT)).isEqualTo("43/shared,2[true]");
        }
    }

    @Test
    void aStreamIsEmittedAndAcknowledgedAtItsEnd(GatewayRuntime runtime) {
        JsonObject r = run(runtime, "stream");
        assertThat(r.get("items").toString()).isEqualTo("[1,2,3]");
        assertThat(r.getString("end")).isEqualTo("acknowledged without arguments");
    }
}
