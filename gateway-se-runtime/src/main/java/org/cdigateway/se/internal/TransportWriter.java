package org.cdigateway.se.internal;

import java.net.SocketAddress;
import java.nio.ByteBuffer;

import org.glassfish.grizzly.CompletionHandler;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.WriteResult;
import org.glassfish.grizzly.asyncqueue.AsyncQueueEnabledTransport;
import org.glassfish.grizzly.asyncqueue.AsyncQueueWriter;
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
final class TransportWriter extends Writer {

    private final Connection<SocketAddress> connection;
    private final AsyncQueueWriter<SocketAddress> queue;
    private final MemoryManager<?> memory;

    private TransportWriter(Connection<SocketAddress> connection, AsyncQueueWriter<SocketAddress> queue) {
        this.connection = connection;
        this.queue = queue;
        this.memory = connection.getTransport().getMemoryManager();
    }

    /**
     * The writer for an upgraded connection: this one where the transport has a write queue and the connection no TLS,
     * else Tyrus's.
     */
    @SuppressWarnings("unchecked")
    static Writer of(Connection<?> connection) {
        if (connection instanceof NIOConnection nio
                && connection.getTransport() instanceof AsyncQueueEnabledTransport transport
                && !(connection.getProcessor() instanceof FilterChain chain
                        && chain.indexOfType(SSLBaseFilter.class) >= 0)) { // TLS must see every byte
            connection.configureBlocking(false);
            nio.setMaxAsyncWriteQueueSize(AsyncQueueWriter.UNLIMITED_SIZE);
            return new TransportWriter((Connection<SocketAddress>) connection,
                    (AsyncQueueWriter<SocketAddress>) transport.getAsyncQueueIO().getWriter());
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
        queue.write(connection, null, Buffers.wrap(memory, buffer), done == null ? null : new Done(buffer, done),
                null, null);
    }

    @Override
    public void close() {
        connection.closeSilently();
    }

    /** Tells Tyrus how a frame's write ended. */
    private record Done(ByteBuffer buffer, org.glassfish.tyrus.spi.CompletionHandler<ByteBuffer> done)
            implements
                CompletionHandler<WriteResult<WritableMessage, SocketAddress>> {

        @Override
        public void completed(WriteResult<WritableMessage, SocketAddress> result) {
            done.completed(buffer);
        }

        @Override
        public void failed(Throwable error) {
            done.failed(error);
        }

        @Override
        public void cancelled() {
            done.cancelled();
        }

        @Override
        public void updated(WriteResult<WritableMessage, SocketAddress> result) {
            // partial writes are not reported
        }
    }
}
