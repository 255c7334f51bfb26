package org.cdigateway.bench.load;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Holds idle {@link RawWebSocket}s on one thread: answers the server's pings, and counts the connections the server
 * closed. Thousands of connections cost one selector and their buffers, not a thread each.
 */
final class PongResponder implements Closeable {

    private final Selector selector;
    private final Queue<RawWebSocket> added = new ConcurrentLinkedQueue<>();
    private final AtomicLong closedByServer = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long pongs;

    PongResponder() throws IOException {
        selector = Selector.open();
        thread = new Thread(this::loop, "pong-responder");
        thread.setDaemon(true);
        thread.start();
    }

    /** Switches the connection to non-blocking and hands it to this responder's thread. */
    void hold(RawWebSocket ws) throws IOException {
        ws.channel().configureBlocking(false);
        added.add(ws);
        selector.wakeup();
    }

    private void loop() {
        try {
            while (running) {
                selector.select(1000);
                RawWebSocket ws;
                while ((ws = added.poll()) != null) {
                    ws.channel().register(selector, SelectionKey.OP_READ, ws);
                    read(ws, null); // frames that arrived before it was registered
                }
                for (SelectionKey key : selector.selectedKeys()) {
                    read((RawWebSocket) key.attachment(), key);
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException | RuntimeException e) {
            if (running) {
                System.err.println("The pong responder stopped: " + e);
            }
        }
    }

    private void read(RawWebSocket ws, SelectionKey key) {
        if (!ws.channel().isOpen()) { // aborted here on purpose, not closed by the server
            if (key != null) {
                key.cancel();
            }
            return;
        }
        long before = ws.pongsSent();
        boolean open;
        try {
            open = ws.pump();
        } catch (IOException e) {
            open = false;
        }
        pongs += ws.pongsSent() - before; // only this thread writes
        if (!open) {
            closedByServer.incrementAndGet();
            if (key != null) {
                key.cancel();
            } else {
                ws.channel().keyFor(selector).cancel();
            }
            ws.abort();
        }
    }

    /** Pongs sent so far. */
    long pongs() {
        return pongs;
    }

    /** Held connections that the server closed or that failed. */
    long closedByServer() {
        return closedByServer.get();
    }

    @Override
    public void close() throws IOException {
        running = false;
        selector.wakeup();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        selector.close();
    }
}
