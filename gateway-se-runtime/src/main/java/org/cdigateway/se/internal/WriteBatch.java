package org.cdigateway.se.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The frames written while a thread handles the bytes of one read: each connection's leave together, in one write,
 * when those messages are handled, instead of one write (and one system call) per frame. A burst of broadcasts read
 * at once reaches each member as one write of several frames; the member reads them with one read.
 *
 * <p>
 * Bounded: a connection's frames leave at once past {@value #MAX_BYTES} bytes; a batch is written by its thread once it
 * holds {@value #MAX_WRITERS} connections or is {@link #MAX_BUSY_NANOS} old while that thread keeps writing (a burst of
 * broadcasts to a large room: each member then gets the burst's frames in one write instead of one write per frame), and
 * by a watchdog thread once it is {@link #MAX_DELAY_NANOS} old while its thread stopped writing (a handler that blocks,
 * or computes, after it sent). Frames written by threads that are not reading (application threads, timers) leave at
 * once, unless frames of that connection are already waiting (then behind them, in order).
 *
 * <p>
 * {@code -Dcdigateway.write-batching=false} turns it off (read when the runtime starts).
 */
final class WriteBatch {

    /** The system property that turns batching off. */
    static final String SWITCH = "cdigateway.write-batching";
    /** How long a frame waits in a batch, at most, once its thread stopped writing (about; the watchdog ticks). */
    static final long MAX_DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /** The longest a frame waits in a batch while its thread keeps writing. */
    static final long MAX_BUSY_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    /** A batch is written by its thread before it takes one more connection past this many. */
    static final int MAX_WRITERS = 1024;
    /** A connection's frames are written at once when this many bytes wait. */
    static final int MAX_BYTES = 64 * 1024;

    private static final Logger LOG = Logger.getLogger(WriteBatch.class.getName());
    private static final ThreadLocal<WriteBatch> CURRENT = new ThreadLocal<>();
    /** The batches of every thread that reads, for the watchdog. */
    private static final Set<WriteBatch> ALL = ConcurrentHashMap.newKeySet();

    private final Thread owner;
    /** Whether the owner is handling a read; only the owner reads and writes it. */
    private boolean open;
    /** The writers with frames waiting; guarded by this. */
    private final ArrayList<TransportWriter> writers = new ArrayList<>();
    /** When the first frame of this batch came, or 0 when none waits. */
    private volatile long since;
    /** Frames added, counted by the owner (through ACTIVITY, opaque: only a sign of life for the watchdog). */
    @SuppressWarnings("unused")
    private long activity;
    /** {@link #activity} as the watchdog saw it last; only the watchdog reads and writes it. */
    private long seenActivity;

    private static final VarHandle ACTIVITY;

    static {
        try {
            ACTIVITY = MethodHandles.lookup().findVarHandle(WriteBatch.class, "activity", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private WriteBatch(Thread owner) {
        this.owner = owner;
    }

    /** Whether batching is on (the system property). */
    static boolean enabled() {
        return !"false".equalsIgnoreCase(System.getProperty(SWITCH, "true").strip());
    }

    /**
     * Opens the calling thread's batch, or returns null when it is open already (the outer call closes it). The caller
     * closes what it opened, in a finally block.
     */
    static WriteBatch open() {
        WriteBatch batch = CURRENT.get();
        if (batch == null) {
            batch = new WriteBatch(Thread.currentThread());
            CURRENT.set(batch);
            ALL.add(batch);
            Watchdog.start();
        }
        if (batch.open) {
            return null;
        }
        batch.open = true;
        return batch;
    }

    /** The calling thread's open batch, or null. */
    static WriteBatch current() {
        WriteBatch batch = CURRENT.get();
        return batch != null && batch.open ? batch : null;
    }

    /** Ends the read: writes every connection's waiting frames. */
    void close() {
        open = false;
        flush();
    }

    /**
     * A writer got its first waiting frame in this batch. Returns true when the batch is to be written now, by the
     * caller once it released its writer's lock: when it holds {@value #MAX_WRITERS} connections or is older than
     * {@link #MAX_BUSY_NANOS}. So a thread busy writing (a broadcast to a large room) keeps that bound itself, and the
     * watchdog, which a busy core may not run in time, is left the batches of threads that stopped writing.
     */
    boolean add(TransportWriter writer) {
        boolean first;
        boolean due;
        synchronized (this) {
            first = writers.isEmpty();
            writers.add(writer);
            long now = System.nanoTime();
            if (first) {
                since = now;
            }
            due = writers.size() >= MAX_WRITERS || now - since >= MAX_BUSY_NANOS;
        }
        touch();
        if (first) {
            Watchdog.watch();
        }
        return due;
    }

    /** One more frame waits in this batch (the owner's thread): it is still writing. */
    void touch() {
        ACTIVITY.setOpaque(this, (long) ACTIVITY.getOpaque(this) + 1);
    }

    /**
     * Whether the watchdog may write this batch, {@code age} nanoseconds old, now: past {@link #MAX_BUSY_NANOS}, or
     * past {@link #MAX_DELAY_NANOS} if its thread added no frame since the watchdog looked last.
     */
    boolean dueForWatchdog(long age) {
        long seen = (long) ACTIVITY.getOpaque(this);
        boolean writing = seen != seenActivity;
        seenActivity = seen;
        return age >= MAX_BUSY_NANOS || (age >= MAX_DELAY_NANOS && !writing);
    }

    /** Writes the waiting frames of every writer of this batch (the owner's thread, or the watchdog's). */
    void flush() {
        TransportWriter[] waiting;
        synchronized (this) {
            if (writers.isEmpty()) {
                return;
            }
            waiting = writers.toArray(new TransportWriter[0]);
            writers.clear();
            since = 0;
        }
        for (TransportWriter writer : waiting) {
            try {
                writer.flush();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Writing a connection's frames failed", e);
            }
        }
    }

    /**
     * Writes the batches open longer than {@link #MAX_DELAY_NANOS}. Ticks while batches are used, sleeps after a
     * second without any and is woken by the next.
     */
    private static final class Watchdog implements Runnable {

        private static final long TICK_NANOS = MAX_DELAY_NANOS / 2;
        private static final int IDLE_TICKS = (int) (TimeUnit.SECONDS.toNanos(1) / TICK_NANOS);
        private static volatile Thread thread;
        private static volatile boolean asleep;

        static synchronized void start() {
            if (thread == null) {
                Thread t = new Thread(new Watchdog(), "cdigateway-write-batches");
                t.setDaemon(true);
                thread = t;
                t.start();
            }
        }

        static void watch() {
            if (asleep) {
                asleep = false;
                LockSupport.unpark(thread);
            }
        }

        @Override
        public void run() {
            int idle = 0;
            while (true) {
                LockSupport.parkNanos(TICK_NANOS);
                boolean waiting;
                try {
                    waiting = scan();
                } catch (RuntimeException | Error e) { // keep watching
                    LOG.log(Level.WARNING, "Writing waiting frames failed", e);
                    waiting = true;
                }
                if (waiting) {
                    idle = 0;
                } else if (++idle >= IDLE_TICKS) {
                    asleep = true;
                    if (scan()) { // a batch that started as this fell asleep
                        asleep = false;
                    } else {
                        LockSupport.park();
                    }
                    asleep = false;
                    idle = 0;
                }
            }
        }

        /** Writes the batches open too long; true when any batch has frames waiting. */
        private static boolean scan() {
            boolean waiting = false;
            long now = System.nanoTime();
            for (WriteBatch batch : ALL) {
                if (!batch.owner.isAlive()) {
                    ALL.remove(batch);
                    batch.flush();
                    continue;
                }
                long since = batch.since;
                if (since != 0) {
                    waiting = true;
                    if (batch.dueForWatchdog(now - since)) {
                        batch.flush();
                    }
                }
            }
            return waiting;
        }
    }
}
