package org.cdigateway.junit5.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * A WebSocket test client for gateways speaking the {@code {"event", "data", "id"}} JSON protocol, built on
 * {@link java.net.http.WebSocket}.
 *
 * <pre>{@code
 * try (GatewayTestClient client = GatewayTestClient.connect(URI.create("ws://127.0.0.1:8080/chat"),
 *         ClientOptions.defaults().header("Authorization", "Bearer t0k3n"))) {
 *     client.emit("join", Map.of("room", "lobby"));             // fire and forget
 *     Frame reply = client.request("message", "hello");         // {"event":"message","id":"1","data":"hello"}
 *     assertThat(reply.isError()).isFalse();
 *     Frame pushed = client.awaitEvent("joined", Duration.ofSeconds(2));
 *     client.assertNoFrame(Duration.ofMillis(200));
 *     client.emit("logout", null);
 *     client.expectClose(1000);
 * }
 * }</pre>
 *
 * <p>
 * Every received text frame is recorded (see {@link #frames()}). The {@code await}/{@code request} methods
 * <em>consume</em> the first matching frame that has not been consumed yet, so each frame is returned at most once.
 * They wait with a bound and throw {@link AssertionError} (listing the frames received so far) on timeout, or as soon
 * as the connection is closed when no matching frame can arrive any more.
 *
 * <p>
 * The methods are thread-safe. All clients share one {@link HttpClient} with daemon threads, so a client is cheap:
 * only its TCP connection and its received frames.
 *
 * <p>
 * Limitations of {@code java.net.http.WebSocket}: see {@link ClientOptions} for the refused handshake headers; a
 * client may only send the close codes 1000, 1001, 1008, 1011 and 3000&ndash;4999 ({@link #close(int, String)} throws
 * {@link IllegalArgumentException} for the others). When the server closes, the JDK answers with a close frame
 * carrying the same code (1000 when the server sent no code).
 */
public final class GatewayTestClient implements AutoCloseable {

    /** Default bound for {@link #request(String, Object)} and {@link #expectClose(int)}. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    /** Close code recorded when the connection ended without a close frame. */
    public static final int ABNORMAL_CLOSURE = 1006;

    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration PROBE_AFTER = Duration.ofSeconds(2);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
    private static final int MAX_FRAMES_IN_MESSAGE = 50;
    private static final int MAX_FRAME_CHARS_IN_MESSAGE = 500;

    /** One HTTP client for all test clients; created on first use. */
    private static final class Shared {

        static final HttpClient HTTP = HttpClient.newBuilder()
                .executor(daemonExecutor())
                .proxy(HttpClient.Builder.NO_PROXY)
                .build();

        private static ExecutorService daemonExecutor() {
            AtomicInteger count = new AtomicInteger();
            return Executors.newCachedThreadPool(task -> {
                Thread thread = new Thread(task, "gateway-test-client-" + count.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
        }
    }

    private final URI uri;
    private final AtomicLong nextId = new AtomicLong();
    private final ReentrantLock sendLock = new ReentrantLock();

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** Every text frame, in arrival order. Guarded by {@link #lock}. */
    private final List<Frame> received = new ArrayList<>();
    /** Text frames not consumed yet, in arrival order. Guarded by {@link #lock}. */
    private final LinkedHashSet<Frame> unconsumed = new LinkedHashSet<>();
    /** Binary messages not consumed yet. Guarded by {@link #lock}. */
    private final ArrayDeque<byte[]> binaries = new ArrayDeque<>();
    /** Guarded by {@link #lock}. */
    private int binaryCount;
    /** How the connection ended; {@code null} while it has not. Guarded by {@link #lock}. */
    private CloseStatus closeStatus;
    /** Whether this client started closing ({@link #close} or {@link #abort}). Guarded by {@link #lock}. */
    private boolean closing;

    private volatile WebSocket webSocket;
    private final Object pingLock = new Object();
    private int pings;
    private final Object readLock = new Object();
    private boolean readingPaused;
    private boolean readOwed;

    private GatewayTestClient(URI uri) {
        this.uri = uri;
    }

    /** Connects with {@link ClientOptions#defaults()} and waits until the connection is open. */
    public static GatewayTestClient connect(URI uri) {
        return connect(uri, ClientOptions.defaults());
    }

    /**
     * Connects and waits until the connection is open (at most the connect timeout of the options, 10 s by default).
     * {@code http}/{@code https} URIs are used as {@code ws}/{@code wss}.
     *
     * <p>
     * When the handshake has not finished after 2 s, the client sends the same handshake once more on a plain socket
     * to read the HTTP status: Tyrus on Grizzly refuses handshakes (e.g. a failed origin check, 403) with a response
     * that {@code java.net.http} waits on forever. A refusal is then reported after about 2 s with its status.
     *
     * @throws GatewayConnectException  when the handshake was refused (with its HTTP status), the connection failed or
     *                                  timed out
     * @throws IllegalArgumentException when the JDK client refuses a header of the options
     */
    public static GatewayTestClient connect(URI uri, ClientOptions options) {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(options, "options");
        URI target = webSocketUri(uri);
        GatewayTestClient client = new GatewayTestClient(target);
        WebSocket.Builder builder = Shared.HTTP.newWebSocketBuilder().connectTimeout(options.connectTimeout());
        options.headers().forEach((name, values) -> values.forEach(value -> {
            try {
                builder.header(name, value);
            } catch (IllegalArgumentException e) {
                throw refusedHeader(name, e);
            }
        }));
        List<String> protocols = options.subprotocols();
        if (!protocols.isEmpty()) {
            builder.subprotocols(protocols.get(0), protocols.subList(1, protocols.size()).toArray(String[]::new));
        }

        CompletableFuture<WebSocket> opening;
        try {
            opening = builder.buildAsync(target, client.new Listener());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot connect to " + target + ": " + e.getMessage(), e);
        }
        // The JDK's connectTimeout only covers the TCP connection: bound the whole handshake here.
        long deadline = System.nanoTime() + options.connectTimeout().toNanos();
        try {
            try {
                client.webSocket = opening.get(Math.min(PROBE_AFTER.toNanos(), options.connectTimeout().toNanos()),
                        TimeUnit.NANOSECONDS);
                return client;
            } catch (TimeoutException slow) {
                // Maybe a refusal the JDK cannot see (response without Content-Length on an open connection):
                // ask the server again on a plain socket and fail fast with its status.
                int status = HandshakeProbe.status(target, options, PROBE_TIMEOUT);
                if (status > 0 && status != 101 && !opening.isDone()) {
                    abandon(opening);
                    throw new GatewayConnectException(target, status, "WebSocket handshake with " + target
                            + " refused: HTTP " + status + " (the server sent the response without Content-Length"
                            + " and kept the connection open, so java.net.http.WebSocket could not report it;"
                            + " status read by a second handshake on a plain socket)", null);
                }
            }
            client.webSocket = opening.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return client;
        } catch (ExecutionException e) {
            throw connectFailure(target, options, e.getCause());
        } catch (TimeoutException e) {
            abandon(opening);
            throw new GatewayConnectException(target, -1, "WebSocket connection to " + target + " not open within "
                    + format(options.connectTimeout()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abandon(opening);
            throw new GatewayConnectException(target, -1, "interrupted while connecting to " + target, e);
        }
    }

    /** Drops the connection should the JDK still open it (cancelling its future does not stop the handshake). */
    private static void abandon(CompletableFuture<WebSocket> opening) {
        opening.thenAccept(WebSocket::abort);
    }

    /** Sends {@code {"event":event,"data":data}} without an id; {@code data} is serialized with JSON-B. */
    public void emit(String event, Object data) {
        sendText(encode(event, null, data));
    }

    /** Sends the event with a new id and waits (10 s) for the frame echoing that id: the reply or an exception. */
    public Frame request(String event, Object data) {
        return request(event, data, DEFAULT_TIMEOUT);
    }

    /** Sends the event with a new id ({@code "1"}, {@code "2"}, ...) and waits for the frame echoing that id. */
    public Frame request(String event, Object data, Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        String id = Long.toString(nextId.incrementAndGet());
        sendText(encode(event, id, data));
        return await(frame -> id.equals(frame.idAsString()),
                "the reply to request \"" + event + "\" with id \"" + id + "\"", timeout);
    }

    /** Waits for the first unconsumed text frame with that event and consumes it. */
    public Frame awaitEvent(String event, Duration timeout) {
        Objects.requireNonNull(event, "event");
        return await(frame -> event.equals(frame.event()), "a frame with event \"" + event + "\"", timeout);
    }

    /** Waits for the next unconsumed text frame, whatever its event, and consumes it. */
    public Frame awaitFrame(Duration timeout) {
        return await(frame -> true, "a text frame", timeout);
    }

    /** A snapshot of every text frame received so far, consumed or not, in arrival order. */
    public List<Frame> frames() {
        lock.lock();
        try {
            return List.copyOf(received);
        } finally {
            lock.unlock();
        }
    }

    /** Waits for the next unconsumed binary message and consumes it. */
    public byte[] awaitBinary(Duration timeout) {
        long deadline = deadline(timeout);
        lock.lock();
        try {
            while (true) {
                byte[] bytes = binaries.poll();
                if (bytes != null) {
                    return bytes;
                }
                if (closeStatus != null) {
                    throw new AssertionError("expected a binary message but the connection was closed"
                            + describe());
                }
                if (!awaitChange(deadline)) {
                    throw new AssertionError("timed out after " + format(timeout)
                            + " waiting for a binary message" + describe());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for a binary message", e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Sends a request whose reply is a stream and returns its id: the items arrive as frames with the event and this id,
     * then a frame for which {@link Frame#isEnd()} is true (or an error frame with the id).
     */
    public String stream(String event, Object data) {
        Objects.requireNonNull(event, "event");
        String id = Long.toString(nextId.incrementAndGet());
        sendText(encode(event, id, data));
        return id;
    }

    /** Asks the server to stop the stream with this event and id: {@code {"event":..,"id":..,"cancel":true}}. */
    public void cancel(String event, String id) {
        sendText("{\"event\":" + JsonSupport.quote(event) + ",\"id\":" + JsonSupport.quote(id) + ",\"cancel\":true}");
    }

    /** Waits for the next unconsumed frame carrying this id (an item, the end, or an error) and consumes it. */
    public Frame awaitStreamFrame(String id, Duration timeout) {
        return await(frame -> id.equals(frame.idAsString()), "a frame of the stream with id \"" + id + "\"",
                timeout);
    }

    /** Sends a raw text frame and waits until it was sent. */
    public void sendText(String raw) {
        Objects.requireNonNull(raw, "raw");
        send("text frame", ws -> ws.sendText(raw, true));
    }

    /**
     * Sends one text message as several frames (a first frame and continuation frames), waiting for each: for testing
     * how a server assembles fragmented messages.
     */
    public void sendTextFragments(String... parts) {
        if (parts.length == 0) {
            throw new IllegalArgumentException("at least one part");
        }
        for (int i = 0; i < parts.length; i++) {
            String part = Objects.requireNonNull(parts[i], "part");
            boolean last = i == parts.length - 1;
            send("text fragment", ws -> ws.sendText(part, last));
        }
    }

    /** Sends a binary frame and waits until it was sent. */
    public void sendBinary(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        ByteBuffer buffer = ByteBuffer.wrap(bytes.clone());
        send("binary frame", ws -> ws.sendBinary(buffer, true));
    }

    /**
     * Waits until the connection ended: the server's close frame, or {@code 1006} when the TCP connection dropped.
     *
     * @throws AssertionError when the connection is still open after the timeout
     */
    public CloseStatus awaitClose(Duration timeout) {
        long deadline = deadline(timeout);
        lock.lock();
        try {
            while (closeStatus == null) {
                if (!awaitChange(deadline)) {
                    throw new AssertionError("timed out after " + format(timeout)
                            + " waiting for the server to close the connection" + describe());
                }
            }
            return closeStatus;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the connection to close", e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits (10 s) until the connection ended and checks its close code.
     *
     * @throws AssertionError when the connection is still open or was closed with another code
     */
    public CloseStatus expectClose(int code) {
        CloseStatus status = awaitClose(DEFAULT_TIMEOUT);
        if (status.code() != code) {
            String description;
            lock.lock();
            try {
                description = describe();
            } finally {
                lock.unlock();
            }
            throw new AssertionError("expected the connection to be closed with code " + code
                    + " but it was closed with code " + status.code() + " and reason \"" + status.reason() + "\""
                    + description);
        }
        return status;
    }

    /**
     * Checks that no unconsumed text frame is present during the window: frames received before this call and not
     * consumed count too, so consume the expected frames first. Returns early when the connection is closed.
     *
     * @throws AssertionError as soon as an unconsumed text frame is present
     */
    public void assertNoFrame(Duration within) {
        long deadline = deadline(within);
        lock.lock();
        try {
            while (true) {
                if (!unconsumed.isEmpty()) {
                    throw new AssertionError("expected no text frame within " + format(within) + " but received "
                            + abbreviate(unconsumed.iterator().next().raw()) + describe());
                }
                if (closeStatus != null || !awaitChange(deadline)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while checking that no frame arrives", e);
        } finally {
            lock.unlock();
        }
    }

    /** Whether the connection is open: opened, not closed by the server, and {@link #close} not called. */
    public boolean isOpen() {
        WebSocket ws = webSocket;
        lock.lock();
        try {
            return ws != null && !closing && closeStatus == null && !ws.isInputClosed() && !ws.isOutputClosed();
        } finally {
            lock.unlock();
        }
    }

    /** The subprotocol the server selected, or {@code ""} when none. */
    public String subprotocol() {
        WebSocket ws = webSocket;
        return ws == null ? "" : ws.getSubprotocol();
    }

    /** The URI this client is connected to. */
    public URI uri() {
        return uri;
    }

    /** How the connection ended, or {@code null} while it is open. Does not wait. */
    public CloseStatus closeStatus() {
        lock.lock();
        try {
            return closeStatus;
        } finally {
            lock.unlock();
        }
    }

    /** Closes normally (1000) and waits (at most 5 s) for the server's close frame; idempotent, never throws. */
    @Override
    public void close() {
        closeQuietly(1000, "");
    }

    /**
     * Closes with the code and reason and waits (at most 5 s) for the server's close frame, then drops the TCP
     * connection if it is still there. Does nothing when the connection has already ended or is closing.
     *
     * @throws IllegalArgumentException when the JDK client may not send the code (only 1000, 1001, 1008, 1011 and
     *                                  3000&ndash;4999 are allowed) or the reason is longer than 123 UTF-8 bytes
     */
    public void close(int code, String reason) {
        String why = reason == null ? "" : reason;
        if (!isSendableCloseCode(code)) {
            throw new IllegalArgumentException("java.net.http.WebSocket cannot send close code " + code
                    + "; allowed are 1000, 1001, 1008, 1011 and 3000-4999");
        }
        if (why.getBytes(StandardCharsets.UTF_8).length > 123) {
            throw new IllegalArgumentException("close reason longer than 123 UTF-8 bytes: " + why);
        }
        closeQuietly(code, why);
    }

    /** Drops the TCP connection without a close handshake; records close code 1006. Never throws. */
    public void abort() {
        WebSocket ws = webSocket;
        lock.lock();
        try {
            closing = true;
        } finally {
            lock.unlock();
        }
        if (ws != null) {
            ws.abort();
        }
        ended(new CloseStatus(ABNORMAL_CLOSURE, "aborted by the client"));
    }

    @Override
    public String toString() {
        return "GatewayTestClient[" + uri + "]";
    }

    // ------------------------------------------------------------------------------------------------------------

    private void closeQuietly(int code, String reason) {
        WebSocket ws = webSocket;
        lock.lock();
        try {
            if (ws == null || closing || closeStatus != null) {
                return;
            }
            closing = true;
        } finally {
            lock.unlock();
        }
        try {
            sendLock.lock();
            try {
                ws.sendClose(code, reason).get(SEND_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
            } finally {
                sendLock.unlock();
            }
            long deadline = deadline(CLOSE_TIMEOUT);
            lock.lock();
            try {
                while (closeStatus == null && awaitChange(deadline)) {
                    // wait for the server's close frame
                }
            } finally {
                lock.unlock();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            // the connection is gone or stuck: abort below
        }
        boolean answered;
        lock.lock();
        try {
            answered = closeStatus != null;
        } finally {
            lock.unlock();
        }
        if (!answered) {
            ws.abort();
            ended(new CloseStatus(ABNORMAL_CLOSURE,
                    "no close frame from the server within " + format(CLOSE_TIMEOUT) + " after the client's close"));
        }
    }

    private static boolean isSendableCloseCode(int code) {
        return code == 1000 || code == 1001 || code == 1008 || code == 1011 || (code >= 3000 && code <= 4999);
    }

    private interface SendAction {

        CompletableFuture<WebSocket> send(WebSocket ws);
    }

    private void send(String what, SendAction action) {
        sendLock.lock();
        try {
            WebSocket ws = webSocket;
            checkOpenForSending(what);
            CompletableFuture<WebSocket> sent = action.send(ws);
            try {
                sent.get(SEND_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                checkOpenForSending(what);
                Throwable cause = e.getCause();
                if (cause instanceof IOException io) {
                    throw new UncheckedIOException("cannot send " + what + " to " + uri + ": " + io.getMessage(), io);
                }
                throw new IllegalStateException("cannot send " + what + " to " + uri + ": " + cause, cause);
            } catch (TimeoutException e) {
                throw new AssertionError("sending a " + what + " did not complete within " + format(SEND_TIMEOUT)
                        + " (is the server reading?)" + describeLocked(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while sending a " + what, e);
            }
        } finally {
            sendLock.unlock();
        }
    }

    private void checkOpenForSending(String what) {
        WebSocket ws = webSocket;
        lock.lock();
        try {
            if (closeStatus != null) {
                throw new IllegalStateException("cannot send " + what + ": the connection to " + uri
                        + " is closed (" + closeStatus + ")");
            }
            if (closing || ws == null || ws.isOutputClosed()) {
                throw new IllegalStateException("cannot send " + what + ": the client is closing the connection to "
                        + uri);
            }
        } finally {
            lock.unlock();
        }
    }

    private Frame await(Predicate<Frame> matcher, String expected, Duration timeout) {
        long deadline = deadline(timeout);
        lock.lock();
        try {
            while (true) {
                for (Iterator<Frame> it = unconsumed.iterator(); it.hasNext();) {
                    Frame frame = it.next();
                    if (matcher.test(frame)) {
                        it.remove();
                        return frame;
                    }
                }
                if (closeStatus != null) {
                    throw new AssertionError("expected " + expected + " but the connection was closed"
                            + describe());
                }
                if (!awaitChange(deadline)) {
                    throw new AssertionError("timed out after " + format(timeout) + " waiting for " + expected
                            + describe());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + expected, e);
        } finally {
            lock.unlock();
        }
    }

    /** Waits for a change until the deadline; {@code false} when the deadline has passed. Caller holds the lock. */
    private boolean awaitChange(long deadline) throws InterruptedException {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
            return false;
        }
        changed.awaitNanos(remaining);
        return true;
    }

    private static long deadline(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        long nanos;
        try {
            nanos = timeout.toNanos();
        } catch (ArithmeticException tooLong) {
            nanos = Long.MAX_VALUE / 4;
        }
        return System.nanoTime() + Math.max(0, Math.min(nanos, Long.MAX_VALUE / 4));
    }

    private String describeLocked() {
        lock.lock();
        try {
            return describe();
        } finally {
            lock.unlock();
        }
    }

    /** State for failure messages. Caller holds the lock. */
    private String describe() {
        StringBuilder out = new StringBuilder("\n  connection: ").append(uri).append(' ');
        if (closeStatus != null) {
            out.append("closed (").append(closeStatus).append(')');
        } else {
            out.append(closing ? "closing" : "open");
        }
        out.append("\n  text frames received: ").append(received.size())
                .append(" (").append(unconsumed.size()).append(" not consumed)");
        int skip = Math.max(0, received.size() - MAX_FRAMES_IN_MESSAGE);
        if (skip > 0) {
            out.append("\n    ... ").append(skip).append(" earlier frames");
        }
        for (Frame frame : received.subList(skip, received.size())) {
            out.append(unconsumed.contains(frame) ? "\n    " : "\n    (consumed) ").append(abbreviate(frame.raw()));
        }
        if (binaryCount > 0) {
            out.append("\n  binary messages received: ").append(binaryCount)
                    .append(" (").append(binaries.size()).append(" not consumed)");
        }
        return out.toString();
    }

    private static String abbreviate(String raw) {
        return raw.length() <= MAX_FRAME_CHARS_IN_MESSAGE
                ? raw
                : raw.substring(0, MAX_FRAME_CHARS_IN_MESSAGE) + "... (" + raw.length() + " chars)";
    }

    private static String format(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static String encode(String event, String id, Object data) {
        Objects.requireNonNull(event, "event");
        StringBuilder json = new StringBuilder("{\"event\":").append(JsonSupport.quote(event));
        if (id != null) {
            json.append(",\"id\":").append(JsonSupport.quote(id));
        }
        return json.append(",\"data\":").append(JsonSupport.toJson(data)).append('}').toString();
    }

    private static URI webSocketUri(URI uri) {
        String scheme = uri.getScheme();
        if ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) {
            String ws = scheme.length() == 4 ? "ws" : "wss";
            return URI.create(ws + uri.toString().substring(scheme.length()));
        }
        return uri;
    }

    private static IllegalArgumentException refusedHeader(String name, IllegalArgumentException e) {
        String hint = name.equalsIgnoreCase("Sec-WebSocket-Protocol") ? " (use ClientOptions.subprotocol(...))" : "";
        return new IllegalArgumentException("java.net.http.WebSocket refuses the handshake header \"" + name + "\""
                + hint + ": " + e.getMessage(), e);
    }

    private static RuntimeException connectFailure(URI target, ClientOptions options, Throwable cause) {
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof WebSocketHandshakeException handshake) {
            int status = handshake.getResponse() == null ? -1 : handshake.getResponse().statusCode();
            return new GatewayConnectException(target, status,
                    "WebSocket handshake with " + target + " refused: HTTP " + status, handshake);
        }
        if (cause instanceof IllegalArgumentException illegal) {
            for (Map.Entry<String, List<String>> header : options.headers().entrySet()) {
                if (String.valueOf(illegal.getMessage()).toLowerCase().contains(header.getKey().toLowerCase())) {
                    return refusedHeader(header.getKey(), illegal);
                }
            }
            return new IllegalArgumentException("cannot connect to " + target + ": " + illegal.getMessage(), illegal);
        }
        return new GatewayConnectException(target, -1,
                "WebSocket connection to " + target + " failed: " + cause, cause);
    }

    // ---------------------------------------------------------------------------------------------- listener side

    private void textReceived(String raw) {
        Frame frame = Frame.parse(raw);
        lock.lock();
        try {
            received.add(frame);
            unconsumed.add(frame);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void binaryReceived(byte[] bytes) {
        lock.lock();
        try {
            binaries.add(bytes);
            binaryCount++;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Records how the connection ended; the first record wins. */
    private void ended(CloseStatus status) {
        lock.lock();
        try {
            if (closeStatus == null) {
                closeStatus = status;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void requestNext(WebSocket ws) {
        synchronized (readLock) {
            if (readingPaused) {
                readOwed = true;
                return;
            }
        }
        ws.request(1);
    }

    /** Pings received from the server so far (the client answers each with a pong by itself). */
    public int pings() {
        synchronized (pingLock) {
            return pings;
        }
    }

    /** Waits until at least {@code n} pings arrived from the server. */
    public void awaitPings(int n, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (pingLock) {
            while (pings < n) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("Expected " + n + " pings within " + timeout + " but got " + pings);
                }
                try {
                    pingLock.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted", e);
                }
            }
        }
    }

    /**
     * Stops reading from the connection after the message being received, as a client that hangs would: the server's
     * writes then back up, first in the TCP buffers, then in its outbound queue for this client. For tests of slow
     * consumers.
     */
    public void pauseReading() {
        synchronized (readLock) {
            readingPaused = true;
        }
    }

    /** Reads again after {@link #pauseReading()}. */
    public void resumeReading() {
        boolean request;
        synchronized (readLock) {
            readingPaused = false;
            request = readOwed;
            readOwed = false;
        }
        WebSocket ws = webSocket;
        if (request && ws != null) {
            ws.request(1);
        }
    }

    /** Invoked sequentially by the JDK (each call happens-before the next), so the buffers need no locking. */
    private final class Listener implements WebSocket.Listener {

        private final StringBuilder text = new StringBuilder();
        private ByteArrayOutputStream binary;

        @Override
        public void onOpen(WebSocket ws) {
            webSocket = ws;
            ws.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                String raw = text.toString();
                text.setLength(0);
                if (text.capacity() > 64 * 1024) {
                    text.trimToSize();
                }
                textReceived(raw);
            }
            requestNext(ws);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            if (binary == null) {
                binary = new ByteArrayOutputStream(Math.max(32, data.remaining()));
            }
            byte[] chunk = new byte[data.remaining()];
            data.get(chunk);
            binary.writeBytes(chunk);
            if (last) {
                byte[] bytes = binary.toByteArray();
                binary = null;
                binaryReceived(bytes);
            }
            requestNext(ws);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            // returning null lets the JDK answer with a close frame (same code) and close the TCP connection
            ended(new CloseStatus(statusCode, reason));
            return null;
        }

        @Override
        public CompletionStage<?> onPing(WebSocket ws, ByteBuffer message) {
            synchronized (pingLock) {
                pings++;
                pingLock.notifyAll();
            }
            requestNext(ws); // the JDK answers with a pong by itself
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            String message = error.getMessage() == null ? error.toString() : error.getMessage();
            ended(new CloseStatus(ABNORMAL_CLOSURE, message));
        }
    }
}
