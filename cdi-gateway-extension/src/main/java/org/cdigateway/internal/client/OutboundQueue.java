package org.cdigateway.internal.client;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;

import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;

/**
 * The frames waiting to be written to one client. Writes one frame at a time with the container's asynchronous send
 * (containers differ in whether they allow overlapping sends), from any thread, in order, and bounded: a client that
 * does not read is reported to {@link Listener#overflow} instead of growing the heap.
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

    private final RemoteEndpoint.Async remote;
    private final Listener listener;
    private final int maxFrames;
    private final long maxBytes;

    private final ArrayDeque<Object> queue = new ArrayDeque<>();
    private long queuedBytes;
    private boolean writing;
    private boolean writeReturned;
    private boolean writeCompleted;
    private boolean closed;

    public OutboundQueue(RemoteEndpoint.Async remote, Listener listener, int maxFrames, long maxBytes) {
        this.remote = remote;
        this.listener = listener;
        this.maxFrames = maxFrames;
        this.maxBytes = maxBytes;
    }

    /** Queues a text frame; false when the queue is closed or full (the listener was told). */
    public boolean send(String text) {
        return enqueue(text, text.length());
    }

    /** Queues a binary frame; false when the queue is closed or full (the listener was told). */
    public boolean send(ByteBuffer data) {
        return enqueue(data, data.remaining());
    }

    private boolean enqueue(Object frame, long size) {
        int frames = 0;
        long bytes = 0;
        synchronized (this) {
            if (closed) {
                return false;
            }
            if (!writing) {
                writing = true;
            } else if (queue.size() < maxFrames && queuedBytes + size <= maxBytes) {
                queue.addLast(frame);
                queuedBytes += size;
                return true;
            } else {
                frames = queue.size();
                bytes = queuedBytes;
                closeLocked();
                frame = null;
            }
        }
        if (frame == null) {
            listener.overflow(frames, bytes);
            return false;
        }
        drain(frame);
        return true;
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
                } else {
                    remote.sendBinary((ByteBuffer) next, this);
                }
            } catch (RuntimeException e) {
                fail(e);
                return;
            }
            synchronized (this) {
                writeReturned = true;
                if (!writeCompleted) {
                    return; // onResult continues on the thread that completes the write
                }
                next = pollLocked();
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
        synchronized (this) {
            writeCompleted = true;
            if (!writeReturned) {
                return; // completed inside sendText: the drain loop continues
            }
            next = pollLocked();
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
            queuedBytes -= next instanceof String s ? s.length() : ((ByteBuffer) next).remaining();
        }
        return next;
    }

    private void fail(Throwable error) {
        synchronized (this) {
            if (closed) {
                return;
            }
            closeLocked();
        }
        listener.failed(error);
    }

    private void closeLocked() {
        closed = true;
        queue.clear();
        queuedBytes = 0;
    }

    /** Drops everything queued and refuses further frames. */
    public synchronized void close() {
        closeLocked();
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
