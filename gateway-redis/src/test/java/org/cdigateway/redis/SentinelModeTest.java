package org.cdigateway.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cdigateway.redis.RedisFixtures.WAIT;
import static org.cdigateway.redis.RedisFixtures.await;
import static org.cdigateway.redis.RedisFixtures.awaitPeers;
import static org.cdigateway.redis.RedisFixtures.awaitReady;
import static org.cdigateway.redis.RedisFixtures.broadcaster;
import static org.cdigateway.redis.RedisFixtures.cli;
import static org.cdigateway.redis.RedisFixtures.info;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.cdigateway.GatewayServer;
import org.cdigateway.junit5.RedisServer;
import org.cdigateway.junit5.client.GatewayTestClient;
import org.cdigateway.redis.RedisFixtures.Member;
import org.cdigateway.redis.RedisFixtures.Nodes;
import org.cdigateway.redis.RedisFixtures.Sentinel;
import org.cdigateway.redis.RedisFixtures.Warnings;
import org.cdigateway.se.GatewayRuntime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A master named by Sentinel ({@code redis-sentinel://host:port#mymaster}): nodes work together through it, and when the
 * master dies and Sentinel promotes its replica, broadcasts and cluster-wide operations cross again within a bounded
 * time, without the nodes being told anything: each reconnection asks Sentinel for the master again.
 */
class SentinelModeTest {

    /** Sentinel judges the master down after one second; promoting the replica and reconnecting take a few more. */
    static final Duration RESUMES_WITHIN = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    RedisServer master;
    RedisServer replica;
    Sentinel sentinel;
    Nodes nodes;
    Warnings warnings;
    ScheduledExecutorService emitter;

    @BeforeEach
    void startMaster() throws Exception {
        master = RedisServer.start();
        nodes = new Nodes();
        warnings = new Warnings();
    }

    @AfterEach
    void stopEverything() throws Exception {
        warnings.close();
        if (emitter != null) {
            emitter.shutdownNow();
        }
        try {
            nodes.close();
        } finally {
            for (AutoCloseable c : new AutoCloseable[]{sentinel, replica, master}) {
                if (c != null) {
                    c.close();
                }
            }
        }
    }

    static List<Integer> ticks(GatewayTestClient c) {
        return c.frames().stream().filter(f -> "tick".equals(f.event())).map(f -> f.data(Integer.class)).toList();
    }

    @Test
    void nodesWorkTogetherThroughTheMasterSentinelNames() throws Exception {
        sentinel = Sentinel.watching(master, dir);
        nodes.set(RedisSettings.URI, sentinel.uri());
        GatewayRuntime a = nodes.start();
        GatewayRuntime b = nodes.start();

        RedisFixtures.workTogether(nodes, a, b);
        assertThat(broadcaster(a).connected()).isTrue();
        assertThat(broadcaster(b).connected()).isTrue();
        assertThat(warnings.messages()).as("the connections to Sentinel closed after asking it").isEmpty();
    }

    @Test
    void broadcastsAndClusterWideOperationsResumeOnTheReplicaSentinelPromotes() throws Exception {
        replica = RedisFixtures.replicaOf(master, dir);
        RedisFixtures.awaitInSync(replica, master);
        sentinel = Sentinel.watching(master, dir);
        RedisFixtures.await("Sentinel sees the replica as ready to take over", WAIT,
                () -> sentinel.knowsReplica(replica));
        nodes.set(RedisSettings.URI, sentinel.uri()).set(RedisSettings.HEARTBEAT, "500");
        GatewayRuntime a = nodes.start();
        GatewayRuntime b = nodes.start();
        awaitReady(a);
        awaitReady(b);
        awaitPeers(a, 1);
        awaitPeers(b, 1);
        Member ada = nodes.member(a, "ada");
        Member bob = nodes.member(b, "bob");
        GatewayServer serverA = a.server(MembersGateway.class);
        GatewayServer serverB = b.server(MembersGateway.class);
        AtomicInteger emitted = new AtomicInteger();
        emitter = Executors.newSingleThreadScheduledExecutor();
        emitter.scheduleAtFixedRate(() -> serverA.to("members").emit("tick", emitted.getAndIncrement()), 0, 50,
                TimeUnit.MILLISECONDS);
        RedisFixtures.await("bob, on B, gets A's ticks", WAIT, () -> ticks(bob.client()).size() >= 5);

        long killed = System.nanoTime();
        master.kill();
        int emittedAtKill = emitted.get();
        RedisFixtures.await("Sentinel names the replica as the master", RESUMES_WITHIN,
                () -> sentinel.master() == replica.port());
        long promoted = System.nanoTime();
        RedisFixtures.await("bob gets a tick emitted after the master died", RESUMES_WITHIN,
                () -> ticks(bob.client()).stream().anyMatch(t -> t > emittedAtKill));
        long resumed = System.nanoTime();
        System.out.printf("Sentinel promoted the replica %d ms after the master died; broadcasts crossed again"
                + " after %d ms%n", TimeUnit.NANOSECONDS.toMillis(promoted - killed),
                TimeUnit.NANOSECONDS.toMillis(resumed - killed));
        assertThat(Duration.ofNanos(resumed - killed)).isLessThan(RESUMES_WITHIN);
        assertThat(info(cli(replica.port(), "INFO", "replication"), "role")).isEqualTo("master");
        emitter.shutdown();
        assertThat(emitter.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

        awaitReady(a);
        awaitPeers(a, 1);
        awaitPeers(b, 1);
        assertThat(ticks(ada.client())).hasSize(emitted.get()).isSorted();
        assertThat(ticks(bob.client())).isSorted().doesNotHaveDuplicates();
        serverB.to(ada.id()).emit("direct", "from B after the failover");
        assertThat(ada.client().awaitEvent("direct", WAIT).data(String.class)).isEqualTo("from B after the failover");
        assertThat(await(serverB.countClients())).isEqualTo(2);
        assertThat(await(serverA.serverSideEmitWithAck("census", "how many?", Integer.class))).containsExactly(1);
        assertThat(warnings.messages()).filteredOn(m -> m.contains("cannot be reached")).as("one warning a node")
                .hasSize(2);
    }
}
