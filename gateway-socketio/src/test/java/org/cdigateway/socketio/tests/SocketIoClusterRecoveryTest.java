package org.cdigateway.socketio.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cdigateway.socketio.tests.TwoNodes.url;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.json.JsonObject;

import org.cdigateway.Adapter;
import org.cdigateway.ConnectedSocket;
import org.cdigateway.GatewayClient;
import org.cdigateway.GatewayServer;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.socketio.client.NodeClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Connection state recovery with two nodes sharing one real Redis: a Socket.IO client of node B whose transport dropped
 * comes back to B and gets what node A broadcast meanwhile, since B records the broadcasts of other nodes as it
 * records its own (they reach B's clients through the same local delivery).
 */
class SocketIoClusterRecoveryTest {

    static final Duration NODE_LIMIT = Duration.ofSeconds(60);
    static final Duration WAIT = NODE_LIMIT.plusSeconds(30);

    static TwoNodes nodes;

    @WebSocketGateway(adapter = Adapter.SOCKET_IO, namespace = "/resume")
    public static class ResumeGateway {

        public record Join(String name, List<String> rooms) {}

        @SubscribeMessage("join")
        public String join(Join join, @ConnectedSocket GatewayClient client) {
            client.join(join.rooms().toArray(String[]::new));
            return client.id();
        }

        @SubscribeMessage("drop")
        public void drop(@ConnectedSocket GatewayClient client) {
            client.close(1001, "dropped"); // the transport: the client may come back and resume
        }
    }

    @BeforeAll
    static void startRedisAndTwoNodes() throws Exception {
        nodes = TwoNodes.start(WAIT, Map.of("cdigateway.socketio.recovery-window", "60000"), ResumeGateway.class);
    }

    @AfterAll
    static void stop() throws Exception {
        if (nodes != null) {
            nodes.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"[\"websocket\"]", "[\"polling\"]", "[\"polling\",\"websocket\"]"})
    void aClientOfNodeBResumesWithWhatNodeABroadcastWhileItWasAway(String transports) {
        String options = "{\"namespace\":\"/resume\",\"transports\":" + transports + ",\"timeout\":"
                + NODE_LIMIT.toMillis() + "}";
        try (NodeClient.Running clientsOfB = NodeClient.start("recoveryOfOtherNodesBroadcasts", url(nodes.b),
                options)) {
            String away = clientsOfB.step("ready", WAIT).getString("away");
            GatewayServer onA = nodes.a.server(ResumeGateway.class);
            onA.to("red").emit("message", "before");
            clientsOfB.step("dropped", WAIT);
            onA.to("red").emit("message", "missed");
            onA.to("red").emit("message", "bytes".getBytes(StandardCharsets.UTF_8));
            onA.to(away).emit("message", "to its id");
            onA.to("red").emit("message", "last");
            clientsOfB.step("resumed", WAIT);
            onA.to("red").emit("message", "after");

            JsonObject r = clientsOfB.result(WAIT);
            assertThat(r.containsKey("crash")).as("the scenario ran through: %s", r).isFalse();
            assertThat(r.containsKey("timeout")).as("the clients got what they waited for: %s", r).isFalse();
            assertThat(r.getString("dropReason")).isIn("transport close", "transport error");
            assertThat(r.getBoolean("recovered")).as("%s", r).isTrue();
            assertThat(r.getBoolean("sameId")).isTrue();
            assertThat(r.get("got").toString()).as("what it got before, what it missed, then what came after")
                    .isEqualTo("[\"before\",\"missed\",{\"buffer\":[98,121,116,101,115]},\"to its id\",\"last\","
                            + "\"after\"]");
        }
    }
}
