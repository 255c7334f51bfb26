package org.cdigateway.junit5.client;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * A WebSocket client over a plain socket that can offer {@code permessage-deflate} (RFC 7692), for checking what a
 * server answers and writes byte by byte: the handshake's {@code Sec-WebSocket-Extensions}, whether each message came
 * compressed (RSV1) and how many bytes it took on the wire. {@code java.net.http.WebSocket} neither offers the
 * extension nor shows frames, hence this client.
 *
 * <pre>{@code
 * try (DeflateWebSocketClient c = DeflateWebSocketClient.connect(uri, DeflateWebSocketClient.OFFER)) {
 *     assertThat(c.extensions()).startsWith("permessage-deflate");
 *     c.send("{\"event\":\"echo\",\"data\":\"...\"}");
 *     DeflateWebSocketClient.Message m = c.next(Duration.ofSeconds(10));
 *     assertThat(m.compressed()).isTrue();
 * }
 * }</pre>
 *
 * Text messages only, over {@code ws://}; pings are answered; the compressor keeps its context between messages, as
 * the extension does unless told otherwise.
 */
public final class DeflateWebSocketClient implements AutoCloseable {

    /** The offer browsers make. */
    public static final String OFFER = "permessage-deflate; client_max_window_bits";

    /** A text message from the server: its text, whether it came compressed, and its frames' bytes on the wire. */
    public record Message(String text, boolean compressed, long wireBytes) {}

    /** The server's close frame (or 1006 when the connection ended without one). */
    public record Closed(int code, String reason) {}

    private static final byte[] TAIL = {0, 0, (byte) 0xFF, (byte) 0xFF};
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;
    private final String extensions;
    private final boolean deflate;
    private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    private final Inflater inflater = new Inflater(true);
    private final BlockingQueue<Object> received = new LinkedBlockingQueue<>();

    private DeflateWebSocketClient(URI uri, String offer) throws IOException {
        int port = uri.getPort() > 0 ? uri.getPort() : 80;
        socket = new Socket();
        socket.connect(new InetSocketAddress(uri.getHost(), port), 10_000);
        out = socket.getOutputStream();
        in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        String request = "GET " + path + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + port
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: "
                + Base64.getEncoder().encodeToString(nonce) + "\r\n"
                + (offer == null ? "" : "Sec-WebSocket-Extensions: " + offer + "\r\n") + "\r\n";
        out.write(request.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        String status = line(in);
        if (!status.startsWith("HTTP/1.1 101")) {
            socket.close();
            throw new IOException("the server did not upgrade: " + status);
        }
        StringBuilder answered = new StringBuilder();
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            int colon = header.indexOf(':');
            if (colon > 0 && header.substring(0, colon).strip().equalsIgnoreCase("Sec-WebSocket-Extensions")) {
                answered.append(answered.length() == 0 ? "" : ", ").append(header.substring(colon + 1).strip());
            }
        }
        extensions = answered.toString();
        deflate = extensions.toLowerCase(Locale.ROOT).startsWith("permessage-deflate");
        Thread reader = new Thread(this::read, "deflate-client-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Connects to {@code uri} ({@code ws://host:port/path}), offering {@code offer} in {@code Sec-WebSocket-Extensions}
     * ({@link #OFFER}), or nothing when null.
     */
    public static DeflateWebSocketClient connect(URI uri, String offer) {
        try {
            return new DeflateWebSocketClient(uri, offer);
        } catch (IOException e) {
            throw new GatewayConnectException(uri, -1, "Could not connect to " + uri + ": " + e.getMessage(), e);
        }
    }

    /** The server's {@code Sec-WebSocket-Extensions} answer, or "" when it agreed on none. */
    public String extensions() {
        return extensions;
    }

    /** Whether the connection agreed on {@code permessage-deflate}. */
    public boolean compressing() {
        return deflate;
    }

    /** Sends a text message, compressed when the connection agreed on it. */
    public DeflateWebSocketClient send(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        if (!deflate) {
            return sendFrame(false, utf8);
        }
        deflater.setInput(utf8);
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        int n;
        do {
            n = deflater.deflate(chunk, 0, chunk.length, Deflater.SYNC_FLUSH);
            compressed.write(chunk, 0, n);
        } while (n == chunk.length);
        byte[] payload = compressed.toByteArray();
        return sendFrame(true, Arrays.copyOf(payload, payload.length - TAIL.length)); // ends with the flush's tail
    }

    /** Sends one whole text frame with this payload, as it is, with RSV1 as given: for frames no encoder would write. */
    public synchronized DeflateWebSocketClient sendFrame(boolean rsv1, byte[] payload) {
        try {
            ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
            frame.write(0x80 | (rsv1 ? 0x40 : 0) | 0x1);
            if (payload.length < 126) {
                frame.write(0x80 | payload.length);
            } else if (payload.length <= 0xFFFF) {
                frame.write(0x80 | 126);
                frame.write(payload.length >>> 8);
                frame.write(payload.length);
            } else {
                frame.write(0x80 | 127);
                for (int i = 7; i >= 0; i--) {
                    frame.write(i >= 4 ? 0 : payload.length >>> (8 * i));
                }
            }
            byte[] mask = new byte[4];
            RANDOM.nextBytes(mask);
            frame.write(mask);
            for (int i = 0; i < payload.length; i++) {
                frame.write(payload[i] ^ mask[i & 3]);
            }
            out.write(frame.toByteArray());
            out.flush();
            return this;
        } catch (IOException e) {
            throw new IllegalStateException("could not send: " + e.getMessage(), e);
        }
    }

    /** The next text message; fails when none came within {@code wait} or the connection closed. */
    public Message next(Duration wait) throws InterruptedException {
        Object next = received.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        if (next instanceof Message m) {
            return m;
        }
        throw new AssertionError(next == null ? "no message within " + wait : "expected a message, got " + next);
    }

    /** The server's close, skipping the messages before it; fails when none came within {@code wait}. */
    public Closed awaitClose(Duration wait) throws InterruptedException {
        long end = System.nanoTime() + wait.toNanos();
        while (true) {
            Object next = received.poll(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (next == null) {
                throw new AssertionError("no close within " + wait);
            }
            if (next instanceof Closed c) {
                return c;
            }
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closed anyway
        }
        deflater.end();
    }

    private void read() {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        boolean compressed = false;
        long wire = 0;
        try {
            while (true) {
                int b0 = in.readUnsignedByte();
                int b1 = in.readUnsignedByte();
                long length = b1 & 0x7F;
                int header = 2;
                if (length == 126) {
                    length = in.readUnsignedShort();
                    header += 2;
                } else if (length == 127) {
                    length = in.readLong();
                    header += 8;
                }
                byte[] payload = new byte[(int) length];
                in.readFully(payload);
                int opcode = b0 & 0x0F;
                boolean fin = (b0 & 0x80) != 0;
                if (opcode == 0x9) {
                    sendControl(0xA, payload);
                    continue;
                }
                if (opcode == 0x8) {
                    int code = payload.length >= 2 ? (payload[0] & 0xFF) << 8 | payload[1] & 0xFF : 1005;
                    String reason = payload.length > 2
                            ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8)
                            : "";
                    received.add(new Closed(code, reason));
                    sendControl(0x8, Arrays.copyOf(payload, Math.min(2, payload.length)));
                    return;
                }
                if (opcode == 0x1 || opcode == 0x2) {
                    compressed = (b0 & 0x40) != 0;
                    message.reset();
                    wire = 0;
                }
                wire += header + length;
                message.write(payload);
                if (fin) {
                    byte[] data = message.toByteArray();
                    received.add(new Message(new String(compressed ? inflate(data) : data, StandardCharsets.UTF_8),
                            compressed, wire));
                }
            }
        } catch (EOFException e) {
            received.add(new Closed(1006, "ended without a close frame"));
        } catch (IOException | DataFormatException | RuntimeException e) {
            received.add(new Closed(1006, String.valueOf(e)));
        } finally {
            inflater.end();
        }
    }

    private byte[] inflate(byte[] data) throws DataFormatException {
        byte[] input = Arrays.copyOf(data, data.length + TAIL.length);
        System.arraycopy(TAIL, 0, input, data.length, TAIL.length);
        inflater.setInput(input);
        ByteArrayOutputStream plain = new ByteArrayOutputStream(data.length * 4);
        byte[] chunk = new byte[8192];
        while (true) {
            int n = inflater.inflate(chunk);
            plain.write(chunk, 0, n);
            if (n == 0 && (inflater.needsInput() || inflater.finished())) {
                return plain.toByteArray();
            }
        }
    }

    private synchronized void sendControl(int opcode, byte[] payload) throws IOException {
        byte[] frame = new byte[6 + payload.length];
        frame[0] = (byte) (0x80 | opcode);
        frame[1] = (byte) (0x80 | payload.length);
        byte[] mask = new byte[4];
        RANDOM.nextBytes(mask);
        System.arraycopy(mask, 0, frame, 2, 4);
        for (int i = 0; i < payload.length; i++) {
            frame[6 + i] = (byte) (payload[i] ^ mask[i & 3]);
        }
        try {
            out.write(frame);
            out.flush();
        } catch (IOException e) {
            // the server closed first
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new EOFException("the connection ended in the handshake");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }
}
