package org.cdigateway.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cdigateway.redis.RedisFixtures.WAIT;
import static org.cdigateway.redis.RedisFixtures.awaitReady;
import static org.cdigateway.redis.RedisFixtures.broadcaster;
import static org.cdigateway.redis.RedisFixtures.events;

import java.util.ArrayList;
import java.util.List;

import org.cdigateway.ConnectedSocket;
import org.cdigateway.GatewayClient;
import org.cdigateway.GatewayServer;
import org.cdigateway.MessageBody;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.junit5.RedisServer;
import org.cdigateway.junit5.client.GatewayTestClient;
import org.cdigateway.se.GatewayRuntime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two nodes (two runtimes on two ports) share one real Redis: broadcasts emitted on one reach the clients of both,
 * exclusions and client ids included, and neither delivers its own broadcast twice.
 */
class TwoNodesTest {

    @WebSocketGateway("/board")
    public static class BoardGateway {

        @SubscribeMessage("join")
        public String join(@MessageBody List<String> rooms, @ConnectedSocket GatewayClient client) {
            client.join(rooms.toArray(String[]::new));
            return client.id();
        }
    }

    static RedisServer redis;
    static GatewayRuntime a;
    static GatewayRuntime b;
    static GatewayServer serverA;
    static GatewayServer serverB;
    final List<GatewayTestClient> clients = new ArrayList<>();

    @BeforeAll
    static void startRedisAndTwoNodes() throws Exception {
        redis = RedisServer.start();
        System.setProperty(RedisSettings.URI, redis.uri());
        a = node();
        b = node();
        serverA = a.server(BoardGateway.class);
        serverB = b.server(BoardGateway.class);
    }

    private static GatewayRuntime node() throws Exception {
        GatewayRuntime runtime = GatewayRuntime.builder().port(0)
                .beanClasses(RedisBroadcaster.class, BoardGateway.class)
                .start();
        assertThat(broadcaster(runtime).clustered()).isTrue();
        awaitReady(runtime);
        return runtime;
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            for (GatewayRuntime r : new GatewayRuntime[]{a, b}) {
                if (r != null) {
                    r.close();
                }
            }
        } finally {
            System.clearProperty(RedisSettings.URI);
            if (redis != null) {
                redis.close();
            }
        }
    }

    @AfterEach
    void closeClients() {
        clients.forEach(GatewayTestClient::close);
    }

    private GatewayTestClient member(GatewayRuntime node, String... rooms) {
        GatewayTestClient c = GatewayTestClient.connect(node.wsUri("/board"));
        clients.add(c);
        c.request("join", List.of(rooms));
        return c;
    }

    @Test
    void aRoomEmitReachesTheRoomsMembersOnBothNodesAndNoOneElse() {
        GatewayTestClient redA = member(a, "red");
        GatewayTestClient redB = member(b, "red");
        GatewayTestClient blueB = member(b, "blue");

        serverA.to("red").emit("score", 3);
        serverA.emit("end", 0); // to all: published after the room emit, so it arrives after it on every node

        assertThat(redA.awaitEvent("score", WAIT).data(Integer.class)).isEqualTo(3);
        assertThat(redB.awaitEvent("score", WAIT).data(Integer.class)).isEqualTo(3);
        assertThat(blueB.awaitFrame(WAIT).event()).isEqualTo("end");
        assertThat(redB.awaitFrame(WAIT).event()).isEqualTo("end");
    }

    @Test
    void anExceptedRoomIsLeftOutOnTheOtherNode() {
        GatewayTestClient redA = member(a, "red");
        GatewayTestClient mutedB = member(b, "red", "muted");
        GatewayTestClient redB = member(b, "red");

        serverA.to("red").except("muted").emit("chat", "hello");
        serverA.to("red").emit("end", 0);

        assertThat(redA.awaitEvent("chat", WAIT).data(String.class)).isEqualTo("hello");
        assertThat(redB.awaitEvent("chat", WAIT).data(String.class)).isEqualTo("hello");
        assertThat(mutedB.awaitFrame(WAIT).event()).isEqualTo("end");
    }

    @Test
    void anEmitToAClientIdReachesThatClientOnTheOtherNode() {
        GatewayTestClient onA = member(a);
        GatewayTestClient onB = GatewayTestClient.connect(b.wsUri("/board"));
        clients.add(onB);
        String id = onB.request("join", List.of()).data(String.class);

        serverA.to(id).emit("direct", "for you");
        serverA.emit("end", 0);

        assertThat(onB.awaitFrame(WAIT).event()).isEqualTo("direct");
        assertThat(onB.awaitFrame(WAIT).event()).isEqualTo("end");
        assertThat(onA.awaitFrame(WAIT).event()).isEqualTo("end");
    }

    @Test
    void aNodeDeliversItsOwnBroadcastOnce() {
        GatewayTestClient onA = member(a, "green");
        GatewayTestClient onB = member(b, "green");

        serverA.to("green").emit("once", 1);
        serverA.to("green").emit("marker", 2);
        // B publishes only after Redis sent it A's two messages; A's subscription gets them in that order too, so
        // once "late" reaches A's client, A has seen its own two messages come back from Redis
        assertThat(onB.awaitEvent("once", WAIT).data(Integer.class)).isEqualTo(1);
        assertThat(onB.awaitEvent("marker", WAIT).data(Integer.class)).isEqualTo(2);
        serverB.to("green").emit("late", 3);

        assertThat(onA.awaitEvent("late", WAIT).data(Integer.class)).isEqualTo(3);
        assertThat(events(onA)).containsExactly("once", "marker", "late");
        assertThat(onB.awaitEvent("late", WAIT).data(Integer.class)).isEqualTo(3);
        assertThat(events(onB)).containsExactly("once", "marker", "late");
    }

    @Test
    void nothingIsLeftUnpublishedWhileRedisRuns() {
        assertThat(a.select(RedisBroadcaster.class).unpublished()).isZero();
        assertThat(a.select(RedisBroadcaster.class).nodeId()).isNotEqualTo(b.select(RedisBroadcaster.class).nodeId());
    }
}
