package org.cdigateway.redis;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.cdigateway.GatewayServer;
import org.cdigateway.junit5.RedisServer;
import org.cdigateway.junit5.client.Frame;
import org.cdigateway.junit5.client.GatewayTestClient;
import org.cdigateway.se.GatewayRuntime;

/**
 * Real Redis deployments for the tests of the ways a node reaches Redis (a self-signed certificate and a TLS-only
 * server, a Sentinel watching a master, a Redis Cluster), and gateway nodes set up for one of them. Everything listens
 * on free loopback ports and is stopped by the test that started it. The tools come from the system (redis-server,
 * redis-cli, openssl); where one is missing the test is skipped, unless the environment variable {@code CI} is set:
 * there it fails, naming the package to install.
 */
final class RedisFixtures {

    /** How long anything may take on a loaded machine before a test gives up on it. */
    static final Duration WAIT = Duration.ofSeconds(30);

    private RedisFixtures() {}

    /** Polls a condition until it holds; fails, naming it, when it does not within the time. */
    static void await(String what, Duration within, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - end > 0) {
                throw new AssertionError("not within " + within.toMillis() + " ms: " + what);
            }
            Thread.sleep(20); // polls a condition, with a deadline
        }
    }

    static <T> T await(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    // Tools of the system

    /** The path of a program on the PATH; skips the test where it is missing (outside CI). */
    static String tool(String name, String debianPackage) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        if (System.getenv("CI") != null) {
            throw new IllegalStateException(name + " is not installed (apt-get install " + debianPackage + ")");
        }
        assumeTrue(false, name + " is not installed");
        throw new IllegalStateException("not reached");
    }

    /** Runs a program to its end and returns its output; fails with the output when it exits with an error. */
    static String run(List<String> command, Map<String, String> environment) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().putAll(environment);
            Process p = builder.start();
            String out = new String(p.getInputStream().readAllBytes(), UTF_8); // to the end of the program
            if (!p.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(command + " did not end:\n" + out);
            }
            assertThat(p.exitValue()).as("exit code of %s:%n%s", command, out).isZero();
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code redis-cli} on one server of this machine; its output, one line per element of the reply. */
    static String cli(int port, String... arguments) {
        return cli(Map.of(), port, arguments);
    }

    /** {@code redis-cli} with environment variables, such as {@code REDISCLI_AUTH} for a password. */
    static String cli(Map<String, String> environment, int port, String... arguments) {
        List<String> command = new ArrayList<>(
                List.of(tool("redis-cli", "redis-tools"), "-h", "127.0.0.1", "-p", Integer.toString(port)));
        command.addAll(List.of(arguments));
        return run(command, environment).strip();
    }

    /** One field of the output of INFO: {@code name:value} lines. */
    static String info(String info, String field) {
        for (String line : info.split("\r?\n")) {
            if (line.startsWith(field + ":")) {
                return line.substring(field.length() + 1).strip();
            }
        }
        return "";
    }

    // TLS

    /** A self-signed certificate for 127.0.0.1 (PEM), that also serves as its own CA, and its key. */
    record Certificate(Path cert, Path key) {

        static Certificate selfSigned(Path dir) {
            Path cert = dir.resolve("redis.crt");
            Path key = dir.resolve("redis.key");
            run(List.of(tool("openssl", "openssl"), "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key.toString(),
                    "-out", cert.toString()), Map.of());
            return new Certificate(cert, key);
        }
    }

    /** A redis-server that accepts TLS connections only (no client certificates), on a free port. */
    static RedisServer tlsServer(Certificate certificate) throws IOException {
        int port = RedisServer.freePort();
        return RedisServer.start(port,
                List.of("--port", "0", "--tls-port", Integer.toString(port), "--tls-cert-file",
                        certificate.cert().toString(), "--tls-key-file", certificate.key().toString(),
                        "--tls-ca-cert-file", certificate.cert().toString(), "--tls-auth-clients", "no"));
    }

    // Sentinel

    /**
     * A replica of a master, started once the master is; {@link #awaitInSync} before counting on it. It keeps the copy
     * the master sends it in the directory.
     */
    static RedisServer replicaOf(RedisServer master, Path dir) throws IOException {
        cli(master.port(), "CONFIG", "SET", "repl-diskless-sync-delay", "0"); // not 5 s of waiting for more replicas
        return RedisServer.start(
                List.of("--replicaof", "127.0.0.1", Integer.toString(master.port()), "--dir", dir.toString()));
    }

    /** Waits until the replica has the master's data and the master counts it. */
    static void awaitInSync(RedisServer replica, RedisServer master) throws InterruptedException {
        await("the replica on " + replica.port() + " is in sync with " + master.port(), WAIT,
                () -> info(cli(replica.port(), "INFO", "replication"), "master_link_status").equals("up")
                        && info(cli(master.port(), "INFO", "replication"), "connected_slaves").equals("1"));
    }

    /**
     * One {@code redis-server --sentinel} that watches a master named {@value #MASTER} (quorum 1), judges it down after
     * one second without an answer, and fails over at once. Its configuration file is written to a directory of the
     * test, since Sentinel rewrites it; its output goes to a log file there.
     */
    static final class Sentinel implements AutoCloseable {

        static final String MASTER = "mymaster";

        private final int port;
        private final Process process;
        private final Path log;

        private Sentinel(int port, Process process, Path log) {
            this.port = port;
            this.process = process;
            this.log = log;
        }

        static Sentinel watching(RedisServer master, Path dir) throws IOException, InterruptedException {
            int port = RedisServer.freePort();
            Path conf = dir.resolve("sentinel-" + port + ".conf");
            Files.writeString(conf, String.join("\n", "port " + port, "bind 127.0.0.1", "dir " + dir,
                    "sentinel monitor " + MASTER + " 127.0.0.1 " + master.port() + " 1",
                    "sentinel down-after-milliseconds " + MASTER + " 1000",
                    "sentinel failover-timeout " + MASTER + " 10000", ""));
            Path log = dir.resolve("sentinel-" + port + ".log");
            Process p = new ProcessBuilder(RedisServer.binary(), conf.toString(), "--sentinel")
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            Sentinel sentinel = new Sentinel(port, p, log);
            try {
                await("Sentinel on " + port + " names the master on " + master.port(), WAIT,
                        () -> sentinel.master() == master.port());
            } catch (AssertionError | RuntimeException e) {
                sentinel.close();
                throw new AssertionError(e.getMessage() + "; Sentinel's log:\n" + Files.readString(log), e);
            }
            return sentinel;
        }

        /** {@code redis-sentinel://127.0.0.1:<port>#mymaster}. */
        String uri() {
            return "redis-sentinel://127.0.0.1:" + port + "#" + MASTER;
        }

        /** The port of the master Sentinel names now, -1 while it names none or cannot be asked. */
        int master() {
            if (!process.isAlive()) {
                throw new IllegalStateException("Sentinel on " + port + " stopped");
            }
            String[] reply;
            try {
                reply = cli(port, "SENTINEL", "get-master-addr-by-name", MASTER).split("\r?\n");
            } catch (AssertionError e) {
                return -1; // not listening yet
            }
            return reply.length == 2 ? Integer.parseInt(reply[1].strip()) : -1;
        }

        /** Whether Sentinel knows this replica of the master and sees it healthy: a candidate for a failover. */
        boolean knowsReplica(RedisServer replica) {
            String[] reply = cli(port, "SENTINEL", "replicas", MASTER).split("\r?\n");
            Map<String, String> fields = new HashMap<>();
            for (int i = 0; i + 1 < reply.length; i += 2) {
                fields.put(reply[i].strip(), reply[i + 1].strip());
            }
            return fields.getOrDefault("port", "").equals(Integer.toString(replica.port()))
                    && fields.getOrDefault("flags", "").equals("slave")
                    && fields.getOrDefault("master-link-status", "").equals("ok");
        }

        String log() throws IOException {
            return Files.readString(log);
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    // Redis Cluster

    /** Masters without replicas that share the 16384 slots, created with {@code redis-cli --cluster create}. */
    static final class Cluster implements AutoCloseable {

        private final List<RedisServer> masters = new ArrayList<>();

        static Cluster create(int size, Path dir) throws Exception {
            Cluster cluster = new Cluster();
            try {
                List<String> create = new ArrayList<>(List.of(tool("redis-cli", "redis-tools"), "--cluster", "create"));
                for (int i = 0; i < size; i++) {
                    int port = RedisServer.freePort();
                    // the bus port is set: the default (port + 10000) may be past 65535 for an ephemeral port
                    cluster.masters.add(RedisServer.start(port,
                            List.of("--cluster-enabled", "yes", "--cluster-config-file",
                                    dir.resolve("nodes-" + port + ".conf").toString(), "--cluster-port",
                                    Integer.toString(RedisServer.freePort()), "--dir", dir.toString())));
                    create.add("127.0.0.1:" + port);
                }
                create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
                run(create, Map.of());
                cluster.awaitOk();
                return cluster;
            } catch (Exception | AssertionError e) {
                cluster.close();
                throw e;
            }
        }

        /** Waits until every master says the cluster is ok (all slots served) and knows all the masters. */
        void awaitOk() throws InterruptedException {
            for (int port : ports()) {
                await("CLUSTER INFO of " + port + " says the cluster is ok and knows all " + masters.size()
                        + " masters", WAIT, () -> {
                            String info = cli(port, "CLUSTER", "INFO");
                            return info(info, "cluster_state").equals("ok")
                                    && info(info, "cluster_known_nodes").equals(Integer.toString(masters.size()));
                        });
            }
        }

        /** The master on a port. */
        RedisServer master(int port) {
            return masters.stream().filter(m -> m.port() == port).findFirst().orElseThrow();
        }

        List<Integer> ports() {
            return masters.stream().map(RedisServer::port).toList();
        }

        /** The seeds for {@code cdigateway.redis.uri}: every master's URI, separated by commas. */
        String seeds() {
            return String.join(",", masters.stream().map(RedisServer::uri).toList());
        }

        /** The port of the master that serves the slot of a channel (the same as of a key of that name). */
        int owner(String channel) {
            int slot = Integer.parseInt(cli(masters.get(0).port(), "CLUSTER", "KEYSLOT", channel));
            for (int port : ports()) {
                for (String line : cli(port, "CLUSTER", "NODES").split("\r?\n")) {
                    String[] fields = line.strip().split(" ");
                    if (!fields[2].contains("myself")) {
                        continue;
                    }
                    for (int i = 8; i < fields.length; i++) {
                        String[] range = fields[i].split("-");
                        int from = Integer.parseInt(range[0]);
                        int to = range.length > 1 ? Integer.parseInt(range[1]) : from;
                        if (from <= slot && slot <= to) {
                            return port;
                        }
                    }
                }
            }
            throw new AssertionError("no master serves the slot " + slot + " of " + channel);
        }

        /** The connections subscribed to a shard channel on one master (PUBSUB SHARDNUMSUB). */
        int shardSubscribers(int port, String channel) {
            String[] reply = cli(port, "PUBSUB", "SHARDNUMSUB", channel).split("\r?\n");
            return Integer.parseInt(reply[1].strip());
        }

        @Override
        public void close() throws InterruptedException {
            for (RedisServer master : masters) {
                master.close();
            }
        }
    }

    // Gateway nodes

    /** A client of {@link MembersGateway} that said hello under a name, and its id. */
    record Member(GatewayTestClient client, String id) {}

    /**
     * Gateway nodes (runtimes in this JVM) that serve {@link MembersGateway} with the Redis broadcaster; each reads the
     * keys set when it starts. Closing stops the clients and the nodes, and clears the keys.
     */
    static final class Nodes implements AutoCloseable {

        private final List<GatewayRuntime> runtimes = new ArrayList<>();
        private final List<GatewayTestClient> clients = new ArrayList<>();
        private final Set<String> keys = new LinkedHashSet<>();

        Nodes set(String key, String value) {
            System.setProperty(key, value);
            keys.add(key);
            return this;
        }

        Nodes clear(String key) {
            System.clearProperty(key);
            return this;
        }

        GatewayRuntime start() {
            GatewayRuntime runtime = GatewayRuntime.builder().port(0)
                    .beanClasses(RedisBroadcaster.class, MembersGateway.class).start();
            runtimes.add(runtime);
            return runtime;
        }

        Member member(GatewayRuntime node, String name) {
            GatewayTestClient client = GatewayTestClient.connect(node.wsUri("/members"));
            clients.add(client);
            return new Member(client, client.request("hello", name, WAIT).data(String.class));
        }

        @Override
        public void close() {
            try {
                clients.forEach(GatewayTestClient::close);
                for (int i = runtimes.size() - 1; i >= 0; i--) {
                    runtimes.get(i).close();
                }
            } finally {
                keys.forEach(System::clearProperty);
            }
        }
    }

    /** The warnings the broadcaster logs while open, whatever the node. */
    static final class Warnings extends Handler implements AutoCloseable {

        private final Logger logger = Logger.getLogger(RedisBroadcaster.class.getName());
        private final List<String> messages = new CopyOnWriteArrayList<>();

        Warnings() {
            logger.addHandler(this);
        }

        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                messages.add(record.getMessage());
            }
        }

        List<String> messages() {
            return List.copyOf(messages);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {
            logger.removeHandler(this);
        }
    }

    static RedisBroadcaster broadcaster(GatewayRuntime node) {
        return node.select(RedisBroadcaster.class);
    }

    static void awaitReady(GatewayRuntime node) throws Exception {
        await(broadcaster(node).ready());
    }

    static void awaitPeers(GatewayRuntime node, int others) throws InterruptedException {
        RedisBroadcaster b = broadcaster(node);
        await("node " + b.nodeId() + " knows " + others + " other nodes", WAIT, () -> b.nodes().size() == others);
    }

    /** The events of the broadcasts a client got (the replies to its requests carry an id, broadcasts do not). */
    static List<String> events(GatewayTestClient client) {
        return client.frames().stream().filter(f -> f.idAsString() == null).map(Frame::event).toList();
    }

    /**
     * Two nodes reaching Redis the same way work as one: a room broadcast and a broadcast to a client id cross from one
     * node to the other, and the cluster-wide count, fetch and server-side event see the clients of both.
     */
    static void workTogether(Nodes nodes, GatewayRuntime a, GatewayRuntime b) throws Exception {
        awaitReady(a);
        awaitReady(b);
        awaitPeers(a, 1);
        awaitPeers(b, 1);
        Member ada = nodes.member(a, "ada");
        Member bob = nodes.member(b, "bob");
        Member cy = nodes.member(b, "cy");
        GatewayServer serverA = a.server(MembersGateway.class);
        GatewayServer serverB = b.server(MembersGateway.class);

        serverA.to("members").emit("news", "from A");
        serverB.to(ada.id()).emit("direct", "from B to ada");
        serverB.emit("end", "from B"); // published after the direct one: it arrives after it on A

        assertThat(bob.client().awaitEvent("news", WAIT).data(String.class)).isEqualTo("from A");
        assertThat(cy.client().awaitEvent("news", WAIT).data(String.class)).isEqualTo("from A");
        assertThat(ada.client().awaitEvent("direct", WAIT).data(String.class)).isEqualTo("from B to ada");
        for (Member m : List.of(ada, bob, cy)) {
            assertThat(m.client().awaitEvent("end", WAIT).data(String.class)).isEqualTo("from B");
        }
        assertThat(events(ada.client())).containsExactly("news", "direct", "end");
        assertThat(events(bob.client())).containsExactlyInAnyOrder("news", "end");
        assertThat(events(cy.client())).containsExactlyInAnyOrder("news", "end");

        assertThat(await(serverB.countClients())).isEqualTo(3);
        assertThat(await(serverA.to(bob.id()).countClients())).isEqualTo(1);
        assertThat(ada.client().request("who", null, WAIT).data(List.class)).containsExactly("ada", "bob", "cy");
        assertThat(await(serverA.serverSideEmitWithAck("census", "how many?", Integer.class))).containsExactly(2);
        assertThat(broadcaster(a).unpublished()).isZero();
        assertThat(broadcaster(b).unpublished()).isZero();
        assertThat(broadcaster(a).received()).isEqualTo(2);
        assertThat(broadcaster(b).received()).isEqualTo(1);
    }
}
