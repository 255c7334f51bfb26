package org.cdigateway.socketio.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.TreeSet;

import jakarta.inject.Inject;
import jakarta.json.JsonObject;

import org.cdigateway.Adapter;
import org.cdigateway.ConnectedSocket;
import org.cdigateway.GatewayClient;
import org.cdigateway.GatewayServer;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.se.GatewayRuntime;
import org.cdigateway.socketio.client.NodeClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Connection state recovery with the official socket.io-client, in Node, over WebSocket. */
class SocketIoRecoveryTest {

    static final Duration LIMIT = Duration.ofSeconds(30);
    static GatewayRuntime runtime;

    // tag::gateway[]
    @WebSocketGateway(adapter = Adapter.SOCKET_IO)
    static class RoomsGateway {

        @Inject
        GatewayServer server;

        public record Broadcast(String room, String payload) {}

        public record ToClient(String id, String payload) {}

        @SubscribeMessage("join")
        public String join(@ConnectedSocket GatewayClient client, String room) {
            client.join(room);
            return room;
        }

        @SubscribeMessage("remember")
        public String remember(@ConnectedSocket GatewayClient client, String colour) {
            client.setAttribute("colour", colour);
            return colour;
        }

        @SubscribeMessage("whoami")
        public Map<String, Object> whoami(@ConnectedSocket GatewayClient client) {
            return Map.of("colour", client.attribute("colour"), "rooms", new TreeSet<>(client.rooms()).toString());
        }

        @SubscribeMessage("broadcast")
        public boolean broadcast(Broadcast b) {
            server.to(b.room()).emit("message", b.payload());
            return true;
        }

        @SubscribeMessage("broadcastBytes") // a binary broadcast: its attachments are kept and sent again too
        public boolean broadcastBytes(Broadcast b) {
            server.to(b.room()).emit("message", b.payload().getBytes(StandardCharsets.UTF_8));
            return true;
        }

        @SubscribeMessage("toClient")
        public boolean toClient(ToClient t) {
            server.to(t.id()).emit("message", t.payload());
            return true;
        }

        @SubscribeMessage("drop")
        public void drop(@ConnectedSocket GatewayClient client) {
            client.close(1001, "dropped"); // the transport: the official client may reconnect and resume
        }
    }
    // end::gateway[]

    @BeforeAll
    static void start() {
        System.setProperty("cdigateway.socketio.recovery-window", "60000");
        try {
            runtime = GatewayRuntime.builder().port(0).beanClasses(RoomsGateway.class).start();
        } finally {
            System.clearProperty("cdigateway.socketio.recovery-window");
        }
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    @Test
    void aDroppedClientResumesItsIdRoomsAttributesAndWhatItMissed() {
        for (String transports : new String[]{"[\"websocket\"]", "[\"polling\"]", "[\"polling\",\"websocket\"]"}) {
            resumes(NodeClient.run("recovery", runtime.httpUri().toString().replaceAll("/$", ""),
                    "{\"transports\":" + transports + "}", LIMIT));
        }
    }

    private static void resumes(JsonObject r) {
        assertThat(r.containsKey("timeout")).as("finished in time: %s", r).isFalse();
        assertThat(r.containsKey("crash")).as("ran through: %s", r).isFalse();
        assertThat(r.getBoolean("firstRecovered")).isFalse();
        // the client sees the transport end as a close, or, when the connection ends before the close frame is
        // read, as an error: either way its transport dropped, and it may resume
        assertThat(r.getString("dropReason")).isIn("transport close", "transport error");
        assertThat(r.getBoolean("recovered")).as("%s", r).isTrue();
        assertThat(r.getBoolean("sameId")).isTrue();
        assertThat(r.get("got").toString()).as("missed ones in order, then live ones")
                .isEqualTo("[\"m1\",\"m2\",\"bytes:m2b\",\"m3\",\"m4\",\"m5\",\"bytes:m6b\"]");
        assertThat(r.getJsonObject("whoami").getString("colour")).isEqualTo("blue");
        assertThat(r.getJsonObject("whoami").getString("rooms")).contains("room1");
        assertThat(r.getBoolean("recoveredAfterLeaving")).isFalse();
        assertThat(r.getBoolean("newIdAfterLeaving")).isTrue();
    }
}
