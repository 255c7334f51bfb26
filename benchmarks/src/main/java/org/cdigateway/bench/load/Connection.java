package org.cdigateway.bench.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/** One load-generator connection: whole text messages to a consumer, sends chained so that one is pending at a time. */
final class Connection implements WebSocket.Listener {

    private final StringBuilder parts = new StringBuilder();
    private volatile Consumer<String> consumer = m -> {};
    private WebSocket ws;
    private CompletableFuture<WebSocket> sending;
    private volatile boolean engineIo;

    static CompletableFuture<Connection> open(HttpClient client, URI uri) {
        return open(client, uri, new Connection());
    }

    /**
     * Opens a connection to the main Socket.IO namespace: waits for Engine.IO's open packet, sends {@code 40}, and
     * completes once the server confirmed it; the server's pings are answered here and never reach the consumer.
     */
    static CompletableFuture<Connection> openSocketIo(HttpClient client, URI uri) {
        Connection c = new Connection();
        c.engineIo = true;
        CompletableFuture<Connection> connected = new CompletableFuture<>();
        c.consumer = m -> { // set before the socket opens: the open packet comes at once
            if (m.startsWith("0{")) {
                c.send("40");
            } else if (m.startsWith("40")) {
                connected.complete(c);
            }
        };
        return open(client, uri, c).thenCompose(opened -> connected);
    }

    private static CompletableFuture<Connection> open(HttpClient client, URI uri, Connection c) {
        return client.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30)).buildAsync(uri, c)
                .thenApply(ws -> {
                    synchronized (c) {
                        c.ws = ws;
                        if (c.sending == null) {
                            c.sending = CompletableFuture.completedFuture(ws);
                        }
                    }
                    return c;
                });
    }

    void onMessage(Consumer<String> consumer) {
        this.consumer = consumer;
    }

    /** Queues a text frame behind the ones not yet sent. */
    synchronized void send(String text) {
        sending = sending.thenCompose(w -> w.sendText(text, true));
    }

    void abort() {
        if (ws != null) {
            ws.abort();
        }
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        synchronized (this) { // before any message: a consumer may answer the first one
            ws = webSocket;
            if (sending == null) {
                sending = CompletableFuture.completedFuture(webSocket);
            }
        }
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        if (!last) {
            parts.append(data);
        } else {
            String message;
            if (parts.length() == 0) {
                message = data.toString();
            } else {
                message = parts.append(data).toString();
                parts.setLength(0);
            }
            if (engineIo && message.equals("2")) {
                send("3");
            } else {
                consumer.accept(message);
            }
        }
        webSocket.request(1);
        return null;
    }

    /** The {@code "t":<nanos>} a bench message carries. */
    static long timestamp(String message) {
        return number(message, "\"t\":");
    }

    /** The integer after the first {@code key} (such as {@code "t":}) in the message; -1 when there is none. */
    static long number(String message, String key) {
        int i = message.indexOf(key);
        return i < 0 ? -1 : number(message, i + key.length());
    }

    /** The integer that starts at {@code from}; -1 when none does. */
    static long number(String message, int from) {
        long n = 0;
        boolean negative = from < message.length() && message.charAt(from) == '-';
        int j = negative ? from + 1 : from;
        int digits = j;
        for (; j < message.length(); j++) {
            char ch = message.charAt(j);
            if (ch < '0' || ch > '9') {
                break;
            }
            n = n * 10 + (ch - '0');
        }
        if (j == digits) {
            return -1;
        }
        return negative ? -n : n;
    }
}
