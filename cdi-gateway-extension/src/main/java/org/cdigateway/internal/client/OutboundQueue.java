package org.cdigateway.internal.client;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;

import org.cdigateway.SlowConsumer;

/**
 * The frames waiting to be written to one client. Hands them to the container's asynchronous send from any thread, in
 * order, one at a time or, where the container queues overlapping sends of a session in order
 * ({@link Writer#maxInFlight}, {@link Writer#maxInFlightSize}), several at a time; and bounded: a client that does not
 * read is reported to {@link Listener#overflow} instead of growing the heap.
 *
 * <p>
 * When the queue is full, the {@link SlowConsumer} policy decides: close (the listener is told and closes the client),
 * drop the new frame, or drop the oldest queued frames; dropped frames are counted. The bounds count the frames
 * waiting, not the ones in flight (bounded by the writer's own).
 *
 * <p>
 * Containers may complete a send synchronously, inside the call that started it; one thread at a time writes (the
 * drain loop) and goes on without recursing, so a long queue cannot overflow the stack.
 */
public final class OutboundQueue implements SendHandler {

    /** Told when the queue cannot take a frame, and when a write failed. */
    public interface Listener {

        void overflow(int queuedFrames, long queuedBytes);

        void failed(Throwable error);

        /** Whether the listener counts frames: only then does the queue call {@link #sent} and {@link #dropped}. */
        default boolean countsFrames() {
            return false;
        }

        /** A frame of {@code bytes} (UTF-8 for text) was handed to the writer. */
        default void sent(long bytes) {}

        /** {@code frames} were dropped by the slow-consumer policy. */
        default void dropped(long frames) {}
    }

    /** Told once a frame was written, or that it never will be (not taken, dropped, or the queue closed). */
    @FunctionalInterface
    public interface Completion {

        void completed(boolean written);
    }

    /** A frame with something to run once it was written or discarded (for flow control of streams). */
    private record Tracked(Object frame, Completion done) {}

    /** Where a queue writes, one frame at a time: a client's {@link Channel}. */
    public interface Writer {

        /** Writes a text frame; {@code done} is called once it was written or failed. */
        void sendText(String text, SendHandler done);

        /** Writes a binary frame; {@code done} is called once it was written or failed. */
        void sendBinary(ByteBuffer data, SendHandler done);

        /**
         * Writes a text frame shared with other clients (a broadcast); {@code done} as for {@link #sendText}. A writer
         * that can write the frame's encoded bytes does (they are encoded once for all); by default its text is sent.
         */
        default void sendEncoded(EncodedText frame, SendHandler done) {
            sendText(frame.text(), done);
        }

        /**
         * Writes a frame of the queue: a {@code String}, an {@link EncodedText} or a {@code ByteBuffer}, as the method
         * of its kind does. Returns true when the frame was written before this returned, and then {@code done} is not
         * called (a writer that does so takes one frame at a time: {@link #maxInFlight} 1); by default the method of
         * its kind is called and this returns false.
         */
        default boolean write(Object frame, SendHandler done) {
            if (frame instanceof String s) {
                sendText(s, done);
            } else if (frame instanceof EncodedText e) {
                sendEncoded(e, done);
            } else {
                sendBinary((ByteBuffer) frame, done);
            }
            return false;
        }

        /**
         * How many frames the queue may hand to this writer before the first completed: 1 (the default) for
         * containers that refuse a send while one is in progress; more where the container queues overlapping sends of
         * a session in order and completes them in that order (it may then write several in one system call).
         */
        default int maxInFlight() {
            return 1;
        }

        /**
         * How large the frames in flight may be together (characters of text, bytes of binary), besides
         * {@link #maxInFlight}: a frame waits while those in flight and it would be more, unless none is in flight.
         */
        default long maxInFlightSize() {
            return Long.MAX_VALUE;
        }

        /** Whether {@link #sendEncoded} writes encoded bytes; when not, the queue holds shared frames as text. */
        default boolean writesEncoded() {
            return false;
        }

        /** A container's asynchronous remote endpoint as a writer. */
        static Writer of(RemoteEndpoint.Async remote) {
            return new Writer() {

                @Override
                public void sendText(String text, SendHandler done) {
                    remote.sendText(text, done);
                }

                @Override
                public void sendBinary(ByteBuffer data, SendHandler done) {
                    remote.sendBinary(data, done);
                }
            };
        }
    }

    private static final Object NONE = new Object(); // an in-flight frame without completion, in laterDone

    private final Writer remote;
    private final boolean encoded;
    private final int maxInFlight;
    private final long maxInFlightSize;
    private final Listener listener;
    private final int maxFrames;
    private final long maxBytes;
    private final SlowConsumer policy;
    private final boolean counting;
    private long dropped;

    private final ArrayDeque<Object> queue = new ArrayDeque<>(1); // grows when frames wait; most clients have none
    private long queuedBytes;
    /** A thread is writing frames (the drain loop): it takes the frames queued meanwhile. */
    private boolean draining;
    /** Frames handed to the writer and not yet completed: at most {@link #maxInFlight}. */
    private int inFlight;
    /** Their sizes together: at most {@link #maxInFlightSize}, or one frame's. */
    private long inFlightSize;
    /** The completion of the oldest frame in flight, or null. */
    private Completion writingDone;
    /** The size of the oldest frame in flight. */
    private int writingSize;
    /**
     * The completions ({@link #NONE} for none) and sizes of the other frames in flight, in order: a ring made when
     * first needed, grown to what is in flight at once, let go when it empties if large.
     */
    private Object[] laterDone;
    private int[] laterSize;
    private int laterHead;
    private int laterCount;
    private boolean closed;

    public OutboundQueue(Writer remote, Listener listener, int maxFrames, long maxBytes) {
        this(remote, listener, maxFrames, maxBytes, SlowConsumer.CLOSE);
    }

    public OutboundQueue(Writer remote, Listener listener, int maxFrames, long maxBytes, SlowConsumer policy) {
        this.remote = remote;
        this.encoded = remote.writesEncoded();
        this.maxInFlight = Math.max(1, remote.maxInFlight());
        this.maxInFlightSize = Math.max(1, remote.maxInFlightSize());
        this.listener = listener;
        this.maxFrames = maxFrames;
        this.maxBytes = maxBytes;
        this.policy = policy;
        this.counting = listener.countsFrames();
    }

    /** Queues a text frame; false when the queue is closed or the frame was not taken (full). */
    public boolean send(String text) {
        return enqueue(text, text.length(), null);
    }

    /**
     * Queues a text frame and tells {@code done} once it was written ({@code true}), or that it was not: at once if it
     * is not taken (closed or full), or when it is discarded later (closed, dropped). Runs on the thread that completes
     * the write: keep it short.
     */
    public boolean send(String text, Completion done) {
        return enqueue(text, text.length(), done);
    }

    /** Queues a text frame shared with other clients (a broadcast); as {@link #send(String)}. */
    public boolean send(EncodedText frame) {
        // kept whole where the writer writes its bytes, or where the frames are counted (its UTF-8 length once)
        return encoded || counting
                ? enqueue(frame, frame.size(), null)
                : enqueue(frame.text(), frame.size(), null);
    }

    /** Queues a binary frame; false when the queue is closed or the frame was not taken (full). */
    public boolean send(ByteBuffer data) {
        return enqueue(data, data.remaining(), null);
    }

    /** Queues a binary frame; {@code done} as for {@link #send(String, Completion)}. */
    public boolean send(ByteBuffer data, Completion done) {
        return enqueue(data, data.remaining(), done);
    }

    private boolean enqueue(Object frame, long size, Completion done) {
        int frames = 0;
        long bytes = 0;
        List<Completion> discarded = null;
        boolean overflow = false;
        boolean taken = true;
        long droppedBefore = 0;
        long droppedNow = 0;
        synchronized (this) {
            droppedBefore = dropped;
            if (closed) {
                taken = false;
            } else if (!draining && queue.isEmpty() && mayTakeLocked(size)) {
                draining = true; // written now, by this thread
                takeLocked(done, size);
            } else if (queue.size() < maxFrames && queuedBytes + size <= maxBytes) {
                queue.addLast(done == null ? frame : new Tracked(frame, done));
                queuedBytes += size;
                return true; // the thread writing, or the completion of a frame in flight, takes it
            } else if (policy == SlowConsumer.DROP_NEWEST || policy == SlowConsumer.DROP_OLDEST && size > maxBytes) {
                dropped++;
                taken = false;
            } else if (policy == SlowConsumer.DROP_OLDEST) {
                while (!queue.isEmpty() && (queue.size() >= maxFrames || queuedBytes + size > maxBytes)) {
                    Object old = queue.pollFirst();
                    queuedBytes -= sizeOf(old);
                    dropped++;
                    if (old instanceof Tracked t) {
                        discarded = discarded == null ? new ArrayList<>() : discarded;
                        discarded.add(t.done());
                    }
                }
                queue.addLast(done == null ? frame : new Tracked(frame, done));
                queuedBytes += size;
                frame = null;
            } else {
                frames = queue.size();
                bytes = queuedBytes;
                discarded = closeLocked();
                overflow = true;
                taken = false;
            }
            droppedNow = dropped - droppedBefore;
        }
        if (counting && droppedNow > 0) {
            listener.dropped(droppedNow);
        }
        runAll(discarded);
        if (!taken) {
            if (done != null) {
                done.completed(false);
            }
            if (overflow) {
                listener.overflow(frames, bytes);
            }
            return false;
        }
        if (frame != null) {
            drain(frame);
        }
        return true;
    }

    private static long sizeOf(Object frame) {
        Object f = frame instanceof Tracked t ? t.frame() : frame;
        if (f instanceof String s) {
            return s.length();
        }
        return f instanceof EncodedText e ? e.size() : ((ByteBuffer) f).remaining();
    }

    /** The payload bytes of a frame as the transport writes them: UTF-8 for text (a broadcast's counted once). */
    private static long bytesOf(Object frame) {
        Object f = frame instanceof Tracked t ? t.frame() : frame;
        if (f instanceof ByteBuffer b) {
            return b.remaining();
        }
        return f instanceof EncodedText e ? e.utf8Length() : EncodedText.utf8Length((String) f);
    }

    private static void runAll(List<Completion> callbacks) {
        if (callbacks != null) {
            for (Completion c : callbacks) {
                c.completed(false);
            }
        }
    }

    /** Whether a frame of {@code size} may go in flight now. */
    private boolean mayTakeLocked(long size) {
        return inFlight == 0 || (inFlight < maxInFlight && inFlightSize + size <= maxInFlightSize);
    }

    /** A frame goes in flight: counted, its completion last in line. */
    private void takeLocked(Completion done, long size) {
        int n = (int) Math.min(size, Integer.MAX_VALUE);
        inFlightSize += n;
        if (inFlight++ == 0) {
            writingDone = done;
            writingSize = n;
            return;
        }
        if (laterDone == null || laterCount == laterDone.length) {
            growLater();
        }
        int tail = (laterHead + laterCount) & (laterDone.length - 1);
        laterDone[tail] = done == null ? NONE : done;
        laterSize[tail] = n;
        laterCount++;
    }

    /** Makes the ring of frames in flight, or doubles it (its length stays a power of two). */
    private void growLater() {
        int length = laterDone == null ? 4 : laterDone.length * 2;
        Object[] done = new Object[length];
        int[] size = new int[length];
        for (int i = 0; i < laterCount; i++) {
            int from = (laterHead + i) & (laterDone.length - 1);
            done[i] = laterDone[from];
            size[i] = laterSize[from];
        }
        laterDone = done;
        laterSize = size;
        laterHead = 0;
    }

    /** The oldest frame in flight was written: its completion (or null), the next one's moved up. */
    private Completion completeLocked() {
        Completion done = writingDone;
        if (inFlight == 0) {
            return done;
        }
        inFlight--;
        inFlightSize -= writingSize;
        if (laterCount == 0) {
            writingDone = null;
            writingSize = 0;
            return done;
        }
        Object next = laterDone[laterHead];
        writingDone = next == NONE ? null : (Completion) next;
        writingSize = laterSize[laterHead];
        laterDone[laterHead] = null;
        laterHead = (laterHead + 1) & (laterDone.length - 1);
        if (--laterCount == 0) {
            laterHead = 0;
            if (laterDone.length > 32) { // a burst's ring: a quiet client keeps 32 slots at most
                laterDone = null;
                laterSize = null;
            }
        }
        return done;
    }

    /** The next queued frame, taken in flight, or null when there is none or enough are in flight. */
    private Object nextLocked() {
        if (closed) {
            return null;
        }
        Object next = queue.peekFirst();
        if (next == null) {
            return null;
        }
        long size = sizeOf(next);
        if (!mayTakeLocked(size)) {
            return null;
        }
        queue.pollFirst();
        queuedBytes -= size;
        takeLocked(next instanceof Tracked t ? t.done() : null, size);
        return next;
    }

    /**
     * Writes frames while there are some and fewer than {@link #maxInFlight} are in flight. Called by the one thread
     * that set {@code draining}, with {@code frame} taken in flight. A write completed inside the writer's call (on
     * this thread) lets the loop go on without recursing, so a long queue cannot overflow the stack.
     */
    private void drain(Object frame) {
        Object next = frame;
        while (next != null) {
            boolean written;
            if (counting) {
                listener.sent(bytesOf(next));
            }
            try {
                written = remote.write(next instanceof Tracked t ? t.frame() : next, this);
            } catch (RuntimeException | Error e) { // Tyrus throws an Error for text it cannot encode
                fail(e);
                return;
            }
            Completion done = null;
            synchronized (this) {
                if (written) { // written before write returned: onResult is not called for it
                    done = completeLocked();
                }
                next = nextLocked();
                if (next == null) {
                    draining = false;
                }
            }
            if (done != null) {
                done.completed(true);
            }
        }
    }

    @Override
    public void onResult(SendResult result) {
        if (!result.isOK()) {
            fail(result.getException());
            return;
        }
        Object next = null;
        Completion done;
        synchronized (this) {
            done = completeLocked();
            if (!draining) { // else the thread writing (maybe this one, in the writer's call) goes on
                next = nextLocked();
                draining = next != null;
            }
        }
        if (done != null) {
            done.completed(true);
        }
        if (next != null) {
            drain(next);
        }
    }

    private void fail(Throwable error) {
        List<Completion> discarded;
        boolean first;
        synchronized (this) {
            first = !closed;
            // when closed already, this still takes the callbacks of frames in flight as it closed
            discarded = closeLocked();
        }
        runAll(discarded);
        if (first) {
            listener.failed(error);
        }
    }

    /** Closes the queue; returns the callbacks of the frames it discarded, to run outside the lock. */
    private List<Completion> closeLocked() {
        closed = true;
        List<Completion> discarded = null;
        if (writingDone != null) {
            discarded = new ArrayList<>();
            discarded.add(writingDone);
            writingDone = null;
        }
        for (int i = 0; i < laterCount; i++) {
            int at = (laterHead + i) & (laterDone.length - 1);
            if (laterDone[at] != NONE) {
                discarded = discarded == null ? new ArrayList<>() : discarded;
                discarded.add((Completion) laterDone[at]);
            }
            laterDone[at] = null;
        }
        laterCount = 0;
        laterHead = 0;
        for (Object f : queue) {
            if (f instanceof Tracked t) {
                discarded = discarded == null ? new ArrayList<>() : discarded;
                discarded.add(t.done());
            }
        }
        queue.clear();
        queuedBytes = 0;
        return discarded;
    }

    /** Drops everything queued and refuses further frames. */
    public void close() {
        List<Completion> discarded;
        synchronized (this) {
            if (closed) {
                return;
            }
            discarded = closeLocked();
        }
        runAll(discarded);
    }

    /** Frames dropped by the {@link SlowConsumer} policy so far. */
    public synchronized long droppedFrames() {
        return dropped;
    }

    /** Frames waiting behind the one being written. */
    public synchronized int queuedFrames() {
        return queue.size();
    }

    /** Characters or bytes waiting behind the frame being written. */
    public synchronized long queuedBytes() {
        return queuedBytes;
    }
}
