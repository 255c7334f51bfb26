package org.cdigateway.bench.load;

import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.BitSet;
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
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Drives a bench server in its own process and prints one {@code RESULT} line per scenario:
 * <ul>
 * <li>{@code echo}: C connections with W messages in flight each, N replies; throughput and latency. The clients are
 * raw WebSocket connections read by one or two selector threads ({@link RoomMember}), as the fanout's members;
 * {@code --echo-client jdk} makes each a JDK WebSocket client again;</li>
 * <li>{@code ack}: the same with requests that carry an id, each answered by a reply with that id (Socket.IO: an event
 * asking for an acknowledgement, answered by the acknowledgement); a reply with another id, or none, fails it;</li>
 * <li>{@code fanout}: C connections in one room, B broadcasts (a window of them in flight); deliveries/s and
 * delivery latency. The members are raw WebSocket connections read by one or two selector threads
 * ({@link RoomMember}), so that receiving costs this generator far less CPU than the server spends delivering;
 * {@code --fanout-client jdk} makes each a JDK WebSocket client again;</li>
 * <li>{@code connect}: C connections opened, at most 32 handshakes at once; connections/s and the server's resident
 * memory per idle connection.</li>
 * </ul>
 * Echo, ack and fanout first run for {@code --warmup} seconds (default 10) unmeasured, so that both servers are
 * measured compiled. Every loop is bounded in count and in time ({@code --timeout} seconds per scenario). The CPU seconds
 * of the server and of this generator are printed next to each result, to show which of them was the bottleneck, and
 * the server's CPU time per reply or delivery ({@code serverCpuMicros}): what the server spent on each, which a
 * saturated generator leaves out of the rate; the share of that spent in the kernel ({@code serverSystemShare}) and
 * the server's write system calls per reply or delivery ({@code serverWritesPer}, from /proc/PID/io): below 1 when
 * frames leave together.
 */
public final class LoadGenerator {

    private final Map<String, String> options;
    private final URI uri;
    private final long serverPid;
    private final String mode;
    /** Speaks Socket.IO (over WebSocket) to the main namespace instead of the native frames. */
    private final boolean socketIo;
    private final long timeoutSeconds;
    private final HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(2)).build();

    private final PrintStream out;
    private final List<String> results = new ArrayList<>();

    private LoadGenerator(Map<String, String> options, PrintStream out) {
        this.options = options;
        this.out = out;
        this.mode = option("mode", "?");
        this.socketIo = "socketio".equals(mode);
        this.uri = URI.create("ws://127.0.0.1:" + option("port", "8080")
                + (socketIo ? "/socket.io/?EIO=4&transport=websocket" : option("path", "/bench")));
        this.serverPid = Long.parseLong(option("server-pid", "0"));
        this.timeoutSeconds = Long.parseLong(option("timeout", "120"));
    }

    public static void main(String[] args) {
        int status;
        try {
            status = run(System.out, args).isEmpty() ? 1 : 0;
        } catch (Exception | Error e) { // the clients' threads would keep the JVM alive: exit all the same
            e.printStackTrace();
            status = 2;
        }
        System.exit(status);
    }

    /** Runs the scenarios; returns their RESULT lines, or an empty list when one timed out. */
    public static List<String> run(PrintStream out, String... args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        LoadGenerator g = new LoadGenerator(options, out);
        boolean ok = true;
        for (String scenario : g.option("scenarios", "echo,ack,fanout,connect").split(",")) {
            ok &= switch (scenario) {
                case "echo" -> g.echo();
                case "ack" -> g.ack();
                case "fanout" -> g.fanout();
                case "connect" -> g.connect();
                case "scale" -> g.scale();
                default -> throw new IllegalArgumentException("Unknown scenario " + scenario);
            };
        }
        return ok ? List.copyOf(g.results) : List.of();
    }

    private String option(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    private int intOption(String name, int fallback) {
        return Integer.parseInt(option(name, Integer.toString(fallback)));
    }

    private List<Connection> openAll(int count) throws Exception {
        List<Connection> connections = new ArrayList<>();
        Semaphore handshakes = new Semaphore(32);
        List<CompletableFuture<Connection>> pending = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (!handshakes.tryAcquire(timeoutSeconds, TimeUnit.SECONDS)) {
                throw new IllegalStateException("handshakes did not complete within " + timeoutSeconds + " s");
            }
            CompletableFuture<Connection> opening = socketIo
                    ? Connection.openSocketIo(http, uri)
                    : Connection.open(http, uri);
            pending.add(opening.whenComplete((c, e) -> handshakes.release()));
        }
        for (CompletableFuture<Connection> p : pending) {
            connections.add(p.get(timeoutSeconds, TimeUnit.SECONDS));
        }
        return connections;
    }

    private static String payload(int bytes) {
        return "x".repeat(Math.max(0, bytes));
    }

    /** A bounded part of a scenario; null when it timed out. */
    @FunctionalInterface
    private interface Batch {

        long[] run() throws Exception;
    }

    /**
     * Runs batches for {@code --warmup} seconds (at least one batch), so that the server's JIT has compiled its hot
     * path before the measurement: in a cold JVM the compiler threads take a quarter of the server's CPU.
     */
    private void warmUp(Batch batch) throws Exception {
        long end = System.nanoTime() + (long) (Double.parseDouble(option("warmup", "10")) * 1e9);
        do {
            if (batch.run() == null) {
                throw new IllegalStateException("warm-up did not complete within " + timeoutSeconds + " s");
            }
        } while (System.nanoTime() < end);
    }

    /**
     * Warms up, then runs the measured batch and prints its rate ({@code rateName} per second), latency percentiles
     * and the CPU of both processes; false when it timed out.
     */
    private boolean warmUpThenMeasure(String scenario, String rateName, Batch warmUp, Batch measured)
            throws Exception {
        warmUp(warmUp);
        double serverCpu = Measure.processCpu(serverPid);
        double serverSystemCpu = Measure.processSystemCpu(serverPid);
        long serverWrites = Measure.writeCalls(serverPid);
        double ownCpu = Measure.ownCpu();
        long start = System.nanoTime();
        long[] latencies = measured.run();
        if (latencies == null) {
            fail(scenario);
            return false;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double serverCpuSeconds = Measure.processCpu(serverPid) - serverCpu;
        result(scenario, rateName, latencies.length / seconds, "p50", Measure.percentileMicros(latencies, 50), "p99",
                Measure.percentileMicros(latencies, 99), "p999", Measure.percentileMicros(latencies, 99.9),
                "seconds", seconds, "serverCpu", serverCpuSeconds / seconds, "serverCpuMicros",
                serverCpuSeconds * 1e6 / latencies.length, "serverSystemShare",
                (Measure.processSystemCpu(serverPid) - serverSystemCpu) / serverCpuSeconds, "serverWritesPer",
                serverWrites < 0
                        ? Double.NaN
                        : (Measure.writeCalls(serverPid) - serverWrites) / (double) latencies.length,
                "loadCpu", (Measure.ownCpu() - ownCpu) / seconds);
        return true;
    }

    // echo and ack

    private boolean echo() throws Exception {
        return requests("echo", false);
    }

    /**
     * Request and acknowledgement, with the echo's counts. Socket.IO: {@code 42<id>["echo_ack",X]} answered by
     * {@code 43<id>[X]}; native: {@code {"event":"echo","id":<id>,"data":X}} answered by
     * {@code {"event":"echo","data":X,"id":<id>}}. X carries the id too ({@code "i"}), so that each reply is checked to
     * answer the request of its id, once.
     */
    private boolean ack() throws Exception {
        return requests("ack", true);
    }

    private boolean requests(String scenario, boolean ack) throws Exception {
        int connections = intOption("echo-connections", 8);
        int inFlight = intOption("echo-inflight", 16);
        int messages = intOption("echo-messages", 600_000);
        String padding = payload(intOption("payload", 64));
        String client = option("echo-client", ack ? "jdk" : "raw");
        if (client.equals("raw") && !ack) {
            return rawEcho(connections, inFlight, messages, padding);
        }
        if (!client.equals("jdk")) {
            throw new IllegalArgumentException("--echo-client must be raw (echo only) or jdk, not " + client);
        }
        List<Connection> open = openAll(connections);
        try {
            int batch = Math.max(connections * inFlight, messages / 5);
            return warmUpThenMeasure(scenario, "throughput", () -> runRequests(open, inFlight, batch, padding, ack),
                    () -> runRequests(open, inFlight, messages, padding, ack));
        } finally {
            open.forEach(Connection::abort);
        }
    }

    /**
     * Sorted latencies in ns, or null on timeout. With {@code ack}, the requests carry ids and a reply that does not
     * answer an unanswered request of its connection (another id, no id, an error) ends the run with an exception.
     */
    private long[] runRequests(List<Connection> open, int inFlight, int messages, String padding, boolean ack)
            throws Exception {
        int perConnection = messages / open.size();
        int window = Math.min(inFlight, perConnection);
        CountDownLatch done = new CountDownLatch(open.size());
        long[][] latencies = new long[open.size()][perConnection];
        int[] counts = new int[open.size()];
        AtomicInteger wrong = new AtomicInteger();
        AtomicReference<String> firstWrong = new AtomicReference<>();
        AtomicInteger[] ids = new AtomicInteger[open.size()];
        for (int i = 0; i < open.size(); i++) {
            Connection c = open.get(i);
            int index = i;
            AtomicInteger sent = new AtomicInteger();
            AtomicInteger nextId = ids[i] = new AtomicInteger();
            BitSet answered = new BitSet(perConnection); // read and written by this connection's listener only
            c.onMessage(message -> {
                long now = System.nanoTime();
                if (ack) {
                    long id = ackId(message, socketIo);
                    if (id < 0 || id >= perConnection || id != Connection.number(message, "\"i\":")
                            || answered.get((int) id)) {
                        wrong.incrementAndGet();
                        firstWrong.compareAndSet(null, message);
                    } else {
                        answered.set((int) id);
                    }
                }
                int n = counts[index];
                if (n < perConnection) {
                    latencies[index][n] = now - Connection.timestamp(message);
                    counts[index] = n + 1;
                    if (n + 1 == perConnection) {
                        done.countDown();
                    }
                }
                if (sent.getAndIncrement() < perConnection - window) {
                    c.send(requestFrame(padding, ack, nextId)); // one more as each reply comes back, up to the quota
                }
            });
        }
        for (int i = 0; i < open.size(); i++) {
            Connection c = open.get(i);
            for (int w = 0; w < window; w++) {
                c.send(requestFrame(padding, ack, ids[i]));
            }
        }
        if (!done.await(timeoutSeconds, TimeUnit.SECONDS)) {
            return null;
        }
        open.forEach(c -> c.onMessage(m -> {}));
        if (wrong.get() > 0) {
            throw new IllegalStateException(wrong.get() + " replies did not answer a request of their id, the first: "
                    + firstWrong.get());
        }
        return Measure.merge(latencies, counts);
    }

    /**
     * The echo with {@link RoomMember}s for clients, read by {@link MemberReaders} ({@code --echo-readers}, without
     * the pause of the fanout's unless {@code --reader-pause} sets one): a reply is found and timed in the bytes read,
     * and the next request sent from the reader's thread, so that the generator spends far less CPU per reply than
     * with the JDK's client and the server, not the generator, is what runs out of CPU.
     */
    private boolean rawEcho(int connections, int inFlight, int messages, String padding) throws Exception {
        try (MemberReaders readers = new MemberReaders(intOption("echo-readers", MemberReaders.defaultThreads()),
                intOption("reader-pause", 0))) {
            List<RoomMember> open = RoomMember.joinAll(address(), path(), socketIo, null, connections, 32,
                    (int) (timeoutSeconds * 1000), List.of(), readers);
            try {
                int batch = Math.max(connections * inFlight, messages / 5);
                return warmUpThenMeasure("echo", "throughput",
                        () -> runRawEcho(open, readers, inFlight, batch, padding),
                        () -> runRawEcho(open, readers, inFlight, messages, padding));
            } finally {
                open.forEach(RoomMember::abort);
            }
        }
    }

    /** {@link #runRequests} without ids, on {@link RoomMember}s: sorted latencies in ns, or null on timeout. */
    private long[] runRawEcho(List<RoomMember> open, MemberReaders readers, int inFlight, int messages,
            String padding) throws Exception {
        int perConnection = messages / open.size();
        int window = Math.min(inFlight, perConnection);
        CountDownLatch done = new CountDownLatch(open.size());
        long[][] latencies = new long[open.size()][perConnection];
        int[] counts = new int[open.size()]; // each written on its member's reader thread only
        AtomicInteger[] replies = new AtomicInteger[open.size()];
        for (RoomMember m : open) {
            AtomicInteger answered = replies[m.index] = new AtomicInteger();
            m.onDelivery((member, sentNanos, now) -> {
                int index = member.index;
                int n = counts[index];
                if (n < perConnection) {
                    latencies[index][n] = now - sentNanos;
                    counts[index] = n + 1;
                    if (n + 1 == perConnection) {
                        done.countDown();
                    }
                }
                if (answered.getAndIncrement() < perConnection - window) {
                    member.send(requestFrame(padding, false, null)); // one more as each reply comes back
                }
            });
        }
        for (RoomMember m : open) {
            for (int w = 0; w < window; w++) {
                m.send(requestFrame(padding, false, null));
            }
        }
        boolean complete = done.await(timeoutSeconds, TimeUnit.SECONDS);
        open.forEach(m -> m.onDelivery(null));
        if (!complete) {
            out.println("echo: " + done.getCount() + " of " + open.size() + " connections missed replies"
                    + (readers.firstFailure() == null ? "" : "; " + readers.firstFailure()));
            return null;
        }
        return Measure.merge(latencies, counts);
    }

    private String requestFrame(String padding, boolean ack, AtomicInteger ids) {
        if (!ack) {
            return frame(socketIo, "echo", "{\"t\":" + System.nanoTime() + ",\"p\":\"" + padding + "\"}");
        }
        int id = ids.getAndIncrement();
        String data = "{\"i\":" + id + ",\"t\":" + System.nanoTime() + ",\"p\":\"" + padding + "\"}";
        return socketIo
                ? "42" + id + "[\"echo_ack\"," + data + "]"
                : "{\"event\":\"echo\",\"id\":" + id + ",\"data\":" + data + "}";
    }

    /**
     * The id a reply answers: Socket.IO's {@code 43<id>[...]}, or the native reply's {@code "id"}; -1 for anything
     * else.
     */
    static long ackId(String message, boolean socketIo) {
        if (socketIo) {
            return message.startsWith("43") ? Connection.number(message, 2) : -1;
        }
        if (!message.startsWith("{\"event\":\"echo\"")) {
            return -1;
        }
        int at = message.lastIndexOf("\"id\":");
        return at < 0 ? -1 : Connection.number(message, at + 5);
    }

    /** An event in the native frame, or as a Socket.IO event packet. */
    private static String frame(boolean socketIo, String event, String dataJson) {
        return RoomMember.frame(socketIo, event, dataJson);
    }

    // fanout

    /**
     * The room's members are {@link RoomMember}s read by one or two selector threads ({@code --fanout-readers}, which
     * wait {@code --reader-pause} µs, 200, after a round with few members ready: {@link MemberReaders}), unless
     * {@code --fanout-client jdk}: then each is a JDK WebSocket client, which costs this generator about as much CPU
     * per delivery as the server.
     */
    private boolean fanout() throws Exception {
        int connections = intOption("fanout-connections", 200);
        int broadcasts = intOption("fanout-broadcasts", 30000);
        int window = intOption("fanout-window", 8);
        String padding = payload(intOption("payload", 64));
        String client = option("fanout-client", "raw");
        if (client.equals("raw")) {
            return rawFanout(connections, broadcasts, window, padding);
        }
        if (!client.equals("jdk")) {
            throw new IllegalArgumentException("--fanout-client must be raw or jdk, not " + client);
        }
        List<Connection> open = openAll(connections);
        try {
            join(open, "bench-room");
            int batch = Math.max(window, broadcasts / 5);
            return warmUpThenMeasure("fanout", "deliveries", () -> runFanout(open, batch, window, padding),
                    () -> runFanout(open, broadcasts, window, padding));
        } finally {
            open.forEach(Connection::abort);
        }
    }

    private void join(List<Connection> open, String room) throws Exception {
        CountDownLatch joined = new CountDownLatch(open.size());
        for (Connection c : open) {
            c.onMessage(m -> {
                if (m.contains("\"joined\"")) {
                    joined.countDown();
                }
            });
            c.send(frame(socketIo, "join", "\"" + room + "\""));
        }
        if (!joined.await(timeoutSeconds, TimeUnit.SECONDS)) {
            throw new IllegalStateException("not every connection joined within " + timeoutSeconds + " s");
        }
    }

    private long[] runFanout(List<Connection> open, int broadcasts, int window, String padding) throws Exception {
        CountDownLatch done = new CountDownLatch(open.size());
        long[][] latencies = new long[open.size()][broadcasts];
        int[] counts = new int[open.size()];
        Connection sender = open.get(0);
        AtomicLong sent = new AtomicLong();
        for (int i = 0; i < open.size(); i++) {
            Connection c = open.get(i);
            int index = i;
            c.onMessage(message -> {
                long now = System.nanoTime();
                int n = counts[index];
                if (n < broadcasts) {
                    latencies[index][n] = now - Connection.timestamp(message);
                    counts[index] = n + 1;
                    if (n + 1 == broadcasts) {
                        done.countDown();
                    }
                }
                if (c == sender && sent.getAndIncrement() < broadcasts - window) {
                    sender.send(broadcastFrame(padding, socketIo)); // one more as each of its own comes back
                }
            });
        }
        for (int w = 0; w < Math.min(window, broadcasts); w++) {
            sender.send(broadcastFrame(padding, socketIo));
        }
        if (!done.await(timeoutSeconds, TimeUnit.SECONDS)) {
            return null;
        }
        open.forEach(c -> c.onMessage(m -> {}));
        return Measure.merge(latencies, counts);
    }

    private boolean rawFanout(int connections, int broadcasts, int window, String padding) throws Exception {
        try (MemberReaders readers = new MemberReaders(intOption("fanout-readers", MemberReaders.defaultThreads()),
                intOption("reader-pause", 200))) {
            List<RoomMember> members = RoomMember.joinAll(address(), path(), socketIo, "bench-room", connections, 32,
                    (int) (timeoutSeconds * 1000), List.of(), readers);
            try {
                int batch = Math.max(window, broadcasts / 5);
                return warmUpThenMeasure("fanout", "deliveries",
                        () -> runRawFanout(members, readers, batch, window, padding),
                        () -> runRawFanout(members, readers, broadcasts, window, padding));
            } finally {
                members.forEach(RoomMember::abort);
            }
        }
    }

    /**
     * {@link #runFanout} with {@link RoomMember}s: the first sends the broadcasts, the window of them in flight, and
     * each member records the latency of each delivery on its reader's thread. The window is the sender's: the sender
     * also waits while another member trails it by {@code --fanout-max-lag} frames (1,024; 0: never), so that a member
     * the server serves later than the sender (another I/O thread of the server, on a busy core) is not left thousands
     * of frames behind, which a gateway's slow-consumer bound (4,096 frames) closes, as it should.
     */
    private long[] runRawFanout(List<RoomMember> members, MemberReaders readers, int broadcasts, int window,
            String padding) throws Exception {
        CountDownLatch done = new CountDownLatch(members.size());
        long[][] latencies = new long[members.size()][broadcasts];
        int[] counts = new int[members.size()];
        RoomMember sender = members.get(0);
        boolean holdSends = sendsTogether();
        int maxLag = intOption("fanout-max-lag", 1024);
        AtomicLong sent = new AtomicLong();
        AtomicInteger owed = new AtomicInteger(); // broadcasts held back while a member trailed
        AtomicInteger holds = new AtomicInteger();
        RoomMember.Deliveries record = (member, sentNanos, now) -> {
            int index = member.index;
            int n = counts[index];
            if (n < broadcasts) {
                latencies[index][n] = now - sentNanos;
                counts[index] = n + 1;
                if (n + 1 == broadcasts) {
                    done.countDown();
                }
            }
            if (member == sender && sent.getAndIncrement() < broadcasts - window) {
                // one more as each of its own comes back, unless a member trails the sender by maxLag frames
                if (maxLag > 0 && trailing(counts, n + 1 - maxLag)) {
                    owed.incrementAndGet();
                    holds.incrementAndGet();
                } else {
                    sender.send(broadcastFrame(padding, socketIo));
                }
            }
            if (owed.get() > 0 && !trailing(counts, counts[sender.index] - maxLag)) {
                for (int k = owed.get(); k > 0; k = owed.get()) {
                    if (owed.compareAndSet(k, k - 1)) {
                        sender.send(broadcastFrame(padding, socketIo));
                    }
                }
            }
        };
        members.forEach(m -> m.onDelivery(record));
        sender.holdSends(holdSends);
        List<String> first = new ArrayList<>();
        for (int w = 0; w < Math.min(window, broadcasts); w++) {
            first.add(broadcastFrame(padding, socketIo));
        }
        if (holdSends) {
            sender.sendAll(first);
        } else {
            for (String text : first) {
                sender.send(text);
            }
        }
        boolean complete = done.await(timeoutSeconds, TimeUnit.SECONDS);
        members.forEach(m -> m.onDelivery(null));
        sender.holdSends(false);
        if (holds.get() > 0) {
            out.println("fanout: the sender waited " + holds.get() + " times for a member " + maxLag
                    + " frames behind it");
        }
        if (!complete) {
            out.println("fanout: " + done.getCount() + " of " + members.size() + " members missed deliveries"
                    + (readers.firstFailure() == null ? "" : "; " + readers.firstFailure()));
            return null;
        }
        return Measure.merge(latencies, counts);
    }

    /** Whether a member has fewer than {@code floor} deliveries (read without a lock: a sign, not a count). */
    private static boolean trailing(int[] counts, int floor) {
        for (int count : counts) {
            if (count < floor) {
                return true;
            }
        }
        return false;
    }

    /** {@code --fanout-sends}: together (default) or apart. */
    private boolean sendsTogether() {
        String sends = option("fanout-sends", "together");
        return switch (sends) {
            case "together" -> true;
            case "apart" -> false;
            default -> throw new IllegalArgumentException("--fanout-sends must be together or apart, not " + sends);
        };
    }

    private InetSocketAddress address() {
        return new InetSocketAddress(uri.getHost(), uri.getPort());
    }

    /** The path of {@link #uri}, with its query. */
    private String path() {
        return uri.getRawQuery() == null ? uri.getRawPath() : uri.getRawPath() + "?" + uri.getRawQuery();
    }

    private static String broadcastFrame(String padding, boolean socketIo) {
        return frame(socketIo, "broadcast", "{\"room\":\"bench-room\",\"payload\":{\"t\":" + System.nanoTime()
                + ",\"p\":\"" + padding + "\"}}");
    }

    // connect

    /**
     * Opens idle connections. The server's memory per connection is measured twice: its live heap after a full
     * collection (jcmd), and its resident memory (which, with the heap pre-touched, is the native part: socket
     * buffers, thread-local and direct buffers).
     */
    private boolean connect() throws Exception {
        int connections = intOption("connect-count", 2000);
        List<Connection> warm = openAll(Math.min(200, connections));
        warm.forEach(Connection::abort);
        long rssBefore = Measure.rssKib(serverPid);
        long heapBefore = Measure.liveHeapKib(serverPid);
        double serverCpu = Measure.processCpu(serverPid);
        double ownCpu = Measure.ownCpu();
        long start = System.nanoTime();
        List<Connection> open = openAll(connections);
        double seconds = (System.nanoTime() - start) / 1e9;
        try {
            // every connection answers once, so the server has finished setting each one up
            join(open, "idle");
            long rssAfter = Measure.rssKib(serverPid);
            long heapAfter = Measure.liveHeapKib(serverPid);
            result("connect", "connectionsPerSecond", connections / seconds, "rssPerConnectionKib",
                    rssBefore < 0 ? Double.NaN : (rssAfter - rssBefore) / (double) connections,
                    "heapPerConnectionKib",
                    heapBefore < 0 ? Double.NaN : (heapAfter - heapBefore) / (double) connections,
                    "seconds", seconds,
                    "serverCpu", (Measure.processCpu(serverPid) - serverCpu) / seconds, "loadCpu",
                    (Measure.ownCpu() - ownCpu) / seconds);
            return true;
        } finally {
            open.forEach(Connection::abort);
        }
    }

    // scale

    /** Many members in one room, then as many idle connections as the open files limits allow: {@link Scale}. */
    private boolean scale() throws Exception {
        return new Scale(address(), path(), socketIo, serverPid, (int) (timeoutSeconds * 1000), this::option, out,
                this::result).run();
    }

    private void result(String scenario, Object... metrics) {
        StringBuilder sb = new StringBuilder("RESULT ").append(mode).append(' ').append(scenario);
        for (int i = 0; i < metrics.length; i += 2) {
            sb.append(' ').append(metrics[i]).append('=');
            Object v = metrics[i + 1];
            sb.append(v instanceof Double d ? String.format(Locale.ROOT, "%.2f", d) : v);
        }
        results.add(sb.toString());
        out.println(sb);
    }

    private void fail(String scenario) {
        out.println("RESULT " + mode + " " + scenario + " error=timeout");
    }
}
