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
 * The frames waiting to be written to one client. Writes one frame at a time with the container's asynchronous send
 * (containers differ in whether they allow overlapping sends), from any thread, in order, and bounded: a client that
 * does not read is reported to {@link Listener#overflow} instead of growing the heap.
 *
 * <p>
 * When the queue is full, the {@link SlowConsumer} policy decides: close (the listener is told and closes the client),
 * drop the new frame, or drop the oldest queued frames; dropped frames are counted.
 *
 * <p>
 * Containers may complete a send synchronously, inside the call that started it; the drain loop handles that without
 * recursing, so a long queue cannot overflow the stack.
 */
public final class OutboundQueue implements SendHandler {

    /** Told when the queue cannot take a frame, and when a write failed. */
    public interface Listener {

        void overflow(int queuedFrames, long queuedBytes);

        void failed(Throwable error);
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

    private final Writer remote;
    private final boolean encoded;
    private final Listener listener;
    private final int maxFrames;
    private final long maxBytes;
    private final SlowConsumer policy;
    private Completion writingDone;
    private long dropped;

    private final ArrayDeque<Object> queue = new ArrayDeque<>(1); // grows when frames wait; most clients have none
    private long queuedBytes;
    private boolean writing;
    private boolean writeReturned;
    private boolean writeCompleted;
    private boolean closed;

    public OutboundQueue(Writer remote, Listener listener, int maxFrames, long maxBytes) {
        this(remote, listener, maxFrames, maxBytes, SlowConsumer.CLOSE);
    }

    public OutboundQueue(Writer remote, Listener listener, int maxFrames, long maxBytes, SlowConsumer policy) {
        this.remote = remote;
        this.encoded = remote.writesEncoded();
        this.listener = listener;
        this.maxFrames = maxFrames;
        this.maxBytes = maxBytes;
        this.policy = policy;
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
        return encoded ? enqueue(frame, frame.size(), null) : enqueue(frame.text(), frame.size(), null);
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
        synchronized (this) {
            if (closed) {
                taken = false;
            } else if (!writing) {
                writing = true;
                writingDone = done;
            } else if (queue.size() < maxFrames && queuedBytes + size <= maxBytes) {
                queue.addLast(done == null ? frame : new Tracked(frame, done));
                queuedBytes += size;
                return true;
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

    private static void runAll(List<Completion> callbacks) {
        if (callbacks != null) {
            for (Completion c : callbacks) {
                c.completed(false);
            }
        }
    }

    /** Writes frames until one completes asynchronously or the queue is empty. Called with {@code writing} set. */
    private void drain(Object frame) {
        Object next = frame;
        while (next != null) {
            synchronized (this) {
                writeReturned = false;
                writeCompleted = false;
            }
            try {
                if (next instanceof String s) {
                    remote.sendText(s, this);
                } else if (next instanceof EncodedText e) {
                    remote.sendEncoded(e, this);
                } else if (next instanceof ByteBuffer b) {
                    remote.sendBinary(b, this);
                } else {
                    Tracked t = (Tracked) next;
                    synchronized (this) {
                        writingDone = t.done();
                    }
                    if (t.frame() instanceof String s) {
                        remote.sendText(s, this);
                    } else if (t.frame() instanceof EncodedText e) {
                        remote.sendEncoded(e, this);
                    } else {
                        remote.sendBinary((ByteBuffer) t.frame(), this);
                    }
                }
            } catch (RuntimeException | Error e) { // Tyrus throws an Error for text it cannot encode
                fail(e);
                return;
            }
            Completion done;
            synchronized (this) {
                writeReturned = true;
                if (!writeCompleted) {
                    return; // onResult continues on the thread that completes the write
                }
                done = writingDone;
                writingDone = null;
                next = pollLocked();
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
        Object next;
        Completion done;
        synchronized (this) {
            writeCompleted = true;
            if (!writeReturned) {
                return; // completed inside sendText: the drain loop continues
            }
            done = writingDone;
            writingDone = null;
            next = pollLocked();
        }
        if (done != null) {
            done.completed(true);
        }
        if (next != null) {
            drain(next);
        }
    }

    private Object pollLocked() {
        Object next = queue.pollFirst();
        if (next == null) {
            writing = false;
        } else {
            queuedBytes -= sizeOf(next);
        }
        return next;
    }

    private void fail(Throwable error) {
        List<Completion> discarded;
        boolean first;
        synchronized (this) {
            first = !closed;
            // when closed already, this still takes the callback of a frame taken for writing just as it closed
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
