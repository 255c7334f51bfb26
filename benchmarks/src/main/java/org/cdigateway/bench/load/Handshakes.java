package org.cdigateway.bench.load;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Opens blocking connections a bounded number at a time, each on one of as many threads, and stops at the first
 * failure: what was opened is kept, with the failure, for the caller to judge.
 */
final class Handshakes {

    private Handshakes() {}

    /** Opens the connection of an index. */
    @FunctionalInterface
    interface Open<T> {

        T open(int index) throws Exception;
    }

    /** The connections opened, in the order of their indexes, and the first failure (null when none). */
    record Opened<T>(List<T> connections, Exception failure, double seconds) {}

    /**
     * Opens connections 0 to {@code count - 1}, {@code concurrency} at a time, until one fails or {@code timeoutMillis}
     * have passed (a failure too); those in progress then finish, and count when they succeed.
     */
    static <T> Opened<T> open(int count, int concurrency, long timeoutMillis, Open<T> open)
            throws InterruptedException {
        AtomicReferenceArray<T> opened = new AtomicReferenceArray<>(count);
        AtomicReference<Exception> failure = new AtomicReference<>();
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime();
        long deadline = start + timeoutMillis * 1_000_000L;
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < Math.min(concurrency, count); t++) {
            Thread worker = new Thread(() -> {
                int i;
                while (failure.get() == null && (i = next.getAndIncrement()) < count) {
                    if (System.nanoTime() - deadline > 0) {
                        failure.compareAndSet(null, new IllegalStateException(
                                "Not all " + count + " connections opened within " + timeoutMillis + " ms"));
                        return;
                    }
                    try {
                        opened.set(i, open.open(i));
                    } catch (Exception e) {
                        failure.compareAndSet(null, e);
                    }
                }
            }, "handshake-" + t);
            worker.setDaemon(true);
            worker.start();
            workers.add(worker);
        }
        for (Thread worker : workers) {
            worker.join();
        }
        List<T> connections = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            T c = opened.get(i);
            if (c != null) {
                connections.add(c);
            }
        }
        return new Opened<>(connections, failure.get(), (System.nanoTime() - start) / 1e9);
    }

    /**
     * The local addresses to connect from to {@code target}: when it is a loopback address, 127.0.0.2 and the
     * {@code count - 1} next ones (each has its own ephemeral ports: one has about 28,000), else only null (the
     * system's choice).
     */
    static List<InetAddress> sources(InetAddress target, int count) throws UnknownHostException {
        List<InetAddress> sources = new ArrayList<>();
        if (!target.isLoopbackAddress() || target.getAddress().length != 4) {
            sources.add(null);
            return sources;
        }
        for (int i = 0; i < count; i++) {
            sources.add(InetAddress.getByAddress(new byte[]{127, 0, 0, (byte) (2 + i)}));
        }
        return sources;
    }
}
