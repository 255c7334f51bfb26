package org.cdigateway.bench.load;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Fan-out across nodes: broadcasts emitted on node A reach N clients of one room, either all connected to A
 * ({@code --placement local}) or split over the other nodes ({@code --placement cross}: client i on node
 * {@code 1 + i % (nodes - 1)}, so B and C take half each with three nodes), which get them through the Redis
 * broadcaster. {@code --placement single} is local against a node A that runs without Redis. Prints one {@code RESULT <placement> fanout} line: deliveries per second, the latency of each delivery
 * (the send time in the payload against the receive time, both {@link System#nanoTime()} of this process) and the CPU
 * of each process.
 *
 * <p>
 * The emitter is a connection of its own on node A, not in the room. Each broadcast carries its number ({@code "s"}),
 * and a window of them ({@code --window}, 8) is in flight: the next one is sent when one has reached all N clients,
 * wherever they are, so the rate is that of complete deliveries in both placements and no node's backlog can grow
 * without bound. {@code --warmup} seconds (10) of unmeasured batches come first; every wait is bounded by
 * {@code --timeout} seconds (120). A client that gets a broadcast twice, or one not sent, fails the run.
 *
 * <p>
 * With a window of 8, a delivery's latency is mostly its wait behind the deliveries of the broadcasts before it. So a
 * last phase emits {@code --alone-broadcasts} (500; 0 leaves it out) one at a time, each once the one before has reached
 * every client, and reports the latency of their deliveries as {@code aloneP50} and {@code aloneP99}: the path of one
 * broadcast through the nodes (and Redis) and its fan-out to N clients, without a queue before it.
 *
 * <pre>
 * --ports A,B,C       the nodes' ports, the emitting node first
 * --pids A,B,C,REDIS  their process ids, for the CPU figures (optional)
 * --placement         local, cross or single
 * --connections 200   --broadcasts 1500   --window 8   --alone-broadcasts 500   --payload 64
 * </pre>
 */
public final class ClusterFanout {

    static final String ROOM = "cluster-room";

    private final Map<String, String> options;
    private final List<URI> nodes = new ArrayList<>();
    private final long[] pids;
    private final String placement;
    private final long timeoutSeconds;
    private final PrintStream out;
    private final HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(2)).build();

    private ClusterFanout(Map<String, String> options, PrintStream out) {
        this.options = options;
        this.out = out;
        for (String port : option("ports", "").split(",")) {
            if (!port.isBlank()) {
                nodes.add(URI.create("ws://127.0.0.1:" + port.strip() + "/bench"));
            }
        }
        placement = option("placement", "local");
        if (!placement.equals("local") && !placement.equals("cross") && !placement.equals("single")) {
            throw new IllegalArgumentException("--placement must be local, cross or single, not " + placement);
        }
        if (nodes.isEmpty() || placement.equals("cross") && nodes.size() < 2) {
            throw new IllegalArgumentException("--ports must name the emitting node"
                    + (placement.equals("cross") ? " and at least one other" : "") + ", such as 9001,9002,9003");
        }
        pids = option("pids", "").isBlank()
                ? new long[0]
                : Arrays.stream(option("pids", "").split(",")).mapToLong(p -> Long.parseLong(p.strip())).toArray();
        timeoutSeconds = Long.parseLong(option("timeout", "120"));
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(System.out, args) == null ? 1 : 0);
    }

    /** Runs the scenario; returns its RESULT line, or null when it timed out. */
    public static String run(PrintStream out, String... args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        return new ClusterFanout(options, out).fanout();
    }

    private String option(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    private int intOption(String name, int fallback) {
        return Integer.parseInt(option(name, Integer.toString(fallback)));
    }

    /** The node client {@code i} of the room connects to. */
    static int nodeOf(int i, String placement, int nodes) {
        return placement.equals("cross") ? 1 + i % (nodes - 1) : 0;
    }

    private String fanout() throws Exception {
        int connections = intOption("connections", 200);
        int broadcasts = intOption("broadcasts", 1500);
        int window = intOption("window", 8);
        String padding = "x".repeat(Math.max(0, intOption("payload", 64)));
        List<Connection> receivers = new ArrayList<>();
        Connection emitter = null;
        try {
            emitter = open(List.of(nodes.get(0))).get(0);
            List<URI> targets = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                targets.add(nodes.get(nodeOf(i, placement, nodes.size())));
            }
            receivers.addAll(open(targets));
            join(receivers);
            Connection from = emitter;
            long end = System.nanoTime() + (long) (Double.parseDouble(option("warmup", "10")) * 1e9);
            int batch = Math.max(window, broadcasts / 5);
            do {
                if (run(from, receivers, batch, window, padding) == null) {
                    throw new IllegalStateException("warm-up did not complete within " + timeoutSeconds + " s");
                }
            } while (System.nanoTime() < end);

            double[] cpuBefore = cpu();
            double ownBefore = Measure.ownCpu();
            long start = System.nanoTime();
            long[] latencies = run(from, receivers, broadcasts, window, padding);
            if (latencies == null) {
                out.println("RESULT " + placement + " fanout error=timeout");
                return null;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double[] cpuAfter = cpu();
            double ownAfter = Measure.ownCpu();
            int alone = intOption("alone-broadcasts", 500);
            long[] aloneLatencies = alone > 0 ? run(from, receivers, alone, 1, padding) : new long[0];
            if (aloneLatencies == null) {
                out.println("RESULT " + placement + " fanout error=timeout");
                return null;
            }
            StringBuilder line = new StringBuilder("RESULT ").append(placement).append(" fanout");
            metric(line, "deliveries", latencies.length / seconds);
            metric(line, "p50", Measure.percentileMicros(latencies, 50));
            metric(line, "p99", Measure.percentileMicros(latencies, 99));
            metric(line, "p999", Measure.percentileMicros(latencies, 99.9));
            metric(line, "seconds", seconds);
            String[] names = {"cpuA", "cpuB", "cpuC", "cpuRedis"};
            for (int i = 0; i < Math.min(names.length, cpuBefore.length); i++) {
                metric(line, names[i], (cpuAfter[i] - cpuBefore[i]) / seconds);
            }
            metric(line, "loadCpu", (ownAfter - ownBefore) / seconds);
            if (alone > 0) {
                metric(line, "aloneP50", Measure.percentileMicros(aloneLatencies, 50));
                metric(line, "aloneP99", Measure.percentileMicros(aloneLatencies, 99));
            }
            out.println(line);
            return line.toString();
        } finally {
            receivers.forEach(Connection::abort);
            if (emitter != null) {
                emitter.abort();
            }
        }
    }

    private static void metric(StringBuilder line, String name, double value) {
        line.append(' ').append(name).append('=').append(String.format(Locale.ROOT, "%.2f", value));
    }

    private double[] cpu() {
        double[] seconds = new double[pids.length];
        for (int i = 0; i < pids.length; i++) {
            seconds[i] = Measure.processCpu(pids[i]);
        }
        return seconds;
    }

    private List<Connection> open(List<URI> targets) throws Exception {
        Semaphore handshakes = new Semaphore(32);
        List<CompletableFuture<Connection>> pending = new ArrayList<>();
        for (URI target : targets) {
            if (!handshakes.tryAcquire(timeoutSeconds, TimeUnit.SECONDS)) {
                throw new IllegalStateException("handshakes did not complete within " + timeoutSeconds + " s");
            }
            pending.add(Connection.open(http, target).whenComplete((c, e) -> handshakes.release()));
        }
        List<Connection> open = new ArrayList<>();
        for (CompletableFuture<Connection> p : pending) {
            open.add(p.get(timeoutSeconds, TimeUnit.SECONDS));
        }
        return open;
    }

    private void join(List<Connection> receivers) throws Exception {
        CountDownLatch joined = new CountDownLatch(receivers.size());
        for (Connection c : receivers) {
            c.onMessage(m -> {
                if (m.contains("\"joined\"")) {
                    joined.countDown();
                }
            });
            c.send("{\"event\":\"join\",\"data\":\"" + ROOM + "\"}");
        }
        if (!joined.await(timeoutSeconds, TimeUnit.SECONDS)) {
            throw new IllegalStateException("not every connection joined within " + timeoutSeconds + " s");
        }
    }

    /**
     * Emits {@code broadcasts} broadcasts on the emitter, {@code window} in flight, and returns the sorted latencies of
     * their deliveries in ns; null on timeout.
     */
    private long[] run(Connection emitter, List<Connection> receivers, int broadcasts, int window, String padding)
            throws Exception {
        int members = receivers.size();
        AtomicIntegerArray reached = new AtomicIntegerArray(broadcasts); // clients each broadcast has reached
        AtomicInteger next = new AtomicInteger(); // the number of the next broadcast to send
        CountDownLatch done = new CountDownLatch(members);
        long[][] latencies = new long[members][broadcasts];
        int[] counts = new int[members];
        AtomicReference<String> wrong = new AtomicReference<>();
        for (int i = 0; i < members; i++) {
            int index = i;
            receivers.get(i).onMessage(message -> {
                long now = System.nanoTime();
                long s = Connection.number(message, "\"s\":");
                int n = counts[index];
                if (s < 0 || s >= broadcasts || n >= broadcasts) {
                    wrong.compareAndSet(null, "client " + index + " got " + message);
                    done.countDown();
                    return;
                }
                latencies[index][n] = now - Connection.timestamp(message);
                counts[index] = n + 1;
                if (n + 1 == broadcasts) {
                    done.countDown();
                }
                int all = reached.incrementAndGet((int) s);
                if (all > members) {
                    wrong.compareAndSet(null, "broadcast " + s + " reached a client twice");
                } else if (all == members) {
                    int k = next.getAndIncrement(); // one broadcast complete: send another
                    if (k < broadcasts) {
                        emitter.send(frame(k, padding));
                    }
                }
            });
        }
        for (int w = 0; w < window; w++) {
            int k = next.getAndIncrement(); // the first ones may be complete already, and have sent more
            if (k < broadcasts) {
                emitter.send(frame(k, padding));
            }
        }
        boolean completed = done.await(timeoutSeconds, TimeUnit.SECONDS);
        receivers.forEach(c -> c.onMessage(m -> {}));
        if (wrong.get() != null) {
            throw new IllegalStateException(wrong.get());
        }
        return completed ? Measure.merge(latencies, counts) : null;
    }

    static String frame(int number, String padding) {
        return "{\"event\":\"broadcast\",\"data\":{\"room\":\"" + ROOM + "\",\"payload\":{\"s\":" + number
                + ",\"t\":" + System.nanoTime() + ",\"p\":\"" + padding + "\"}}}";
    }
}
