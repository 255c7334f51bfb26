package org.cdigateway.bench.load;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;

/**
 * The {@code scale} scenario of the {@link LoadGenerator}, in two parts.
 * <ol>
 * <li>{@code scale}: {@code --scale-connections} {@link RoomMember}s (10,000) join one room, at most
 * {@code --scale-handshakes} (64) handshakes at once; after {@code --scale-warmup} unmeasured broadcasts (10), the first
 * member sends one broadcast a second for {@code --scale-seconds} (30), and every member records the latency of each
 * delivery. Prints the deliveries, the missing ones (any fails the scenario), their latency percentiles, the time a
 * broadcast took to reach every member ({@code allDelivered}, its median and maximum), the CPU time the server and
 * this generator spent per broadcast, and the server's live heap and resident memory per member.</li>
 * <li>{@code scale-idle}: idle connections (each joined to the room {@code idle}, then held by a {@link PongResponder}
 * that answers the server's pings) are opened up to {@code --idle-connections} (50,000), and the opening stops at the
 * first failure, which must be an open files limit: this generator's ({@code Too many open files}) or the server's
 * (its count of descriptors at its limit: it cannot accept, so the handshake gets no answer). Then a few hundred are
 * closed, so that both sides have descriptors again, and the server's memory per held connection is measured and a
 * fresh client must still get an echo reply.</li>
 * </ol>
 * Connections to a loopback server come from 127.0.0.2, 127.0.0.3, ... in turn ({@code --source-addresses}, 8), so
 * that one source address's ephemeral ports (about 28,000) are not the limit. Every wait is bounded.
 */
final class Scale {

    private static final int RELEASED = 256;

    private final InetSocketAddress address;
    private final String path;
    private final boolean socketIo;
    private final long serverPid;
    private final int timeoutMillis;
    private final BiFunction<String, String, String> options;
    private final PrintStream out;
    private final BiConsumer<String, Object[]> result;
    private final int concurrency;
    private final List<InetAddress> sources;

    Scale(InetSocketAddress address, String path, boolean socketIo, long serverPid, int timeoutMillis,
            BiFunction<String, String, String> options, PrintStream out, BiConsumer<String, Object[]> result)
            throws IOException {
        this.address = address;
        this.path = path;
        this.socketIo = socketIo;
        this.serverPid = serverPid;
        this.timeoutMillis = timeoutMillis;
        this.options = options;
        this.out = out;
        this.result = result;
        this.concurrency = intOption("scale-handshakes", 64);
        this.sources = Handshakes.sources(address.getAddress(), intOption("source-addresses", 8));
    }

    private int intOption(String name, int fallback) {
        return Integer.parseInt(options.apply(name, Integer.toString(fallback)));
    }

    /** Runs both parts; false when one failed (its RESULT line, or an error line, says why). */
    boolean run() throws Exception {
        long heapBaseline = Measure.settledLiveHeapKib(serverPid);
        long rssBaseline = Measure.rssKib(serverPid);
        long serverFiles = Measure.openFiles(serverPid);
        boolean room = room(heapBaseline, rssBaseline);
        awaitServerFiles(serverFiles);
        boolean idle = idle(heapBaseline, rssBaseline);
        return room && idle;
    }

    /**
     * Waits (30 s at most) until the server has let go of the room's connections: its open files back to
     * {@code before}, within a hundred.
     */
    private void awaitServerFiles(long before) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        long now;
        while ((now = Measure.openFiles(serverPid)) > before + 100 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        if (now > before + 100) {
            out.println("SCALE the server still has " + now + " files open (" + before + " before the room)");
        }
    }

    // one room

    private boolean room(long heapBefore, long rssBefore) throws Exception {
        int n = intOption("scale-connections", 10_000);
        int seconds = intOption("scale-seconds", 30);
        int warmUp = intOption("scale-warmup", 10);
        String padding = "x".repeat(Math.max(0, intOption("payload", 64)));
        List<RoomMember> members = List.of();
        Broadcasts measured;
        long heapAfter;
        long rssAfter;
        double openSeconds;
        double serverCpu;
        double ownCpu;
        try {
            try (MemberReaders readers = new MemberReaders(
                    intOption("fanout-readers", MemberReaders.defaultThreads()), intOption("reader-pause", 200))) {
                long start = System.nanoTime();
                members = RoomMember.joinAll(address, path, socketIo, "scale-room", n, concurrency, timeoutMillis,
                        sources, readers);
                openSeconds = (System.nanoTime() - start) / 1e9;
                heapAfter = Measure.settledLiveHeapKib(serverPid);
                rssAfter = Measure.rssKib(serverPid);
                out.printf(Locale.ROOT, "SCALE %d members joined one room in %.1f s; server live heap %s -> %s, RSS %s"
                        + " -> %s%n", n, openSeconds, kib(heapBefore), kib(heapAfter), kib(rssBefore), kib(rssAfter));
                Broadcasts warm = new Broadcasts(members, warmUp);
                warm.send(padding, 200_000_000L, timeoutMillis);
                if (warm.missing() > 0) {
                    out.println("SCALE the warm-up broadcasts missed " + warm.missing() + " deliveries"
                            + (readers.firstFailure() == null ? "" : "; " + readers.firstFailure()));
                    result.accept("scale", new Object[]{"error", "missed"});
                    return false;
                }
                measured = new Broadcasts(members, seconds);
                serverCpu = Measure.processCpu(serverPid);
                ownCpu = Measure.ownCpu();
                measured.send(padding, 1_000_000_000L, timeoutMillis);
                serverCpu = Measure.processCpu(serverPid) - serverCpu;
                ownCpu = Measure.ownCpu() - ownCpu;
                if (readers.firstFailure() != null) {
                    out.println("SCALE " + readers.closed() + " members closed or failed; " + readers.firstFailure());
                }
            } // the readers have stopped: what they recorded is seen from here
        } finally {
            members.forEach(RoomMember::abort);
        }
        long[] all = measured.latencies();
        long[] slowest = measured.slowestPerBroadcast();
        result.accept("scale", new Object[]{"connections", n, "broadcasts", seconds, "deliveries", all.length,
                "missing", measured.missing(), "p50", Measure.percentileMicros(all, 50), "p99",
                Measure.percentileMicros(all, 99), "p999", Measure.percentileMicros(all, 99.9), "max",
                all.length == 0 ? Double.NaN : all[all.length - 1] / 1000.0, "allDeliveredP50",
                Measure.percentileMicros(slowest, 50), "allDeliveredMax",
                slowest.length == 0 ? Double.NaN : slowest[slowest.length - 1] / 1000.0, "serverCpuMillisPerBroadcast",
                serverCpu * 1000 / seconds, "loadCpuMillisPerBroadcast", ownCpu * 1000 / seconds,
                "heapPerConnectionKib", perConnection(heapBefore, heapAfter, n), "rssPerConnectionKib",
                perConnection(rssBefore, rssAfter, n),
                "heapBeforeKib", heapBefore, "heapAfterKib", heapAfter, "rssBeforeKib", rssBefore, "rssAfterKib",
                rssAfter, "joinSeconds", openSeconds});
        return measured.missing() == 0;
    }

    /**
     * Broadcasts sent by the first member at a fixed interval, and the deliveries to every member: member {@code i}'s
     * {@code k}-th delivery is broadcast {@code k} (a room's broadcasts reach each member in order).
     */
    private final class Broadcasts {

        private final List<RoomMember> members;
        private final int count;
        private final long[][] latencies;
        private final int[] counts;

        Broadcasts(List<RoomMember> members, int count) {
            this.members = members;
            this.count = count;
            this.latencies = new long[members.size()][count];
            this.counts = new int[members.size()];
        }

        /**
         * Sends the broadcasts {@code intervalNanos} apart, then waits up to {@code timeoutMillis} for the last to
         * reach every member; the members record on their readers' threads.
         */
        void send(String padding, long intervalNanos, int timeoutMillis) throws Exception {
            CountDownLatch done = new CountDownLatch(members.size());
            RoomMember.Deliveries record = (member, sent, now) -> {
                int i = member.index;
                int k = counts[i];
                if (k < count) {
                    latencies[i][k] = now - sent;
                    counts[i] = k + 1;
                    if (k + 1 == count) {
                        done.countDown();
                    }
                }
            };
            members.forEach(m -> m.onDelivery(record));
            RoomMember sender = members.get(0);
            long start = System.nanoTime();
            for (int b = 0; b < count; b++) {
                long at = start + b * intervalNanos;
                for (long wait; (wait = at - System.nanoTime()) > 0;) {
                    LockSupport.parkNanos(wait);
                }
                sender.send(RoomMember.frame(socketIo, "broadcast", "{\"room\":\"scale-room\",\"payload\":{\"t\":"
                        + System.nanoTime() + ",\"b\":" + b + ",\"p\":\"" + padding + "\"}}"));
            }
            done.await(timeoutMillis, TimeUnit.MILLISECONDS);
            members.forEach(m -> m.onDelivery(null));
        }

        /** Deliveries that did not come (read once the members' readers are done, or after {@link #send}). */
        long missing() {
            long missing = 0;
            for (int c : counts) {
                missing += count - c;
            }
            return missing;
        }

        /** Every delivery's latency, sorted. */
        long[] latencies() {
            return Measure.merge(latencies, counts);
        }

        /** Per broadcast, the latency of its last delivery (to the slowest member), sorted. */
        long[] slowestPerBroadcast() {
            long[] slowest = new long[count];
            for (int i = 0; i < members.size(); i++) {
                for (int k = 0; k < counts[i]; k++) {
                    slowest[k] = Math.max(slowest[k], latencies[i][k]);
                }
            }
            Arrays.sort(slowest);
            return slowest;
        }
    }

    // idle connections

    /**
     * The idle connections. Their memory is counted from the server's before the first part (the heap after closing
     * the room's members stays a few MiB above it, and the connections opened next fill that first).
     */
    private boolean idle(long heapBefore, long rssBefore) throws Exception {
        int target = intOption("idle-connections", 50_000);
        int handshakeMillis = Math.min(timeoutMillis, 10_000);
        long ownPid = ProcessHandle.current().pid();
        long serverLimit = Measure.openFilesLimit(serverPid);
        long serverBase = Measure.openFiles(serverPid);
        long ownLimit = Measure.openFilesLimit(ownPid);
        out.printf(Locale.ROOT, "SCALE idle: up to %,d connections; open files limit %d on the server (%d open), %d"
                + " here%n", target, serverLimit, serverBase, ownLimit);
        List<RawWebSocket> open = new ArrayList<>();
        try (PongResponder responder = new PongResponder()) {
            try {
                Handshakes.Opened<RawWebSocket> opened = Handshakes.open(target, concurrency,
                        Math.max(120_000L, target * 20L), i -> {
                            RawWebSocket ws = RoomMember.connect(address, path, socketIo, handshakeMillis,
                                    sources.isEmpty() ? null : sources.get(i % sources.size()));
                            try {
                                ws.sendText(RoomMember.frame(socketIo, "join", "\"idle\""));
                                if (ws.nextTextContaining("\"joined\"") == null) {
                                    throw new IOException("Closed by the server before it answered the join");
                                }
                                responder.hold(ws);
                                return ws;
                            } catch (IOException | RuntimeException e) {
                                ws.abort();
                                throw e;
                            }
                        });
                open.addAll(opened.connections());
                int held = open.size();
                Exception failure = opened.failure();
                String stop = stoppedBy(failure, held, serverBase, serverLimit, ownLimit);
                out.printf(Locale.ROOT, "SCALE idle: %,d connections held in %.1f s; %s%n", held, opened.seconds(),
                        stop == null ? "then an unexpected failure: " + failure : stop);
                if (failure != null) { // each side at its limit: make room for jcmd and a fresh client
                    for (int i = 0; i < Math.min(RELEASED, held); i++) {
                        open.remove(open.size() - 1).abort();
                    }
                    Thread.sleep(2000);
                }
                long heapAfter = Measure.settledLiveHeapKib(serverPid);
                long rssAfter = Measure.rssKib(serverPid);
                double echoMillis = freshEcho();
                int n = open.size();
                result.accept("scale-idle", new Object[]{"connections", n, "held", held, "target", target,
                        "heapPerConnectionKib", perConnection(heapBefore, heapAfter, n), "rssPerConnectionKib",
                        perConnection(rssBefore, rssAfter, n), "heapBeforeKib", heapBefore, "heapAfterKib",
                        heapAfter, "rssBeforeKib", rssBefore, "rssAfterKib", rssAfter, "serverFilesLimit",
                        serverLimit, "freshEchoMillis", echoMillis, "closedByServer", responder.closedByServer(),
                        "openSeconds", opened.seconds()});
                if (Double.isNaN(echoMillis)) {
                    out.println("SCALE idle FAILED: no echo reply to a fresh client");
                }
                if (responder.closedByServer() > 0) {
                    out.println("SCALE idle FAILED: " + responder.closedByServer() + " connections closed by the"
                            + " server");
                }
                return stop != null && !Double.isNaN(echoMillis) && responder.closedByServer() == 0;
            } finally {
                open.forEach(RawWebSocket::abort);
            }
        }
    }

    /**
     * Why the opening stopped, when that is expected: the target reached, or an open files limit; null for any other
     * failure. The server failing to accept shows here as a handshake without an answer, or a reset: its limit is
     * told by the count of descriptors it had before plus those held, within the handshakes in progress.
     */
    private static String stoppedBy(Exception failure, int held, long serverBase, long serverLimit, long ownLimit) {
        if (failure == null) {
            return "the target reached";
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (String.valueOf(t.getMessage()).contains("Too many open files")) {
                return "stopped by this generator's open files limit (" + ownLimit + "): " + t.getMessage();
            }
        }
        if (serverLimit > 0 && serverBase >= 0 && serverBase + held + 64 + 16 >= serverLimit) {
            return "stopped by the server's open files limit (" + serverLimit + "; " + serverBase
                    + " open before): " + failure;
        }
        return null;
    }

    /** A new connection's echo round trip in ms, the handshake included; NaN when it is not answered in time. */
    private double freshEcho() {
        long start = System.nanoTime();
        RawWebSocket ws = null;
        try {
            ws = RoomMember.connect(address, path, socketIo, timeoutMillis, null);
            ws.sendText(RoomMember.frame(socketIo, "echo", "\"fresh\""));
            String reply = ws.nextTextContaining("\"fresh\"");
            return reply == null ? Double.NaN : (System.nanoTime() - start) / 1e6;
        } catch (IOException | RuntimeException e) {
            out.println("SCALE a fresh client got no echo reply: " + e);
            return Double.NaN;
        } finally {
            if (ws != null) {
                ws.abort();
            }
        }
    }

    private static double perConnection(long before, long after, int n) {
        return before < 0 || after < 0 || n == 0 ? Double.NaN : (after - before) / (double) n;
    }

    private static String kib(long kib) {
        return kib < 0 ? "?" : String.format(Locale.ROOT, "%,d KiB", kib);
    }
}
