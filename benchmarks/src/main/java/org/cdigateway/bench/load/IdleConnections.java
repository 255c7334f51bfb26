package org.cdigateway.bench.load;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Holds many idle connections to a bench server ({@code BenchServer --mode gateway}) and measures what each costs
 * the server: its live heap after full collections and its resident memory, before and after, divided by the count.
 * Each connection is a {@link RawWebSocket} that did its own handshake and joined the room {@code idle} (so the
 * server has finished setting it up), then sits in one {@link PongResponder} that answers the server's pings.
 *
 * <p>
 * With all of them open, a fresh client (the JDK's WebSocket client) must get an echo reply within the timeout (its
 * round trip, connection included, is printed next to one measured before the connections were opened); the
 * connections are then held {@code --hold} seconds, long enough for server heartbeats, and checked again: none closed
 * by the server, and a fresh echo still answered. Prints one {@code RESULT} line; the exit status says whether every
 * check passed.
 */
public final class IdleConnections {

    private final InetSocketAddress address;
    private final long serverPid;
    private final int count;
    private final int threads;
    private final int timeoutMillis;
    private final double holdSeconds;
    private final PrintStream out;

    private IdleConnections(Map<String, String> o, PrintStream out) {
        this.out = out;
        this.address = new InetSocketAddress(o.getOrDefault("host", "127.0.0.1"),
                Integer.parseInt(o.getOrDefault("port", "8080")));
        this.serverPid = Long.parseLong(o.getOrDefault("server-pid", "0"));
        this.count = Integer.parseInt(o.getOrDefault("count", "10000"));
        this.threads = Integer.parseInt(o.getOrDefault("threads", "4"));
        this.timeoutMillis = (int) (Double.parseDouble(o.getOrDefault("timeout", "30")) * 1000);
        this.holdSeconds = Double.parseDouble(o.getOrDefault("hold", "0"));
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(System.out, args).isEmpty() ? 1 : 0);
    }

    /**
     * Runs the measurement with {@code --name value} options: {@code --port}, {@code --server-pid}, {@code --count}
     * (10000), {@code --threads} opening them (4), {@code --timeout} seconds per wait (30), {@code --hold} seconds
     * (0). Returns the RESULT line, or an empty list when a check failed.
     */
    public static List<String> run(PrintStream out, String... args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        return new IdleConnections(options, out).measure();
    }

    private List<String> measure() throws Exception {
        List<String> problems = new ArrayList<>();
        HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(1)).build();
        List<RawWebSocket> open = Collections.synchronizedList(new ArrayList<>());
        try (PongResponder responder = new PongResponder()) {
            List<RawWebSocket> warm = openAll(Math.min(200, count), null);
            for (RawWebSocket ws : warm) {
                ws.close();
            }
            freshEcho(http, problems); // the first one loads this JVM's client
            double echoBefore = freshEcho(http, problems);
            long heapBefore = Measure.settledLiveHeapKib(serverPid);
            long rssBefore = Measure.rssKib(serverPid);

            long start = System.nanoTime();
            try {
                open.addAll(openAll(count, responder));
                double seconds = (System.nanoTime() - start) / 1e9;
                long heapAfter = Measure.settledLiveHeapKib(serverPid);
                long rssAfter = Measure.rssKib(serverPid);
                double echoMillis = freshEcho(http, problems);
                out.printf(Locale.ROOT, "IDLE %d connections open in %.1f s; server live heap %s -> %s, RSS %s -> %s;"
                        + " a fresh client's echo took %.1f ms (%.1f ms before)%n", open.size(), seconds,
                        kib(heapBefore), kib(heapAfter), kib(rssBefore), kib(rssAfter), echoMillis, echoBefore);

                long holdUntil = System.nanoTime() + (long) (holdSeconds * 1e9);
                while (System.nanoTime() < holdUntil && responder.closedByServer() == 0) {
                    LockSupport.parkNanos(Math.min(1_000_000_000L, Math.max(1, holdUntil - System.nanoTime())));
                }
                double echoAfterHold = holdSeconds > 0 ? freshEcho(http, problems) : echoMillis;
                if (responder.closedByServer() > 0) {
                    problems.add(responder.closedByServer() + " idle connections were closed by the server");
                }
                String result = String.format(Locale.ROOT,
                        "RESULT idle connections=%d seconds=%.2f connectionsPerSecond=%.0f heapPerConnectionKib=%s"
                                + " rssPerConnectionKib=%s heapBeforeKib=%d heapAfterKib=%d rssBeforeKib=%d"
                                + " rssAfterKib=%d echoBeforeMillis=%.1f echoMillis=%.1f heldSeconds=%.0f pongs=%d"
                                + " closedByServer=%d echoAfterHoldMillis=%.1f",
                        open.size(), seconds, open.size() / seconds, perConnection(heapBefore, heapAfter),
                        perConnection(rssBefore, rssAfter), heapBefore, heapAfter, rssBefore, rssAfter, echoBefore,
                        echoMillis,
                        holdSeconds, responder.pongs(), responder.closedByServer(), echoAfterHold);
                out.println(result);
                if (!problems.isEmpty()) {
                    out.println("IDLE FAILED: " + String.join("; ", problems));
                    return List.of();
                }
                return List.of(result);
            } finally {
                for (RawWebSocket ws : open) {
                    ws.abort();
                }
            }
        } finally {
            http.executor().ifPresent(e -> ((ExecutorService) e).shutdownNow());
        }
    }

    private String perConnection(long before, long after) {
        return before < 0 || after < 0
                ? "NaN"
                : String.format(Locale.ROOT, "%.2f", (after - before) / (double) count);
    }

    private static String kib(long kib) {
        return kib < 0 ? "?" : String.format(Locale.ROOT, "%,d KiB", kib);
    }

    /**
     * Opens {@code n} connections on {@code threads} threads, each joining the room {@code idle}; hands each to the
     * responder when there is one.
     */
    private List<RawWebSocket> openAll(int n, PongResponder responder) throws Exception {
        ConcurrentLinkedQueue<RawWebSocket> opened = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Exception> failures = new ConcurrentLinkedQueue<>();
        AtomicInteger next = new AtomicInteger();
        long deadline = System.nanoTime() + Math.max(60_000L, (long) n * 20) * 1_000_000L; // 20 ms each, 60 s at least
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                while (next.getAndIncrement() < n && failures.isEmpty() && System.nanoTime() < deadline) {
                    try {
                        RawWebSocket ws = RawWebSocket.connect(address, "/bench", timeoutMillis);
                        opened.add(ws);
                        ws.sendText("{\"event\":\"join\",\"data\":\"idle\"}");
                        if (ws.nextTextContaining("\"joined\"") == null) {
                            throw new IOException("closed by the server before it answered the join");
                        }
                        if (responder != null) {
                            responder.hold(ws);
                        }
                    } catch (IOException | RuntimeException e) {
                        failures.add(e);
                    }
                }
            }, "idle-open-" + t);
            worker.start();
            workers.add(worker);
        }
        for (Thread worker : workers) {
            worker.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000) + timeoutMillis);
        }
        if (!failures.isEmpty() || opened.size() < n) {
            opened.forEach(RawWebSocket::abort);
            throw new IllegalStateException("Opened " + opened.size() + " of " + n + " connections"
                    + (failures.isEmpty() ? " in time" : "; first failure: " + failures.peek()), failures.peek());
        }
        return new ArrayList<>(opened);
    }

    /** A new client's echo round trip in ms; NaN (and a problem noted) when it is not answered in time. */
    private double freshEcho(HttpClient http, List<String> problems) {
        URI uri = URI.create("ws://" + address.getHostString() + ":" + address.getPort() + "/bench");
        long start = System.nanoTime();
        Connection c = null;
        try {
            c = Connection.open(http, uri).get(timeoutMillis, TimeUnit.MILLISECONDS);
            CompletableFuture<String> reply = new CompletableFuture<>();
            c.onMessage(reply::complete);
            c.send("{\"event\":\"echo\",\"data\":\"fresh\"}");
            String answer = reply.get(timeoutMillis, TimeUnit.MILLISECONDS);
            if (!answer.contains("\"fresh\"")) {
                problems.add("the fresh client's echo was answered with " + answer);
            }
            return (System.nanoTime() - start) / 1e6;
        } catch (Exception e) {
            problems.add("a fresh client got no echo reply within " + timeoutMillis + " ms: " + e);
            return Double.NaN;
        } finally {
            if (c != null) {
                c.abort();
            }
        }
    }
}
