package org.cdigateway.redis.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.cdigateway.junit5.RedisServer;
import org.cdigateway.junit5.client.Frame;
import org.cdigateway.junit5.client.GatewayTestClient;
import org.cdigateway.redis.nodes.NodeGateway.Emit;
import org.cdigateway.redis.nodes.NodeGateway.Line;
import org.cdigateway.redis.nodes.NodeGateway.Stats;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Three nodes, each a JVM of its own, share one real Redis: room emits, client-id emits, exclusions and cluster-wide
 * operations cross the processes; a thousand clients spread over the three get every broadcast in order; a node that
 * dies without a word is forgotten by the others.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ThreeProcessesTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    static RedisServer redis;
    static final List<NodeProcess> nodes = new ArrayList<>();
    final List<GatewayTestClient> clients = new ArrayList<>();

    static Map<String, String> properties() {
        return Map.of("cdigateway.redis.uri", redis.uri(), "cdigateway.redis.heartbeat-interval", "500",
                "cdigateway.redis.node-timeout", "2000", "cdigateway.redis.request-timeout", "10000");
    }

    @BeforeAll
    static void startRedisAndThreeNodes() throws Exception {
        redis = RedisServer.start();
        for (String name : List.of("n0", "n1", "n2")) {
            nodes.add(NodeProcess.start(name, properties()));
        }
    }

    @AfterAll
    static void stopAll() throws Exception {
        try {
            for (NodeProcess n : nodes) {
                n.close();
            }
        } finally {
            if (redis != null) {
                redis.close();
            }
        }
    }

    @AfterEach
    void closeClients() {
        clients.forEach(GatewayTestClient::close);
        clients.clear();
    }

    private GatewayTestClient client(NodeProcess node) {
        GatewayTestClient c = GatewayTestClient.connect(node.uri());
        clients.add(c);
        return c;
    }

    private GatewayTestClient member(NodeProcess node, String... rooms) {
        GatewayTestClient c = client(node);
        c.request("join", List.of(rooms));
        return c;
    }

    private static String id(GatewayTestClient member) {
        return member.frames().get(0).data(String.class);
    }

    private static Stats stats(GatewayTestClient any) {
        return any.request("stats", null).data(Stats.class);
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within " + WAIT + ": " + what);
            }
            Thread.sleep(50); // polls a condition, with a deadline
        }
    }

    private static List<String> broadcasts(GatewayTestClient c) {
        return c.frames().stream().filter(f -> f.idAsString() == null).map(Frame::event).toList();
    }

    @Test
    @Order(1)
    void everyNodeKnowsTheOtherTwo() throws Exception {
        for (NodeProcess n : nodes) {
            GatewayTestClient c = client(n);
            await(n.name() + " knows two nodes", () -> stats(c).nodes() == 2);
        }
    }

    @Test
    @Order(2)
    void roomEmitsClientIdEmitsAndExclusionsCrossTheProcesses() {
        GatewayTestClient red0 = member(nodes.get(0), "red");
        GatewayTestClient red1 = member(nodes.get(1), "red");
        GatewayTestClient redMuted2 = member(nodes.get(2), "red", "muted");
        GatewayTestClient blue2 = member(nodes.get(2), "blue");

        red0.request("emit", new Emit(List.of("red"), List.of("muted"), "chat", "hi red"));
        red0.request("emit", new Emit(List.of(id(blue2)), List.of(), "dm", "for blue"));
        red0.request("emitAll", new Emit(List.of(), List.of(id(red1)), "end", "-"));

        assertThat(red1.awaitEvent("chat", WAIT).data(String.class)).isEqualTo("hi red");
        assertThat(blue2.awaitEvent("dm", WAIT).data(String.class)).isEqualTo("for blue");
        assertThat(redMuted2.awaitEvent("end", WAIT).data(String.class)).isEqualTo("-");
        assertThat(blue2.awaitEvent("end", WAIT).data(String.class)).isEqualTo("-");
        assertThat(red0.awaitEvent("end", WAIT).data(String.class)).isEqualTo("-");
        // "end" was emitted after the others by the same node: whatever was meant for a client came before it
        assertThat(broadcasts(red0)).containsExactly("chat", "end");
        assertThat(broadcasts(redMuted2)).containsExactly("end");
        assertThat(broadcasts(blue2)).containsExactly("dm", "end");
        red1.assertNoFrame(Duration.ofMillis(300)); // excepted from "end": nothing after "chat"
        assertThat(broadcasts(red1)).containsExactly("chat");
    }

    @Test
    @Order(3)
    void clusterWideOperationsAreAnsweredByEveryProcess() {
        GatewayTestClient a = member(nodes.get(0), "ops");
        member(nodes.get(1), "ops");
        member(nodes.get(2), "ops");
        member(nodes.get(2), "ops");

        assertThat(a.request("count", "ops", WAIT).data(Integer.class)).isEqualTo(4);
        @SuppressWarnings("unchecked")
        List<String> listed = a.request("fetch", "ops", WAIT).data(List.class);
        assertThat(listed).hasSize(4).extracting(s -> s.substring(0, 2)).containsExactly("n0", "n1", "n2", "n2");
        assertThat(a.request("moveTo", List.of("ops", "moved"), WAIT).data(Integer.class)).isEqualTo(4);
        assertThat(a.request("count", "moved", WAIT).data(Integer.class)).isEqualTo(4);
        @SuppressWarnings("unchecked")
        List<String> census = a.request("census", null, WAIT).data(List.class);
        assertThat(census).containsExactlyInAnyOrder("n1=1", "n2=2");
    }

    @Test
    @Order(4)
    void aThousandClientsOverThreeNodesGetEveryBroadcastOfEachNodeInItsOrder() throws Exception {
        int members = 1000;
        int perNode = 200;
        List<GatewayTestClient> crowd = new ArrayList<>();
        for (int i = 0; i < members; i++) {
            crowd.add(member(nodes.get(i % 3), "stage"));
        }
        GatewayTestClient driver = crowd.get(0);
        assertThat(driver.request("count", "stage", WAIT).data(Integer.class)).isEqualTo(members);

        // every node emits its 200 at once: the three streams interleave, each in its own order
        List<GatewayTestClient> emitters = List.of(crowd.get(0), crowd.get(1), crowd.get(2));
        List<String> requests = new ArrayList<>();
        for (GatewayTestClient e : emitters) {
            requests.add(e.stream("burst", new NodeGateway.Burst("stage", perNode)));
        }
        for (int i = 0; i < emitters.size(); i++) {
            assertThat(emitters.get(i).awaitStreamFrame(requests.get(i), WAIT).data(Integer.class))
                    .isEqualTo(perNode);
        }
        for (GatewayTestClient c : crowd) {
            Map<String, Integer> next = new HashMap<>();
            for (int k = 0; k < 3 * perNode; k++) {
                Line line = c.awaitEvent("line", WAIT).data(Line.class);
                int expected = next.getOrDefault(line.node(), 0);
                assertThat(line.n()).as("broadcast of %s at %s", line.node(), c).isEqualTo(expected);
                next.put(line.node(), expected + 1);
            }
            assertThat(next).containsOnlyKeys("n0", "n1", "n2").containsValues(perNode);
        }
        for (NodeProcess n : nodes) {
            Stats s = stats(client(n));
            assertThat(s.missed()).as("missed on %s", n.name()).isZero();
            assertThat(s.unpublished()).as("unpublished on %s", n.name()).isZero();
        }
    }

    @Test
    @Order(5)
    void aNodeThatDiesIsForgottenAndItsClientsAreNoLongerListed() throws Exception {
        NodeProcess doomed = NodeProcess.start("n3", properties());
        GatewayTestClient a = member(nodes.get(0), "wake");
        await("n0 knows n3", () -> stats(a).nodes() == 3);
        member(doomed, "wake");
        member(doomed, "wake");
        assertThat(a.request("count", "wake", WAIT).data(Integer.class)).isEqualTo(3);

        doomed.kill(); // no goodbye: the others notice its silence

        await("n0 forgets n3", () -> stats(a).nodes() == 2);
        assertThat(a.request("count", "wake", WAIT).data(Integer.class)).isEqualTo(1);
        @SuppressWarnings("unchecked")
        List<String> listed = a.request("fetch", "wake", WAIT).data(List.class);
        assertThat(listed).hasSize(1).allMatch(s -> s.startsWith("n0:"));
    }
}
