package org.cdigateway.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cdigateway.redis.RedisFixtures.WAIT;
import static org.cdigateway.redis.RedisFixtures.await;
import static org.cdigateway.redis.RedisFixtures.broadcaster;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.cdigateway.junit5.RedisServer;
import org.cdigateway.redis.RedisFixtures.Cluster;
import org.cdigateway.redis.RedisFixtures.Member;
import org.cdigateway.redis.RedisFixtures.Nodes;
import org.cdigateway.redis.RedisFixtures.Warnings;
import org.cdigateway.se.GatewayRuntime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Redis Cluster of three masters ({@code cdigateway.redis.mode=cluster}, the masters as seeds): nodes work together
 * through sharded pub/sub, and each of their channels is subscribed on the master that serves its slot, where SPUBLISH
 * delivers it.
 */
class RedisClusterModeTest {

    @TempDir
    static Path dir;

    static Cluster cluster;
    Nodes nodes;
    Warnings warnings;

    @BeforeAll
    static void createCluster() throws Exception {
        cluster = Cluster.create(3, dir);
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @BeforeEach
    void setUp() {
        nodes = new Nodes().set(RedisSettings.MODE, "cluster").set(RedisSettings.URI, cluster.seeds());
        warnings = new Warnings();
    }

    @AfterEach
    void stopNodes() {
        warnings.close();
        nodes.close();
    }

    @Test
    void nodesWorkTogetherThroughShardedPubSub() throws Exception {
        GatewayRuntime a = nodes.start();
        GatewayRuntime b = nodes.start();

        RedisFixtures.workTogether(nodes, a, b);
        assertThat(warnings.messages()).isEmpty();
    }

    @Test
    void theSubscriptionsOnAMasterThatRestartsComeBack() throws Exception {
        GatewayRuntime a = nodes.start();
        GatewayRuntime b = nodes.start();
        RedisFixtures.awaitReady(a);
        RedisFixtures.awaitReady(b);
        RedisFixtures.awaitPeers(a, 1);
        RedisFixtures.awaitPeers(b, 1);
        Member bob = nodes.member(b, "bob");
        int owner = cluster.owner("cdigateway:/members");

        RedisServer master = cluster.master(owner);
        master.kill();
        master.restart(); // with its nodes file: the same node, serving the same slots
        cluster.awaitOk();
        RedisFixtures.await("both nodes subscribed again on the master that restarted", WAIT,
                () -> cluster.shardSubscribers(owner, "cdigateway:/members") == 2);
        a.server(MembersGateway.class).to("members").emit("news", "after the restart");

        assertThat(bob.client().awaitEvent("news", WAIT).data(String.class)).isEqualTo("after the restart");
        assertThat(broadcaster(a).unpublished()).isZero();
    }

    @Test
    void eachChannelIsSubscribedOnTheMasterThatServesItsSlot() throws Exception {
        // a prefix whose gateway channel and nodes channel are served by two masters: a node's subscriptions then span
        // masters, whatever the ids in its answer channels
        String prefix = null;
        for (int i = 0; prefix == null; i++) {
            if (cluster.owner("modes" + i + ":/members") != cluster.owner("modes" + i + "#nodes")) {
                prefix = "modes" + i;
            }
        }
        nodes.set(RedisSettings.CHANNEL_PREFIX, prefix);
        GatewayRuntime a = nodes.start();
        GatewayRuntime b = nodes.start();
        RedisFixtures.awaitReady(a);
        RedisFixtures.awaitReady(b);
        Map<String, Integer> subscribers = Map.of(prefix + ":/members", 2, prefix + "#nodes", 2,
                prefix + "#answers:" + broadcaster(a).nodeId(), 1, prefix + "#answers:" + broadcaster(b).nodeId(), 1);

        Set<Integer> owners = new HashSet<>();
        for (Map.Entry<String, Integer> channel : subscribers.entrySet()) {
            int owner = cluster.owner(channel.getKey());
            owners.add(owner);
            for (int port : cluster.ports()) {
                assertThat(cluster.shardSubscribers(port, channel.getKey()))
                        .as("subscribers of %s on %s, where %s serves its slot", channel.getKey(), port, owner)
                        .isEqualTo(port == owner ? channel.getValue() : 0);
            }
        }
        assertThat(owners).as("the masters that serve the channels").hasSizeGreaterThan(1);

        RedisFixtures.awaitPeers(a, 1);
        RedisFixtures.awaitPeers(b, 1);
        Member ada = nodes.member(a, "ada");
        Member bob = nodes.member(b, "bob");
        b.server(MembersGateway.class).to("members").emit("news", "from B");
        assertThat(ada.client().awaitEvent("news", WAIT).data(String.class)).isEqualTo("from B");
        assertThat(bob.client().awaitEvent("news", WAIT).data(String.class)).isEqualTo("from B");
        assertThat(await(a.server(MembersGateway.class).countClients())).isEqualTo(2);
    }
}
