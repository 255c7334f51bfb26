package org.cdigateway.bench.load;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Soaks the soak server ({@code BenchServer --mode soak}): many short connections, each connecting, joining a room,
 * emitting to it and receiving its own emit, then ending one of several ways, some of them abrupt. Afterwards it
 * asks the server's {@code /soak-admin} gateway for its counters and checks that nothing outlived its connection;
 * given the server's pid, it also compares the server's live heap after warm-up with the one at the end.
 *
 * <p>
 * How cycle {@code i} ends depends on {@code i % 20}:
 * <ul>
 * <li>0, 10: a TCP reset, no close frame ({@code reset}: every 10th connection);</li>
 * <li>5: a reset while an endless streamed reply runs ({@code stream-reset});</li>
 * <li>15: a close frame while an endless streamed reply runs ({@code stream-close});</li>
 * <li>9: a short streamed reply to its end, then a close frame ({@code stream-end});</li>
 * <li>19: an endless streamed reply cancelled by a cancel frame, then a close frame ({@code stream-cancel});</li>
 * <li>7: a reset right after sending a join, an emit and a stream request, before any answer
 * ({@code reset-unanswered});</li>
 * <li>17: the same with a close frame ({@code close-unanswered});</li>
 * <li>3: a reset halfway through the handshake request ({@code handshake-half});</li>
 * <li>13: a reset right after the whole handshake request, its response unread ({@code handshake-unread});</li>
 * <li>any other: a close frame ({@code clean}).</li>
 * </ul>
 * {@code --skip kind,...} runs {@code clean} cycles instead of those kinds. Every wait is bounded by
 * {@code --timeout} seconds, and the whole run by {@code --max-seconds}.
 */
public final class SoakDriver {

    /** How a cycle ends. */
    enum Kind {

        CLEAN, RESET, STREAM_RESET, STREAM_CLOSE, STREAM_END, STREAM_CANCEL, RESET_UNANSWERED, CLOSE_UNANSWERED, HANDSHAKE_HALF, HANDSHAKE_UNREAD;

        String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        static Kind of(String label) {
            return valueOf(label.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        }

        static Kind forCycle(int i) {
            return switch (i % 20) {
                case 0, 10 -> RESET;
                case 5 -> STREAM_RESET;
                case 15 -> STREAM_CLOSE;
                case 9 -> STREAM_END;
                case 19 -> STREAM_CANCEL;
                case 7 -> RESET_UNANSWERED;
                case 17 -> CLOSE_UNANSWERED;
                case 3 -> HANDSHAKE_HALF;
                case 13 -> HANDSHAKE_UNREAD;
                default -> CLEAN;
            };
        }
    }

    /** The counters that must be 0 after a soak. */
    static final List<String> MUST_BE_ZERO = List.of("clients", "rooms", "activeStreams", "streamsLeftAtDisconnect",
            "openSubscriptions", "liveConnectionScoped", "liveRequestScoped");

    private static final Pattern NUMBER = Pattern.compile("\"(\\w+)\":(-?\\d+)");

    private final InetSocketAddress address;
    private final long serverPid;
    private final int cycles;
    private final int warmUp;
    private final int threads;
    private final int rooms;
    private final int timeoutMillis;
    private final long deadline;
    private final double heapTolerance;
    private final Set<Kind> skipped;
    private final PrintStream out;

    private final AtomicInteger next = new AtomicInteger();
    private final AtomicLongArray done = new AtomicLongArray(Kind.values().length);
    private final AtomicLong handshakes = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final ConcurrentLinkedQueue<String> failureMessages = new ConcurrentLinkedQueue<>();

    /** What a soak found: the server's counters at the end, and every check that failed. */
    public record Result(Map<String, Long> counters, List<String> problems) {}

    private SoakDriver(Map<String, String> o, PrintStream out) {
        this.out = out;
        this.address = new InetSocketAddress(o.getOrDefault("host", "127.0.0.1"),
                Integer.parseInt(o.getOrDefault("port", "8080")));
        this.serverPid = Long.parseLong(o.getOrDefault("server-pid", "0"));
        this.cycles = Integer.parseInt(o.getOrDefault("cycles", "100000"));
        this.warmUp = Math.min(cycles, Integer.parseInt(o.getOrDefault("warmup", "5000")));
        this.threads = Integer.parseInt(o.getOrDefault("threads", "8"));
        this.rooms = Integer.parseInt(o.getOrDefault("rooms", "16"));
        this.timeoutMillis = (int) (Double.parseDouble(o.getOrDefault("timeout", "20")) * 1000);
        this.deadline = System.nanoTime() + (long) (Double.parseDouble(o.getOrDefault("max-seconds", "1800")) * 1e9);
        this.heapTolerance = Double.parseDouble(o.getOrDefault("heap-tolerance", "5"));
        String skip = o.getOrDefault("skip", "");
        this.skipped = skip.isBlank()
                ? Set.of()
                : Arrays.stream(skip.split(",")).map(Kind::of).collect(Collectors.toUnmodifiableSet());
    }

    public static void main(String[] args) throws Exception {
        Result result = run(System.out, args);
        System.exit(result.problems().isEmpty() ? 0 : 1);
    }

    /** Runs a soak with {@code --name value} options (see the class comment); prints its figures. */
    public static Result run(PrintStream out, String... args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        return new SoakDriver(options, out).soak();
    }

    private Result soak() throws Exception {
        List<String> problems = new ArrayList<>();
        long connectionsBefore = stats().getOrDefault("connections", 0L); // of earlier soaks of the same server
        long start = System.nanoTime();
        runCycles(warmUp);
        Map<String, Long> warm = settle();
        long heapWarm = Measure.settledLiveHeapKib(serverPid);
        long objectsWarm = Measure.liveObjectsKib(serverPid);
        long rssWarm = Measure.rssKib(serverPid);
        double warmSeconds = (System.nanoTime() - start) / 1e9;
        out.printf(Locale.ROOT, "SOAK warm-up: %d cycles in %.1f s; server live heap %s, RSS %s%n", warmUp,
                warmSeconds, kib(heapWarm), kib(rssWarm));

        long measured = System.nanoTime();
        runCycles(cycles);
        double seconds = (System.nanoTime() - start) / 1e9;
        double measuredSeconds = (System.nanoTime() - measured) / 1e9;
        Map<String, Long> end = settle();
        long heapEnd = Measure.settledLiveHeapKib(serverPid);
        long objectsEnd = Measure.liveObjectsKib(serverPid);
        long rssEnd = Measure.rssKib(serverPid);

        long ran = failures.get();
        for (Kind k : Kind.values()) {
            ran += done.get(k.ordinal());
        }
        StringBuilder kinds = new StringBuilder();
        for (Kind k : Kind.values()) {
            kinds.append(' ').append(k.label()).append('=').append(done.get(k.ordinal()));
        }
        out.printf(Locale.ROOT, "SOAK %d cycles in %.1f s (%.0f/s after warm-up), %d threads, %d failed;%s%n", ran,
                seconds, (ran - warmUp) / measuredSeconds, threads, failures.get(), kinds);
        out.println("SOAK server after the warm-up: " + warm);
        out.println("SOAK server at the end:       " + end);
        if (heapWarm > 0 && heapEnd > 0) {
            double change = 100.0 * (heapEnd - heapWarm) / heapWarm;
            out.printf(Locale.ROOT, "SOAK live heap after full GCs: %s after the warm-up, %s at the end (%+.1f %%);"
                    + " reachable objects %s, %s; RSS %s, %s%n", kib(heapWarm), kib(heapEnd), change,
                    kib(objectsWarm), kib(objectsEnd), kib(rssWarm), kib(rssEnd));
            if (heapTolerance > 0 && Math.abs(change) > heapTolerance) {
                problems.add(String.format(Locale.ROOT, "the live heap changed by %+.1f %% (more than ±%.0f %%)",
                        change, heapTolerance));
            }
        } else {
            out.println("SOAK live heap not measured (no --server-pid, or jcmd failed)");
        }

        if (ran < cycles) {
            problems.add("only " + ran + " of " + cycles + " cycles ran within --max-seconds");
        }
        if (failures.get() > 0) {
            problems.add(failures.get() + " cycles failed, for instance: " + List.copyOf(failureMessages));
        }
        for (String name : MUST_BE_ZERO) {
            if (end.getOrDefault(name, -1L) != 0) {
                problems.add(name + " is " + end.get(name) + ", not 0");
            }
        }
        long connections = end.getOrDefault("connections", -1L);
        if (connections != end.getOrDefault("disconnections", -2L)) {
            problems.add("handleConnection ran " + connections + " times but handleDisconnect "
                    + end.get("disconnections") + " times");
        }
        long unread = done.get(Kind.HANDSHAKE_UNREAD.ordinal());
        long connected = connections - connectionsBefore;
        if (connected < handshakes.get() || connected > handshakes.get() + unread) {
            problems.add("handleConnection ran " + connected + " times for " + handshakes.get()
                    + " completed handshakes (and " + unread + " unread)");
        }
        out.println(problems.isEmpty() ? "SOAK passed" : "SOAK FAILED: " + String.join("; ", problems));
        return new Result(end, List.copyOf(problems));
    }

    private static String kib(long kib) {
        return kib < 0 ? "?" : String.format(Locale.ROOT, "%,d KiB", kib);
    }

    /** Runs cycles on {@code threads} threads until {@code limit} cycles have started (or time is up). */
    private void runCycles(int limit) throws InterruptedException {
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                int i;
                while ((i = next.getAndIncrement()) < limit && System.nanoTime() < deadline
                        && failures.get() < 100) {
                    Kind kind = Kind.forCycle(i);
                    if (skipped.contains(kind)) {
                        kind = Kind.CLEAN;
                    }
                    try {
                        cycle(i, kind);
                        done.incrementAndGet(kind.ordinal());
                    } catch (IOException | RuntimeException e) {
                        failures.incrementAndGet();
                        if (failureMessages.size() < 5) {
                            failureMessages.add("cycle " + i + " (" + kind.label() + "): " + e);
                        }
                    }
                }
                next.updateAndGet(n -> Math.min(n, limit)); // the next phase starts at the limit
            }, "soak-" + t);
            worker.start();
            workers.add(worker);
        }
        for (Thread worker : workers) {
            long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000) + timeoutMillis * 4L;
            worker.join(left);
        }
    }

    private void cycle(int i, Kind kind) throws IOException {
        if (kind == Kind.HANDSHAKE_HALF || kind == Kind.HANDSHAKE_UNREAD) {
            RawWebSocket ws = RawWebSocket.open(address, timeoutMillis);
            byte[] request = RawWebSocket.upgradeRequest(address, "/soak", RawWebSocket.key());
            ws.sendRaw(kind == Kind.HANDSHAKE_HALF ? Arrays.copyOf(request, request.length / 2) : request);
            ws.abort();
            return;
        }
        RawWebSocket ws = RawWebSocket.connect(address, "/soak", timeoutMillis);
        handshakes.incrementAndGet();
        try {
            String room = "room-" + (i % rooms);
            if (kind == Kind.RESET_UNANSWERED || kind == Kind.CLOSE_UNANSWERED) {
                ws.sendText("{\"event\":\"join\",\"data\":\"" + room + "\"}");
                ws.sendText("{\"event\":\"say\",\"data\":{\"room\":\"" + room + "\",\"text\":\"c" + i + "\"}}");
                ws.sendText(tokens(i, 0, 5));
                if (kind == Kind.RESET_UNANSWERED) {
                    ws.abort();
                } else {
                    ws.close();
                }
                return;
            }
            ws.sendText("{\"event\":\"join\",\"data\":\"" + room + "\"}");
            expect(ws, "\"joined\"");
            say(ws, room, "c" + i);
            String id = "\"id\":\"s" + i + "\"";
            switch (kind) {
                case CLEAN -> ws.close();
                case RESET -> ws.abort();
                case STREAM_RESET, STREAM_CLOSE -> {
                    ws.sendText(tokens(i, 0, 5));
                    expect(ws, id);
                    if (kind == Kind.STREAM_RESET) {
                        ws.abort();
                    } else {
                        ws.close();
                    }
                }
                case STREAM_END -> {
                    ws.sendText(tokens(i, 3, 1));
                    expect(ws, id + ",\"end\":true");
                    ws.close();
                }
                case STREAM_CANCEL -> {
                    ws.sendText(tokens(i, 0, 5));
                    expect(ws, id);
                    ws.sendText("{\"event\":\"tokens\"," + id + ",\"cancel\":true}");
                    say(ws, room, "after-cancel-" + i); // handled after the cancel: messages run in order
                    ws.close();
                }
                default -> throw new IllegalStateException(kind.toString());
            }
        } catch (IOException | RuntimeException e) {
            ws.abort();
            throw e;
        }
    }

    private static String tokens(int i, int count, int everyMillis) {
        return "{\"event\":\"tokens\",\"data\":{\"count\":" + count + ",\"everyMillis\":" + everyMillis
                + "},\"id\":\"s" + i + "\"}";
    }

    /** Emits {@code text} to the room and waits for it to come back. */
    private static void say(RawWebSocket ws, String room, String text) throws IOException {
        ws.sendText("{\"event\":\"say\",\"data\":{\"room\":\"" + room + "\",\"text\":\"" + text + "\"}}");
        expect(ws, "\"data\":\"" + text + "\"");
    }

    private static void expect(RawWebSocket ws, String marker) throws IOException {
        if (ws.nextTextContaining(marker) == null) {
            throw new IOException("closed by the server while waiting for " + marker);
        }
    }

    /**
     * Waits (at most {@code --timeout}) until the server has seen every connection end, then returns its counters;
     * those of the last attempt if it never settles.
     */
    private Map<String, Long> settle() throws IOException {
        long until = System.nanoTime() + timeoutMillis * 1_000_000L;
        Map<String, Long> stats = stats();
        while (!settled(stats) && System.nanoTime() < until) {
            LockSupport.parkNanos(100_000_000);
            stats = stats();
        }
        return stats;
    }

    private static boolean settled(Map<String, Long> stats) {
        for (String name : MUST_BE_ZERO) {
            if (stats.getOrDefault(name, -1L) != 0) {
                return false;
            }
        }
        return stats.getOrDefault("connections", -1L).equals(stats.getOrDefault("disconnections", -2L));
    }

    /** The soak server's counters, from its admin gateway. */
    Map<String, Long> stats() throws IOException {
        try (RawWebSocket admin = RawWebSocket.connect(address, "/soak-admin", timeoutMillis)) {
            admin.sendText("{\"event\":\"stats\",\"id\":1}");
            String reply = admin.nextTextContaining("\"stats\"");
            if (reply == null) {
                throw new IOException("The admin gateway closed without answering");
            }
            Map<String, Long> stats = new LinkedHashMap<>();
            int data = reply.indexOf("\"data\":{");
            Matcher m = NUMBER.matcher(reply.substring(Math.max(0, data), reply.indexOf('}', Math.max(0, data))));
            while (m.find()) {
                stats.put(m.group(1), Long.parseLong(m.group(2)));
            }
            return stats;
        }
    }
}
