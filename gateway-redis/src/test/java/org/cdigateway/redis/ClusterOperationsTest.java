package org.cdigateway.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cdigateway.redis.RedisFixtures.WAIT;
import static org.cdigateway.redis.RedisFixtures.await;
import static org.cdigateway.redis.RedisFixtures.awaitPeers;
import static org.cdigateway.redis.RedisFixtures.awaitReady;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.cdigateway.GatewayServer;
import org.cdigateway.RemoteClient;
import org.cdigateway.junit5.RedisServer;
import org.cdigateway.junit5.client.GatewayTestClient;
import org.cdigateway.se.GatewayRuntime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Cluster-wide operations between two nodes (two runtimes in this JVM) sharing one real Redis: each node answers for
 * its own clients, and the asking node merges the answers.
 */
class ClusterOperationsTest {

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
        System.setProperty(RedisSettings.REQUEST_TIMEOUT, "5000");
        a = node();
        b = node();
        serverA = a.server(MembersGateway.class);
        serverB = b.server(MembersGateway.class);
        awaitPeers(a, 1);
        awaitPeers(b, 1);
    }

    static GatewayRuntime node() throws Exception {
        GatewayRuntime runtime = GatewayRuntime.builder().port(0)
                .beanClasses(RedisBroadcaster.class, MembersGateway.class)
                .start();
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
            System.clearProperty(RedisSettings.REQUEST_TIMEOUT);
            if (redis != null) {
                redis.close();
            }
        }
    }

    @AfterEach
    void closeClients() throws Exception {
        clients.forEach(GatewayTestClient::close);
        for (GatewayServer s : new GatewayServer[]{serverA, serverB}) {
            await(s.path() + " has no client left", WAIT, () -> s.clientCount() == 0);
        }
    }

    private GatewayTestClient member(GatewayRuntime node, String name) {
        GatewayTestClient c = GatewayTestClient.connect(node.wsUri("/members"));
        clients.add(c);
        c.request("hello", name);
        return c;
    }

    @Test
    void fetchClientsListsTheMembersOfEveryNodeWithWhatTheirGatewayShares() throws Exception {
        GatewayTestClient ada = member(a, "ada");
        member(b, "bob");
        member(b, "cy");

        List<RemoteClient> team = await(serverA.to("members").fetchClients());

        assertThat(team).extracting(c -> c.data("name", String.class)).containsExactlyInAnyOrder("ada", "bob", "cy");
        assertThat(team).allSatisfy(c -> assertThat(c.rooms()).contains(c.id(), "members"));
        assertThat(team).allSatisfy(c -> assertThat(c.dataNames()).containsExactly("name"));
        assertThat(ada.request("who", null).data(List.class)).containsExactly("ada", "bob", "cy");
    }

    @Test
    void countClientsCountsEveryNodeAndHonoursExceptions() throws Exception {
        GatewayTestClient ada = member(a, "ada");
        member(b, "bob");
        GatewayTestClient cy = member(b, "cy");
        String cyId = cy.request("hello", "cy").data(String.class);
        String adaId = ada.request("hello", "ada").data(String.class);

        assertThat(await(serverA.countClients())).isEqualTo(3);
        assertThat(await(serverB.to("members").except(cyId).countClients())).isEqualTo(2);
        assertThat(await(serverB.to(adaId).countClients())).isEqualTo(1);
        assertThat(await(serverA.to("nobody-here").countClients())).isZero();
    }

    @Test
    void clientsJoinAndLeaveChangeRoomsOnTheOtherNode() throws Exception {
        member(a, "ada");
        GatewayTestClient bob = member(b, "bob");
        String bobId = bob.request("hello", "bob").data(String.class);

        assertThat(await(serverA.to(bobId).clientsJoin("vip", "ops"))).isEqualTo(1);
        assertThat(serverB.roomSize("vip")).isEqualTo(1);
        serverA.to("vip").emit("perk", "lounge");
        assertThat(bob.awaitEvent("perk", WAIT).data(String.class)).isEqualTo("lounge");

        assertThat(await(serverA.to("members").clientsLeave("vip"))).isEqualTo(2);
        assertThat(serverB.roomSize("vip")).isZero();
        assertThat(serverB.roomSize("ops")).isEqualTo(1);
    }

    @Test
    void disconnectClientsClosesTheSelectedClientsOfEveryNodeWithTheCode() throws Exception {
        GatewayTestClient ada = member(a, "ada");
        GatewayTestClient bob = member(b, "bob");
        GatewayTestClient cy = member(b, "cy");
        String cyId = cy.request("hello", "cy").data(String.class);

        assertThat(await(serverA.to("members").except(cyId).disconnectClients(4000, "maintenance"))).isEqualTo(2);

        assertThat(ada.awaitClose(WAIT).code()).isEqualTo(4000);
        assertThat(bob.awaitClose(WAIT).code()).isEqualTo(4000);
        assertThat(bob.closeStatus().reason()).isEqualTo("maintenance");
        assertThat(cy.isOpen()).isTrue();
    }

    @Test
    void aRemoteClientActsOnItsNode() throws Exception {
        member(a, "ada");
        GatewayTestClient bob = member(b, "bob");

        RemoteClient remoteBob = await(serverA.to("members").fetchClients()).stream()
                .filter(c -> "bob".equals(c.data("name", String.class))).findFirst().orElseThrow();
        remoteBob.emit("dm", "hi bob");

        assertThat(bob.awaitEvent("dm", WAIT).data(String.class)).isEqualTo("hi bob");
    }

    @Test
    void aServerSideEventReachesTheOtherNodesGatewayAndItsRepliesComeBack() throws Exception {
        member(b, "bob");
        member(b, "cy");

        List<Integer> counts = await(serverA.serverSideEmitWithAck("census", "how many?", Integer.class));

        assertThat(counts).containsExactly(2); // B answers; A does not handle its own server-side events
    }

    @Test
    void anUnknownServerSideEventIsAnsweredWithoutReplies() throws Exception {
        assertThat(await(serverA.serverSideEmitWithAck("nobody-listens", Map.of(), String.class))).isEmpty();
    }

    @Test
    void roomNamesOfTheFormOfAClientIdAreRefusedBeforeAnythingIsSent() {
        assertThatThrownBy(() -> serverA.clientsJoin("AAAAAAAAAAAAAAAAAAAA"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
