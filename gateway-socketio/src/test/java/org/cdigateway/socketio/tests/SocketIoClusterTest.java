package org.cdigateway.socketio.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cdigateway.socketio.tests.TwoNodes.url;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;

import org.cdigateway.Adapter;
import org.cdigateway.ConnectedSocket;
import org.cdigateway.GatewayClient;
import org.cdigateway.GatewayServer;
import org.cdigateway.OnServerEvent;
import org.cdigateway.RemoteClient;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.junit5.client.Frame;
import org.cdigateway.junit5.client.GatewayTestClient;
import org.cdigateway.socketio.client.NodeClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two nodes sharing one real Redis (gateway-redis): the official socket.io-client, in Node, connected to node B over
 * WebSocket or over long-polling, gets the emits made on node A as if they were made on B, to its rooms, to its id,
 * with binaries; node A lists B's clients; a client of each node gets the emits of both nodes once; and a server-side
 * event reaches the same gateway on the other node. For a gateway of Socket.IO alone, whose name in broadcasts is
 * {@code socket.io:<namespace>}, and for one that also speaks the native protocol, with a native client beside the
 * Socket.IO ones.
 */
class SocketIoClusterTest {

    /** How long the clients in Node wait for what they expect; the test waits longer, to get what they saw. */
    static final Duration NODE_LIMIT = Duration.ofSeconds(60);
    static final Duration WAIT = NODE_LIMIT.plusSeconds(30);

    static TwoNodes nodes;

    /** Socket.IO alone: its name in broadcasts is {@code socket.io:/match}. */
    @WebSocketGateway(adapter = Adapter.SOCKET_IO, namespace = "/match")
    public static class MatchGateway {

        public record Join(String name, List<String> rooms) {}

        @SubscribeMessage("join")
        public String join(Join join, @ConnectedSocket GatewayClient client) {
            client.data().put("name", join.name()); // what fetchClients() shows of the client, on any node
            client.join(join.rooms().toArray(String[]::new));
            return client.id();
        }

        @OnServerEvent("ping") // sent by this gateway on another node
        public String ping(String from) {
            return "pong to " + from;
        }
    }

    /** Socket.IO and the native protocol: its name in broadcasts is its path, {@code /lobby}. */
    @WebSocketGateway(value = "/lobby", adapter = {Adapter.SOCKET_IO, Adapter.NATIVE}, namespace = "/lobby")
    public static class LobbyGateway {

        @SubscribeMessage("join")
        public String join(MatchGateway.Join join, @ConnectedSocket GatewayClient client) {
            client.data().put("name", join.name());
            client.join(join.rooms().toArray(String[]::new));
            return client.id();
        }

        @OnServerEvent("ping")
        public String ping(String from) {
            return "pong to " + from;
        }
    }

    @BeforeAll
    static void startRedisAndTwoNodes() throws Exception {
        nodes = TwoNodes.start(WAIT, Map.of(), MatchGateway.class, LobbyGateway.class);
    }

    @AfterAll
    static void stop() throws Exception {
        if (nodes != null) {
            nodes.close();
        }
    }

    private static Class<?> gateway(String namespace) {
        return namespace.equals("/match") ? MatchGateway.class : LobbyGateway.class;
    }

    private static String options(String namespace, String transport, String more) {
        return "{\"namespace\":\"" + namespace + "\",\"transports\":[\"" + transport + "\"],\"timeout\":"
                + NODE_LIMIT.toMillis() + more + "}";
    }

    private static JsonObject finished(NodeClient.Running clients) {
        JsonObject r = clients.result(WAIT);
        assertThat(r.containsKey("crash")).as("the scenario ran through: %s", r).isFalse();
        assertThat(r.containsKey("timeout")).as("the clients got what they waited for: %s", r).isFalse();
        return r;
    }

    @ParameterizedTest(name = "{0} over {1}")
    @CsvSource({"/match, websocket", "/match, polling", "/lobby, websocket", "/lobby, polling"})
    void theEmitsOfNodeAReachTheSocketIoClientsOfNodeB(String namespace, String transport) throws Exception {
        Class<?> gateway = gateway(namespace);
        boolean speaksNative = gateway == LobbyGateway.class;
        String members = ",\"members\":{\"red\":[\"red\"],\"muted\":[\"red\",\"muted\"],\"blue\":[\"blue\"],"
                + "\"solo\":[],\"gone\":[\"gone\"]}";
        try (GatewayTestClient nativeClient = speaksNative ? GatewayTestClient.connect(nodes.b.wsUri("/lobby")) : null;
                NodeClient.Running clientsOfB = NodeClient.start("members", url(nodes.b),
                        options(namespace, transport, members))) {
            List<String> idsOfB = new ArrayList<>();
            List<String> expected = new ArrayList<>(
                    List.of("red [red]", "muted [muted, red]", "blue [blue]", "solo []", "gone [gone]"));
            if (speaksNative) {
                idsOfB.add(nativeClient.request("join", Map.of("name", "native", "rooms", List.of("red")))
                        .data(String.class));
                expected.add("native [red]");
            }
            JsonObject ids = clientsOfB.step("ready", WAIT);
            ids.values().forEach(id -> idsOfB.add(((JsonString) id).getString()));
            String solo = ids.getString("solo");

            // tag::emit[]
            GatewayServer server = nodes.a.server(gateway); // on node A; the clients are connected to node B
            server.to("red").except("muted").emit("message", "to red");
            server.to("red").emit("file", new byte[]{1, 2, -1});
            server.to(solo).emit("direct", "to solo"); // a client id
            List<RemoteClient> clients = await(server.fetchClients()); // those of every node
            // end::emit[]
            int red = await(server.to("red").countClients());
            int joined = await(server.to(solo).clientsJoin("late")); // B made it join before it answered
            server.to("late").emit("late", "joined from A");
            int disconnected = await(server.to("gone").disconnectClients(4000, "gone"));
            server.emit("end", 0); // to all, after the others: published in this order, delivered in this order

            JsonObject r = finished(clientsOfB);
            assertThat(r.getBoolean("sameId")).as("the gateway's client ids are the sockets' ids").isTrue();
            JsonObject got = r.getJsonObject("got");
            assertThat(got.get("red").toString()).as("%s", r)
                    .isEqualTo("[[\"message\",\"to red\"],[\"file\",{\"buffer\":[1,2,255]}],[\"end\",0]]");
            assertThat(got.get("muted").toString()).as("%s", r)
                    .isEqualTo("[[\"file\",{\"buffer\":[1,2,255]}],[\"end\",0]]");
            assertThat(got.get("blue").toString()).as("%s", r).isEqualTo("[[\"end\",0]]");
            assertThat(got.get("solo").toString()).as("%s", r)
                    .isEqualTo("[[\"direct\",\"to solo\"],[\"late\",\"joined from A\"],[\"end\",0]]");
            assertThat(got.get("gone").toString()).as("%s", r).isEqualTo("[]");
            assertThat(r.getJsonObject("disconnected").toString()).as("%s", r)
                    .isEqualTo("{\"gone\":\"io server disconnect\"}");

            assertThat(clients).as("fetchClients() on node A").filteredOn(c -> idsOfB.contains(c.id()))
                    .allSatisfy(c -> assertThat(c.rooms()).contains(c.id()))
                    .extracting(SocketIoClusterTest::describe).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(red).as("countClients() of red on node A").isEqualTo(speaksNative ? 3 : 2);
            assertThat(joined).isOne();
            assertThat(disconnected).isOne();

            if (speaksNative) {
                assertThat(nativeClient.awaitEvent("message", WAIT).data(String.class)).isEqualTo("to red");
                assertThat(nativeClient.awaitEvent("file", WAIT).raw())
                        .isEqualTo("{\"event\":\"file\",\"data\":[1,2,-1]}");
                assertThat(nativeClient.awaitEvent("end", WAIT).data(Integer.class)).isZero();
                assertThat(nativeClient.frames()).filteredOn(f -> f.idAsString() == null).extracting(Frame::event)
                        .containsExactly("message", "file", "end");
            }
        }
    }

    private static <T> T await(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/match", "/lobby"})
    void aServerSideEventReachesTheSameGatewayOnTheOtherNode(String namespace) throws Exception {
        Class<?> gateway = gateway(namespace);
        assertThat(await(nodes.a.server(gateway).serverSideEmitWithAck("ping", "A", String.class)))
                .containsExactly("pong to A");
        assertThat(await(nodes.b.server(gateway).serverSideEmitWithAck("ping", "B", String.class)))
                .containsExactly("pong to B");
    }

    /** A client of fetchClients() as {@code name [rooms other than its id]}. */
    private static String describe(RemoteClient c) {
        return c.data("name", String.class) + " "
                + c.rooms().stream().filter(room -> !room.equals(c.id())).sorted().collect(Collectors.toList());
    }

    @ParameterizedTest(name = "{0} over {1}")
    @CsvSource({"/match, websocket", "/match, polling", "/lobby, websocket", "/lobby, polling"})
    void aClientOfEachNodeGetsTheEmitsOfBothNodesOnce(String namespace, String transport) {
        Class<?> gateway = gateway(namespace);
        try (NodeClient.Running pair = NodeClient.start("pair", url(nodes.b),
                options(namespace, transport, ",\"a\":\"" + url(nodes.a) + "\""))) {
            pair.step("ready", WAIT);
            nodes.a.server(gateway).to("both").emit("said", "from A");
            pair.step("bob heard A", WAIT); // so Redis sent "from A" to both nodes before B publishes "from B"
            nodes.b.server(gateway).to("both").emit("said", "from B");
            pair.step("alice heard B", WAIT);
            nodes.a.server(gateway).to("both").emit("end", 0);
            JsonObject said = finished(pair).getJsonObject("said");
            assertThat(said.get("alice").toString()).as("alice, on node A").isEqualTo("[\"from A\",\"from B\"]");
            assertThat(said.get("bob").toString()).as("bob, on node B").isEqualTo("[\"from A\",\"from B\"]");
        }
    }
}
