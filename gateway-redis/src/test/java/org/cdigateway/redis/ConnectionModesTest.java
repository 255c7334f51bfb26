package org.cdigateway.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.cdigateway.GatewayServer;
import org.cdigateway.junit5.RedisServer;
import org.cdigateway.junit5.client.GatewayTestClient;
import org.cdigateway.redis.ClusterOperationsTest.TeamGateway;
import org.cdigateway.se.GatewayRuntime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ways to reach Redis, each against real servers: a password, TLS with a certificate to trust, a master named by
 * Sentinel, and Redis Cluster through sharded pub/sub. In each, two nodes exchange a room broadcast and answer a
 * cluster-wide count.
 */
class ConnectionModesTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    final List<AutoCloseable> started = new ArrayList<>();
    final List<String> properties = new ArrayList<>();

    @AfterEach
    void stopEverything() throws Exception {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
        properties.forEach(System::clearProperty);
    }

    private void set(Map<String, String> keys) {
        keys.forEach((k, v) -> {
            System.setProperty(k, v);
            properties.add(k);
        });
    }

    private GatewayRuntime node() throws Exception {
        GatewayRuntime runtime = GatewayRuntime.builder().port(0)
                .beanClasses(RedisBroadcaster.class, TeamGateway.class)
                .start();
        started.add(runtime);
        return runtime;
    }

    private static void ready(GatewayRuntime node) throws Exception {
        node.select(RedisBroadcaster.class).ready().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    /** Two nodes on these keys: a broadcast and a cluster-wide count cross from one to the other. */
    private void twoNodesWorkTogether(Map<String, String> keys) throws Exception {
        set(keys);
        GatewayRuntime a = node();
        GatewayRuntime b = node();
        ready(a);
        ready(b);
        ClusterOperationsTest.awaitNodes(a, 1);
        ClusterOperationsTest.awaitNodes(b, 1);
        GatewayTestClient onA = GatewayTestClient.connect(a.wsUri("/team"));
        GatewayTestClient onB = GatewayTestClient.connect(b.wsUri("/team"));
        started.add(onA);
        started.add(onB);
        onA.request("hello", "ada");
        onB.request("hello", "bob");

        a.server(TeamGateway.class).to("team").emit("news", "from A");

        assertThat(onB.awaitEvent("news", WAIT).data(String.class)).isEqualTo("from A");
        GatewayServer serverB = b.server(TeamGateway.class);
        assertThat(serverB.to("team").countClients().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS))
                .isEqualTo(2);
        assertThat(a.select(RedisBroadcaster.class).unpublished()).isZero();
    }

    @Test
    void aPasswordInTheUri() throws Exception {
        RedisServer redis = RedisServer.start(List.of("--requirepass", "s3cret"));
        started.add(redis);
        twoNodesWorkTogether(Map.of(RedisSettings.URI, "redis://:s3cret@127.0.0.1:" + redis.port()));
    }

    @Test
    void aWrongPasswordKeepsTheNodeOnItsOwnAndCountsWhatItCouldNotPublish() throws Exception {
        RedisServer redis = RedisServer.start(List.of("--requirepass", "s3cret"));
        started.add(redis);
        set(Map.of(RedisSettings.URI, "redis://:wrong@127.0.0.1:" + redis.port()));
        GatewayRuntime a = node(); // starts: Redis is not needed for this node's own clients
        RedisBroadcaster broadcaster = a.select(RedisBroadcaster.class);
        GatewayTestClient onA = GatewayTestClient.connect(a.wsUri("/team"));
        started.add(onA);
        onA.request("hello", "ada");

        a.server(TeamGateway.class).to("team").emit("news", "local only");

        assertThat(onA.awaitEvent("news", WAIT).data(String.class)).isEqualTo("local only");
        assertThat(broadcaster.unpublished()).isEqualTo(1);
        assertThat(broadcaster.connected()).isFalse();
        CompletableFuture<Void> ready = broadcaster.ready().toCompletableFuture();
        try {
            ready.get(2, TimeUnit.SECONDS);
            throw new AssertionError("ready with a wrong password");
        } catch (TimeoutException expected) {
            // refused by Redis; tried again every second
        }
    }

    @Test
    void tlsWithACertificateToTrust() throws Exception {
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        run(List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key.toString(), "-out",
                cert.toString(), "-days", "1", "-subj", "/CN=localhost", "-addext",
                "subjectAltName=IP:127.0.0.1,DNS:localhost"));
        int tls = RedisServer.freePort();
        RedisServer redis = RedisServer.start(tls, List.of("--port", "0", "--tls-port", Integer.toString(tls),
                "--tls-cert-file", cert.toString(), "--tls-key-file", key.toString(), "--tls-ca-cert-file",
                cert.toString(), "--tls-auth-clients", "no"));
        started.add(redis);
        twoNodesWorkTogether(Map.of(RedisSettings.URI, "rediss://127.0.0.1:" + tls, RedisSettings.TRUST,
                cert.toString()));
    }

    @Test
    void tlsWithoutTrustingTheCertificateConnectsNot() throws Exception {
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        run(List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key.toString(), "-out",
                cert.toString(), "-days", "1", "-subj", "/CN=localhost", "-addext",
                "subjectAltName=IP:127.0.0.1,DNS:localhost"));
        int tls = RedisServer.freePort();
        RedisServer redis = RedisServer.start(tls, List.of("--port", "0", "--tls-port", Integer.toString(tls),
                "--tls-cert-file", cert.toString(), "--tls-key-file", key.toString(), "--tls-ca-cert-file",
                cert.toString(), "--tls-auth-clients", "no"));
        started.add(redis);
        set(Map.of(RedisSettings.URI, "rediss://127.0.0.1:" + tls));
        GatewayRuntime a = node();
        RedisBroadcaster broadcaster = a.select(RedisBroadcaster.class);
        try {
            broadcaster.ready().toCompletableFuture().get(3, TimeUnit.SECONDS);
            throw new AssertionError("connected to a Redis whose certificate nobody trusts");
        } catch (TimeoutException expected) {
            assertThat(broadcaster.connected()).isFalse();
        }
    }

    @Test
    void aMasterNamedBySentinel() throws Exception {
        RedisServer master = RedisServer.start();
        started.add(master);
        int port = RedisServer.freePort();
        Path conf = dir.resolve("sentinel.conf");
        Files.writeString(conf, "port " + port + "\nbind 127.0.0.1\ndir " + dir + "\n"
                + "sentinel monitor mymaster 127.0.0.1 " + master.port() + " 1\n");
        Process sentinel = new ProcessBuilder(RedisServer.binary(), conf.toString(), "--sentinel")
                .redirectErrorStream(true).start();
        started.add(() -> {
            sentinel.destroy();
            sentinel.waitFor(10, TimeUnit.SECONDS);
        });
        awaitLine(sentinel, "+monitor master mymaster");
        twoNodesWorkTogether(Map.of(RedisSettings.URI, "redis-sentinel://127.0.0.1:" + port + "#mymaster"));
    }

    @Test
    void afterAFailoverSentinelNamesTheNewMasterAndBroadcastsCrossAgain() throws Exception {
        RedisServer master = RedisServer.start();
        started.add(master);
        RedisServer replica = RedisServer.start(List.of("--replicaof", "127.0.0.1", Integer.toString(master.port())));
        started.add(replica);
        int port = RedisServer.freePort();
        Path conf = dir.resolve("sentinel.conf");
        Files.writeString(conf, "port " + port + "\nbind 127.0.0.1\ndir " + dir + "\n"
                + "sentinel monitor mymaster 127.0.0.1 " + master.port() + " 1\n"
                + "sentinel down-after-milliseconds mymaster 1000\nsentinel failover-timeout mymaster 5000\n");
        Process sentinel = new ProcessBuilder(RedisServer.binary(), conf.toString(), "--sentinel")
                .redirectErrorStream(true).start();
        started.add(() -> {
            sentinel.destroy();
            sentinel.waitFor(10, TimeUnit.SECONDS);
        });
        CompletableFuture<Void> switched = lineSeen(sentinel, "+switch-master", "+slave slave 127.0.0.1:"
                + replica.port());
        twoNodesWorkTogether(Map.of(RedisSettings.URI, "redis-sentinel://127.0.0.1:" + port + "#mymaster"));

        master.kill();
        switched.get(WAIT.toSeconds(), TimeUnit.SECONDS); // the replica is the master now
        long failedOver = System.nanoTime();
        GatewayRuntime a = (GatewayRuntime) started.stream().filter(GatewayRuntime.class::isInstance).findFirst()
                .orElseThrow();
        GatewayTestClient onB = (GatewayTestClient) started.stream().filter(GatewayTestClient.class::isInstance)
                .skip(1).findFirst().orElseThrow();
        GatewayServer serverA = a.server(TeamGateway.class);
        long end = System.nanoTime() + WAIT.toNanos();
        int n = 0;
        while (true) { // emits until one crosses: the nodes' connections move to the new master by themselves
            serverA.to("team").emit("after", ++n);
            try {
                onB.awaitEvent("after", Duration.ofMillis(200));
                break;
            } catch (AssertionError notYet) {
                assertThat(System.nanoTime()).as("a broadcast crosses after the failover").isLessThan(end);
            }
        }
        System.out.printf("broadcasts crossed again %d ms after the failover%n",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - failedOver));
    }

    @Test
    void redisClusterThroughShardedPubSub() throws Exception {
        List<String> seeds = new ArrayList<>();
        List<String> create = new ArrayList<>(List.of(redisCli(), "--cluster", "create"));
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            int port = RedisServer.freePort();
            RedisServer shard = RedisServer.start(port, List.of("--cluster-enabled", "yes", "--cluster-config-file",
                    dir.resolve("nodes-" + port + ".conf").toString(), "--dir", dir.toString()));
            started.add(shard);
            ports.add(port);
            seeds.add("redis://127.0.0.1:" + port);
            create.add("127.0.0.1:" + port);
        }
        create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
        run(create);
        for (int port : ports) {
            long end = System.nanoTime() + WAIT.toNanos();
            while (!run(List.of(redisCli(), "-p", Integer.toString(port), "cluster", "info"))
                    .contains("cluster_state:ok")) {
                assertThat(System.nanoTime()).as("cluster state ok on " + port).isLessThan(end);
                Thread.sleep(100); // polls the cluster's state, with a deadline
            }
        }
        twoNodesWorkTogether(Map.of(RedisSettings.URI, String.join(",", seeds), RedisSettings.MODE, "cluster"));

        StringBuilder sharded = new StringBuilder();
        for (int port : ports) {
            sharded.append(run(List.of(redisCli(), "-p", Integer.toString(port), "pubsub", "shardchannels")));
            assertThat(run(List.of(redisCli(), "-p", Integer.toString(port), "pubsub", "channels")).strip())
                    .as("classic channels on " + port).isEmpty();
        }
        assertThat(sharded.toString()).contains("cdigateway:/team", "cdigateway#nodes", "cdigateway#answers:");
    }

    private static String redisCli() {
        return Path.of(RedisServer.binary()).resolveSibling("redis-cli").toString();
    }

    /** Runs a command to its end; its output, or a failure with it. */
    private static String run(List<String> command) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            if (System.getenv("CI") == null) {
                org.junit.jupiter.api.Assumptions.assumeTrue(false, command.get(0) + " is not installed");
            }
            throw e;
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("%s: %s", command, out).isZero();
        return out;
    }

    /**
     * Reads the output of a process: the stage completes when a line with {@code text} comes after a line with
     * {@code after} (the sentinel must know the replica before a switch can follow).
     */
    private static CompletableFuture<Void> lineSeen(Process p, String text, String after) {
        CompletableFuture<Void> seen = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            boolean ready = false;
            try (BufferedReader r = new BufferedReader(
                    new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    ready |= line.contains(after);
                    if (ready && line.contains(text)) {
                        seen.complete(null);
                    }
                }
            } catch (IOException e) {
                seen.completeExceptionally(e);
            }
            seen.completeExceptionally(new IllegalStateException("ended before '" + text + "'"));
        });
        reader.setDaemon(true);
        reader.start();
        return seen;
    }

    private static void awaitLine(Process p, String text) throws Exception {
        CompletableFuture<Void> seen = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(
                    new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.contains(text)) {
                        seen.complete(null);
                    }
                }
            } catch (IOException e) {
                seen.completeExceptionally(e);
            }
            seen.completeExceptionally(new IllegalStateException("ended before '" + text + "'"));
        });
        reader.setDaemon(true);
        reader.start();
        seen.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }
}
