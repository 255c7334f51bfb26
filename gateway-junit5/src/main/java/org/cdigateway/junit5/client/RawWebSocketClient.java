package org.cdigateway.junit5.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A WebSocket client without a protocol of its own, for checking a server frame by frame (Engine.IO and Socket.IO
 * packets written by hand, for instance): what the server sends is queued as it comes (text as {@code String},
 * binary as {@code byte[]}, the close as a {@link Closed}).
 */
public final class RawWebSocketClient implements AutoCloseable {

    /** The server closed the connection. */
    public record Closed(int code, String reason) {}

    private final BlockingQueue<Object> received = new LinkedBlockingQueue<>();
    private final WebSocket ws;

    private RawWebSocketClient(URI uri) {
        this.ws = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(uri, new WebSocket.Listener() {

                    private final StringBuilder text = new StringBuilder();
                    private ByteBuffer binary = ByteBuffer.allocate(0);

                    @Override
                    public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            received.add(text.toString());
                            text.setLength(0);
                        }
                        w.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onBinary(WebSocket w, ByteBuffer data, boolean last) {
                        ByteBuffer grown = ByteBuffer.allocate(binary.remaining() + data.remaining());
                        grown.put(binary).put(data).flip();
                        binary = grown;
                        if (last) {
                            byte[] bytes = new byte[binary.remaining()];
                            binary.get(bytes);
                            received.add(bytes);
                            binary = ByteBuffer.allocate(0);
                        }
                        w.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket w, int code, String reason) {
                        received.add(new Closed(code, reason));
                        return CompletableFuture.completedFuture(null);
                    }

                    @Override
                    public void onError(WebSocket w, Throwable error) {
                        received.add(new Closed(1006, String.valueOf(error)));
                    }
                }).join();
    }

    /** Connects to {@code uri} (such as {@code ws://127.0.0.1:8080/socket.io/?EIO=4&transport=websocket}). */
    public static RawWebSocketClient connect(URI uri) {
        return new RawWebSocketClient(uri);
    }

    /** Sends a text frame, and waits until it was written. */
    public RawWebSocketClient send(String packet) {
        ws.sendText(packet, true).join();
        return this;
    }

    /** Sends a binary frame, and waits until it was written. */
    public RawWebSocketClient sendBinary(byte[] data) {
        ws.sendBinary(ByteBuffer.wrap(data), true).join();
        return this;
    }

    /** The next thing the server sent; fails after {@code wait}. */
    public Object next(Duration wait) throws InterruptedException {
        Object next = received.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        if (next == null) {
            throw new AssertionError("nothing came from the server within " + wait);
        }
        return next;
    }

    /** The next frame, which must be a text frame. */
    public String nextText(Duration wait) throws InterruptedException {
        Object next = next(wait);
        if (next instanceof String s) {
            return s;
        }
        throw new AssertionError("expected a text packet, got " + next);
    }

    /** What else arrived within {@code wait}, or null: for checking that nothing did. */
    public Object poll(Duration wait) throws InterruptedException {
        return received.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Drops the connection without a close frame. */
    @Override
    public void close() {
        ws.abort();
    }
}
