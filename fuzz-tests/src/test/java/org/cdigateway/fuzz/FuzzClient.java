package org.cdigateway.fuzz;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A plain WebSocket client ({@code java.net.http}) that sends exactly what it is given and queues everything it
 * receives, in order: whole text and binary messages, the close, a failure.
 */
final class FuzzClient implements WebSocket.Listener {

    static final Duration SEND = Duration.ofSeconds(10);

    /** Something the client received. */
    sealed interface Received permits Text, Binary, Closed, Failed {}

    record Text(String text) implements Received {}

    record Binary(byte[] bytes) implements Received {}

    record Closed(int code, String reason) implements Received {}

    record Failed(Throwable error) implements Received {}

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final StringBuilder text = new StringBuilder();
    private final ByteArrayOutputStream binary = new ByteArrayOutputStream();
    private volatile WebSocket socket;
    private volatile boolean ended;

    private FuzzClient() {}

    static FuzzClient connect(URI uri) throws Exception {
        FuzzClient client = new FuzzClient();
        client.socket = HTTP.newWebSocketBuilder().buildAsync(uri, client).get(SEND.toMillis(),
                TimeUnit.MILLISECONDS);
        return client;
    }

    /** Sends a text message; false when the connection is already closed. */
    boolean sendText(String message) throws InterruptedException, TimeoutException {
        return await(socket.sendText(message, true));
    }

    /** Sends one text message as a first frame and continuation frames. */
    boolean sendFragments(List<String> parts) throws InterruptedException, TimeoutException {
        for (int i = 0; i < parts.size(); i++) {
            if (!await(socket.sendText(parts.get(i), i == parts.size() - 1))) {
                return false;
            }
        }
        return true;
    }

    boolean sendBinary(byte[] bytes) throws InterruptedException, TimeoutException {
        return await(socket.sendBinary(ByteBuffer.wrap(bytes), true));
    }

    private static boolean await(CompletableFuture<WebSocket> sent) throws InterruptedException, TimeoutException {
        try {
            sent.get(SEND.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException e) {
            return false; // the output is closed: the close (or failure) is in the queue
        }
    }

    /** The next thing received, or null when nothing came within {@code timeout}. */
    Received poll(Duration timeout) throws InterruptedException {
        return received.poll(Math.max(0, timeout.toMillis()), TimeUnit.MILLISECONDS);
    }

    /** Closes with 1000 and waits a little for the server's close frame. */
    void close() throws InterruptedException {
        if (ended) {
            socket.abort();
            return;
        }
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(SEND.toMillis(), TimeUnit.MILLISECONDS);
            long deadline = System.nanoTime() + SEND.toNanos();
            Received r;
            while ((r = received.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) != null
                    && !(r instanceof Closed) && !(r instanceof Failed)) {
                // discard
            }
        } catch (ExecutionException | TimeoutException e) {
            // already closed
        } finally {
            socket.abort();
        }
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        text.append(data);
        if (last) {
            received.add(new Text(text.toString()));
            text.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        binary.writeBytes(bytes);
        if (last) {
            received.add(new Binary(binary.toByteArray()));
            binary.reset();
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        ended = true;
        received.add(new Closed(statusCode, reason));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        ended = true;
        received.add(new Failed(error));
    }
}
