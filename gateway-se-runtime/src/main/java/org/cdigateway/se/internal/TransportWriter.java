package org.cdigateway.se.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.CancellationException;

import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;

import org.cdigateway.internal.client.FrameSink;
import org.glassfish.grizzly.CompletionHandler;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.WriteResult;
import org.glassfish.grizzly.asyncqueue.AsyncQueueEnabledTransport;
import org.glassfish.grizzly.asyncqueue.AsyncQueueWriter;
import org.glassfish.grizzly.asyncqueue.TaskQueue;
import org.glassfish.grizzly.asyncqueue.WritableMessage;
import org.glassfish.grizzly.filterchain.FilterChain;
import org.glassfish.grizzly.memory.Buffers;
import org.glassfish.grizzly.memory.MemoryManager;
import org.glassfish.grizzly.nio.NIOConnection;
import org.glassfish.grizzly.ssl.SSLBaseFilter;
import org.glassfish.tyrus.container.grizzly.client.GrizzlyWriter;
import org.glassfish.tyrus.spi.Writer;

/**
 * Where Tyrus writes the frames of one upgraded connection: straight into the transport's asynchronous write queue,
 * which keeps a connection's writes in the order they come (Tyrus writes under its own lock), writes at once when
 * nothing is pending, and holds the rest until the socket takes them.
 *
 * <p>
 * Tyrus's own {@code GrizzlyWriter} puts a second queue in front of that one (a task per frame, to hold frames while
 * the transport's queue is over its size limit) and sends each frame down the connection's filter chain. On the
 * embedded runtime no filter changes a WebSocket connection's outgoing bytes (no TLS; the HTTP codec passes buffers
 * through), so the chain is skipped; and the connection's write queue is unbounded, so nothing needs holding in front of
 * it: a WebSocket connection's frames were never bounded by this limit (Tyrus's queue in front was unbounded), the
 * gateway bounds each client's frames itself, and HTTP connections keep the limit. Per frame that saves a task, a queue
 * node, a filter-chain context and a walk of five filters: about a third of the CPU of a broadcast's delivery.
 *
 * <p>
 * Closing closes the connection once its queued frames are written (Grizzly closes gracefully).
 */
final class TransportWriter extends Writer implements FrameSink {

    private static final VarHandle STATE;
    private static final SendResult OK = new SendResult();

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(Flush.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Connection<SocketAddress> connection;
    private final AsyncQueueWriter<SocketAddress> queue;
    private final TaskQueue<?> pending;
    private final MemoryManager<?> memory;
    private final boolean batching;

    // the frames waiting in a batch (WriteBatch), guarded by this; the arrays made on the first
    private ByteBuffer[] frames;
    /** Per frame: Tyrus's completion, or null when it was told already (or has none). */
    private Object[] dones;
    private int count;
    private int bytes;
    /** How many of the waiting frames have a completion still to tell. */
    private int untold;

    private TransportWriter(NIOConnection connection, AsyncQueueWriter<SocketAddress> queue, boolean batching) {
        @SuppressWarnings("unchecked")
        Connection<SocketAddress> c = (Connection<SocketAddress>) (Connection<?>) connection;
        this.connection = c;
        this.queue = queue;
        this.pending = connection.getAsyncWriteQueue();
        this.memory = connection.getTransport().getMemoryManager();
        this.batching = batching;
    }

    /**
     * The writer for an upgraded connection: this one where the transport has a write queue and the connection no TLS,
     * else Tyrus's.
     *
     * @param batching whether frames written while a thread handles a read wait for its end ({@link WriteBatch})
     */
    @SuppressWarnings("unchecked")
    static Writer of(Connection<?> connection, boolean batching) {
        if (connection instanceof NIOConnection nio
                && connection.getTransport() instanceof AsyncQueueEnabledTransport transport
                && !(connection.getProcessor() instanceof FilterChain chain
                        && chain.indexOfType(SSLBaseFilter.class) >= 0)) { // TLS must see every byte
            connection.configureBlocking(false);
            nio.setMaxAsyncWriteQueueSize(AsyncQueueWriter.UNLIMITED_SIZE);
            return new TransportWriter(nio, (AsyncQueueWriter<SocketAddress>) transport.getAsyncQueueIO().getWriter(),
                    batching);
        }
        return new GrizzlyWriter(connection);
    }

    @Override
    public void write(ByteBuffer buffer, org.glassfish.tyrus.spi.CompletionHandler<ByteBuffer> done) {
        if (!connection.isOpen()) {
            if (done != null) {
                done.failed(new IllegalStateException("Connection is not open."));
            }
            return;
        }
        if (write(buffer, (Object) done) && done != null) {
            done.completed(buffer);
        }
    }

    /**
     * A frame the gateway encoded, written as Tyrus's own (the caller holds Tyrus's lock of the connection, as Tyrus
     * does when it writes).
     */
    @Override
    public boolean writeFrame(ByteBuffer frame, SendHandler done) {
        if (!connection.isOpen()) {
            done.onResult(new SendResult(new IllegalStateException("Connection is not open.")));
            return false;
        }
        return write(frame, (Object) done);
    }

    /**
     * Writes a frame, or adds it to the batch of the read being handled; {@code done} is a Tyrus completion handler,
     * a {@link SendHandler} or null. Returns true when the frame counts as written now: then {@code done} is not told
     * (the caller tells it, or reports it written); else it is told once the frame is written or failed.
     */
    private boolean write(ByteBuffer buffer, Object done) {
        WriteBatch batch = batching ? WriteBatch.current() : null;
        boolean now;
        boolean told = false;
        boolean batchDue = false;
        Flush flushed = null;
        synchronized (this) {
            now = count == 0 && batch == null;
            if (!now) {
                if (count == 0) {
                    batchDue = batch.add(this);
                } else if (batch != null) {
                    batch.touch();
                }
                // told at once when the transport has nothing pending (the batch is written as its read ends), as
                // the transport tells a write it made at once; else once written, in order
                told = untold == 0 && pending.spaceInBytes() == 0;
                add(buffer, told ? null : done);
                if (bytes >= WriteBatch.MAX_BYTES) {
                    flushed = flushLocked();
                }
            }
        }
        if (now) {
            Done written = done == null ? null : new Done(buffer, done);
            queue.write(connection, null, Buffers.wrap(memory, buffer), written, null, null);
            return written != null && written.leave();
        }
        if (flushed != null) {
            flushed.leftLock();
        }
        if (batchDue) {
            batch.flush(); // this writer's lock released: flushing takes the others'
        }
        return told;
    }

    private void add(ByteBuffer buffer, Object done) {
        if (frames == null) {
            frames = new ByteBuffer[4];
            dones = new Object[4];
        } else if (count == frames.length) {
            frames = Arrays.copyOf(frames, count * 2);
            dones = Arrays.copyOf(dones, count * 2);
        }
        frames[count] = buffer;
        dones[count] = done;
        count++;
        bytes += buffer.remaining();
        if (done != null) {
            untold++;
        }
    }

    /** Writes the frames waiting in a batch, if any, in one write. */
    void flush() {
        Flush flushed;
        synchronized (this) {
            flushed = flushLocked();
        }
        if (flushed != null) {
            flushed.leftLock();
        }
    }

    /**
     * Hands the waiting frames to the transport as one buffer; returns what tells their completions (null if none
     * waits), to be told {@link Flush#leftLock} once this writer's lock is released.
     */
    private Flush flushLocked() {
        if (count == 0) {
            return null;
        }
        ByteBuffer out;
        if (count == 1) {
            out = frames[0];
        } else {
            byte[] joined = new byte[bytes];
            int at = 0;
            for (int i = 0; i < count; i++) {
                ByteBuffer f = frames[i];
                int n = f.remaining();
                if (f.hasArray()) { // the usual frame: System.arraycopy is several times faster for a few hundred bytes
                    System.arraycopy(f.array(), f.arrayOffset() + f.position(), joined, at, n);
                } else {
                    f.get(f.position(), joined, at, n);
                }
                at += n;
            }
            out = ByteBuffer.wrap(joined);
        }
        Flush flushed = untold == 0 ? null : new Flush(Arrays.copyOf(frames, count), Arrays.copyOf(dones, count));
        Arrays.fill(frames, 0, count, null);
        Arrays.fill(dones, 0, count, null);
        count = 0;
        bytes = 0;
        untold = 0;
        queue.write(connection, null, Buffers.wrap(memory, out), flushed, null, null);
        return flushed;
    }

    @Override
    public void close() {
        flush(); // frames waiting in a batch go before the close
        connection.closeSilently();
    }

    /**
     * Tells the completions of the frames of one batched write. The transport may complete the write inside the call
     * that hands it over, under this writer's lock: then the completions wait until the lock is released.
     */
    private static final class Flush implements CompletionHandler<WriteResult<WritableMessage, SocketAddress>> {

        private static final int WRITING = 0;
        private static final int ENDED_INSIDE = 1;
        private static final int LEFT = 2;

        private final ByteBuffer[] frames;
        private final Object[] dones;
        @SuppressWarnings("unused") // through STATE
        private volatile int state;
        private Throwable error; // written before state

        Flush(ByteBuffer[] frames, Object[] dones) {
            this.frames = frames;
            this.dones = dones;
        }

        /** The writer's lock was released. */
        void leftLock() {
            if (!STATE.compareAndSet(this, WRITING, LEFT)) {
                tell(error);
            }
        }

        private void ended(Throwable failure) {
            error = failure;
            if (!STATE.compareAndSet(this, WRITING, ENDED_INSIDE)) {
                tell(failure);
            }
        }

        private void tell(Throwable failure) {
            for (int i = 0; i < dones.length; i++) {
                if (dones[i] != null) {
                    TransportWriter.tell(dones[i], frames[i], failure);
                }
            }
        }

        @Override
        public void completed(WriteResult<WritableMessage, SocketAddress> result) {
            ended(null);
        }

        @Override
        public void failed(Throwable failure) {
            ended(failure);
        }

        @Override
        public void cancelled() {
            ended(new CancellationException("The write was cancelled"));
        }

        @Override
        public void updated(WriteResult<WritableMessage, SocketAddress> result) {
            // partial writes are not reported
        }
    }

    /** Tells {@code done} (a Tyrus completion handler or a {@link SendHandler}) how the write of a frame ended. */
    @SuppressWarnings("unchecked")
    static void tell(Object done, ByteBuffer frame, Throwable failure) {
        if (done instanceof SendHandler h) {
            h.onResult(failure == null ? OK : new SendResult(failure));
        } else if (failure == null) {
            ((org.glassfish.tyrus.spi.CompletionHandler<ByteBuffer>) done).completed(frame);
        } else {
            ((org.glassfish.tyrus.spi.CompletionHandler<ByteBuffer>) done).failed(failure);
        }
    }

    /**
     * Tells how the write of one frame handed to the transport at once ended: if the transport ended it inside the
     * call that handed it over (the usual case), the caller learns it from {@link #leave()} instead.
     */
    private static final class Done implements CompletionHandler<WriteResult<WritableMessage, SocketAddress>> {

        private static final int WRITING = 0;
        private static final int ENDED_INSIDE = 1;
        private static final int LEFT = 2;
        private static final VarHandle DONE_STATE;

        static {
            try {
                DONE_STATE = MethodHandles.lookup().findVarHandle(Done.class, "state", int.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private final ByteBuffer frame;
        private final Object done;
        @SuppressWarnings("unused") // through DONE_STATE
        private volatile int state;
        private Throwable error; // written before state

        Done(ByteBuffer frame, Object done) {
            this.frame = frame;
            this.done = done;
        }

        /**
         * The call that handed the frame over returned: true when it was written inside it (then nothing was told);
         * after a failure inside it, tells it now.
         */
        boolean leave() {
            if (DONE_STATE.compareAndSet(this, WRITING, LEFT)) {
                return false;
            }
            if (error == null) {
                return true;
            }
            tell(done, frame, error);
            return false;
        }

        private void ended(Throwable failure) {
            error = failure;
            if (!DONE_STATE.compareAndSet(this, WRITING, ENDED_INSIDE)) {
                tell(done, frame, failure);
            }
        }

        @Override
        public void completed(WriteResult<WritableMessage, SocketAddress> result) {
            ended(null);
        }

        @Override
        public void failed(Throwable failure) {
            ended(failure);
        }

        @Override
        public void cancelled() {
            ended(new CancellationException("The write was cancelled"));
        }

        @Override
        public void updated(WriteResult<WritableMessage, SocketAddress> result) {
            // partial writes are not reported
        }
    }
}
