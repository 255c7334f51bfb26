package org.cdigateway.bench.load;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client on a bare socket, cheap enough to hold thousands of and able to end a connection in ways a
 * client library does not: without a close frame (a TCP reset), or halfway through the handshake.
 *
 * <p>
 * Blocking use ({@link #connect}, {@link #sendText}, {@link #nextText}, {@link #close}) waits at most the timeout
 * given to {@link #connect} for each read. Held idle, the connection goes non-blocking and a {@link PongResponder}
 * reads it. Either way, a ping from the server is answered with a pong carrying the same payload, as RFC 6455
 * requires, so that a server's heartbeat never takes the connection for dead.
 */
final class RawWebSocket implements Closeable {

    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final int TEXT = 0x1, CONTINUATION = 0x0, CLOSE = 0x8, PING = 0x9, PONG = 0xA;

    private final SocketChannel channel;
    private final Socket socket;
    private final InputStream in; // blocking reads, honouring the socket's timeout
    private byte[] buffer = new byte[1024];
    private int start;
    private int end;
    private final StringBuilder fragments = new StringBuilder();
    private boolean closeReceived;
    private long pongsSent;

    private RawWebSocket(SocketChannel channel) throws IOException {
        this.channel = channel;
        this.socket = channel.socket();
        this.in = socket.getInputStream();
    }

    /** Opens a TCP connection and does the opening handshake; throws when the server does not answer 101. */
    static RawWebSocket connect(InetSocketAddress address, String path, int timeoutMillis) throws IOException {
        return connect(address, path, timeoutMillis, null);
    }

    /**
     * {@link #connect(InetSocketAddress, String, int)} from the local address {@code source} (such as 127.0.0.2, so
     * that the ephemeral ports of one source address are not the limit); null leaves the choice to the system.
     */
    static RawWebSocket connect(InetSocketAddress address, String path, int timeoutMillis, InetAddress source)
            throws IOException {
        RawWebSocket ws = open(address, timeoutMillis, source);
        try {
            String key = key();
            ws.write(ByteBuffer.wrap(upgradeRequest(address, path, key)));
            ws.readUpgradeResponse(key);
            return ws;
        } catch (IOException | RuntimeException e) {
            ws.abort();
            throw e;
        }
    }

    /** Opens a TCP connection without a handshake, for ending one halfway. */
    static RawWebSocket open(InetSocketAddress address, int timeoutMillis) throws IOException {
        return open(address, timeoutMillis, null);
    }

    private static RawWebSocket open(InetSocketAddress address, int timeoutMillis, InetAddress source)
            throws IOException {
        SocketChannel channel = SocketChannel.open();
        try {
            Socket s = channel.socket();
            s.setTcpNoDelay(true);
            if (source != null) {
                s.bind(new InetSocketAddress(source, 0));
            }
            s.connect(address, timeoutMillis);
            s.setSoTimeout(timeoutMillis);
            return new RawWebSocket(channel);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** The HTTP upgrade request, to send whole or in part. */
    static byte[] upgradeRequest(InetSocketAddress address, String path, String key) {
        return ("GET " + path + " HTTP/1.1\r\n" //
                + "Host: " + address.getHostString() + ":" + address.getPort() + "\r\n" //
                + "Upgrade: websocket\r\n" //
                + "Connection: Upgrade\r\n" //
                + "Sec-WebSocket-Key: " + key + "\r\n" //
                + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** A fresh {@code Sec-WebSocket-Key}. */
    static String key() {
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        return Base64.getEncoder().encodeToString(nonce);
    }

    /** Sends raw bytes, such as part of a handshake. */
    void sendRaw(byte[] bytes) throws IOException {
        write(ByteBuffer.wrap(bytes));
    }

    private void readUpgradeResponse(String key) throws IOException {
        int headerEnd;
        while ((headerEnd = indexOfBlankLine()) < 0) {
            if (end - start > 8192) {
                throw new IOException("No end of the handshake response in 8 KiB");
            }
            fill();
        }
        String head = new String(buffer, start, headerEnd - start, StandardCharsets.ISO_8859_1);
        start = headerEnd + 4; // what follows the blank line is already WebSocket frames
        if (!head.startsWith("HTTP/1.1 101")) {
            throw new IOException("Handshake refused: " + head.lines().findFirst().orElse(""));
        }
        String expected = accept(key);
        boolean accepted = head.lines().anyMatch(l -> l.regionMatches(true, 0, "Sec-WebSocket-Accept:", 0, 21)
                && l.substring(21).trim().equals(expected));
        if (!accepted) {
            throw new IOException("Wrong or missing Sec-WebSocket-Accept in " + head);
        }
    }

    private int indexOfBlankLine() {
        for (int i = start; i + 3 < end; i++) {
            if (buffer[i] == '\r' && buffer[i + 1] == '\n' && buffer[i + 2] == '\r' && buffer[i + 3] == '\n') {
                return i;
            }
        }
        return -1;
    }

    static String accept(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends a masked text frame. */
    void sendText(String text) throws IOException {
        write(frame(TEXT, text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Sends masked text frames, one per text, in one write. */
    void sendTexts(List<String> texts) throws IOException {
        ByteBuffer[] frames = new ByteBuffer[texts.size()];
        int length = 0;
        for (int i = 0; i < frames.length; i++) {
            frames[i] = frame(TEXT, texts.get(i).getBytes(StandardCharsets.UTF_8));
            length += frames[i].remaining();
        }
        ByteBuffer all = ByteBuffer.allocate(length);
        for (ByteBuffer f : frames) {
            all.put(f);
        }
        write(all.flip());
    }

    /**
     * The next text message, answering pings on the way; null when the server closed (a close frame or the end of
     * the stream).
     *
     * @throws SocketTimeoutException when nothing arrived within the timeout
     */
    String nextText() throws IOException {
        while (true) {
            String message = parse();
            if (message != null) {
                return message;
            }
            if (closeReceived) {
                return null;
            }
            if (!fillBlocking()) {
                return null;
            }
        }
    }

    /** The next text message containing {@code marker}, skipping others; null when the server closed. */
    String nextTextContaining(String marker) throws IOException {
        long deadline = deadline();
        String message;
        do {
            message = nextText();
            checkDeadline(deadline, marker);
        } while (message != null && !message.contains(marker));
        return message;
    }

    /** The time, as {@link System#nanoTime()}, one timeout from now: other messages must not keep a wait going. */
    private long deadline() throws IOException {
        return System.nanoTime() + socket.getSoTimeout() * 1_000_000L;
    }

    private static void checkDeadline(long deadline, String awaited) throws SocketTimeoutException {
        if (System.nanoTime() - deadline > 0) {
            throw new SocketTimeoutException("Other messages only, no " + awaited + " within the timeout");
        }
    }

    /**
     * Parses the complete frames in the buffer: answers pings, notes a close; returns the first whole text message,
     * or null when the buffer holds none.
     */
    private String parse() throws IOException {
        while (end - start >= 2) {
            int b0 = buffer[start] & 0xFF;
            int b1 = buffer[start + 1] & 0xFF;
            int header = 2;
            long length = b1 & 0x7F;
            if (length == 126) {
                if (end - start < 4) {
                    return null;
                }
                length = ((buffer[start + 2] & 0xFF) << 8) | (buffer[start + 3] & 0xFF);
                header = 4;
            } else if (length == 127) {
                if (end - start < 10) {
                    return null;
                }
                length = ByteBuffer.wrap(buffer, start + 2, 8).getLong();
                header = 10;
            }
            if ((b1 & 0x80) != 0) {
                throw new IOException("The server sent a masked frame");
            }
            if (length > 16 * 1024 * 1024) {
                throw new IOException("Frame of " + length + " bytes");
            }
            if (end - start < header + length) {
                ensureRoom(header + (int) length);
                return null;
            }
            int payload = start + header;
            start = payload + (int) length;
            boolean fin = (b0 & 0x80) != 0;
            switch (b0 & 0x0F) {
                case TEXT, CONTINUATION -> {
                    String part = new String(buffer, payload, (int) length, StandardCharsets.UTF_8);
                    if (fin && fragments.length() == 0) {
                        return part;
                    }
                    fragments.append(part);
                    if (fin) {
                        String whole = fragments.toString();
                        fragments.setLength(0);
                        return whole;
                    }
                }
                case PING -> {
                    write(frame(PONG, Arrays.copyOfRange(buffer, payload, payload + (int) length)));
                    pongsSent++;
                }
                case CLOSE -> {
                    closeReceived = true;
                    return null;
                }
                default -> {
                    // a pong or a binary frame: nothing to do
                }
            }
        }
        return null;
    }

    private void ensureRoom(int frameLength) {
        if (start > 0 && (end == buffer.length || buffer.length - start < frameLength)) {
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }
        if (buffer.length < frameLength) {
            buffer = Arrays.copyOf(buffer, Math.max(frameLength, 2 * buffer.length));
        }
    }

    private void fill() throws IOException {
        if (!fillBlocking()) {
            throw new EOFException("The server closed the connection");
        }
    }

    /** Reads what is there, blocking up to the timeout; false at the end of the stream. */
    private boolean fillBlocking() throws IOException {
        ensureRoom(end - start + 512);
        int n = in.read(buffer, end, buffer.length - end);
        if (n < 0) {
            return false;
        }
        end += n;
        return true;
    }

    /** Masked frame, as a client must send. */
    private static ByteBuffer frame(int opcode, byte[] payload) {
        int n = payload.length;
        int header = n < 126 ? 2 : n < 65536 ? 4 : 10;
        ByteBuffer frame = ByteBuffer.allocate(header + 4 + n);
        frame.put((byte) (0x80 | opcode));
        if (n < 126) {
            frame.put((byte) (0x80 | n));
        } else if (n < 65536) {
            frame.put((byte) (0x80 | 126)).putShort((short) n);
        } else {
            frame.put((byte) (0x80 | 127)).putLong(n);
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        frame.put(mask);
        for (int i = 0; i < n; i++) {
            frame.put((byte) (payload[i] ^ mask[i & 3]));
        }
        return frame.flip();
    }

    private void write(ByteBuffer bytes) throws IOException {
        for (int attempts = 0; bytes.hasRemaining(); attempts++) {
            if (channel.write(bytes) == 0) {
                if (attempts > 1000) { // non-blocking and the socket's buffer stays full
                    throw new IOException("Cannot write to " + channel);
                }
                Thread.onSpinWait();
            }
        }
    }

    /**
     * Ends the connection the polite way: a close frame with 1000, then waits (up to the timeout) for the server's
     * close frame and for it to close the TCP connection, as RFC 6455 has the server close first.
     */
    @Override
    public void close() throws IOException {
        try {
            if (!closeReceived) {
                write(frame(CLOSE, new byte[]{0x03, (byte) 0xE8}));
            }
            long deadline = deadline();
            while (nextText() != null) { // messages still on their way before the server's close frame
                checkDeadline(deadline, "close frame");
            }
            while (fillBlocking()) {
                start = end; // whatever follows the close frame until the server closes TCP
                checkDeadline(deadline, "end of the connection");
            }
        } finally {
            channel.close();
        }
    }

    /** Ends the connection with a TCP reset: no close frame, no FIN. */
    void abort() {
        try {
            socket.setSoLinger(true, 0);
        } catch (IOException e) {
            // closing below anyway
        }
        try {
            channel.close();
        } catch (IOException e) {
            // already gone
        }
    }

    /** The channel, for a {@link PongResponder} to register after switching it to non-blocking. */
    SocketChannel channel() {
        return channel;
    }

    /**
     * Reads what the non-blocking channel has: answers pings, drops anything else.
     *
     * @return false when the server closed the connection (close frame or end of stream)
     */
    boolean pump() throws IOException {
        while (true) {
            while (parse() != null) {
                // idle connections expect no messages; drop any
            }
            if (closeReceived) {
                return false;
            }
            ensureRoom(end - start + 512);
            int n = channel.read(ByteBuffer.wrap(buffer, end, buffer.length - end));
            if (n < 0) {
                return false;
            }
            if (n == 0) {
                return true;
            }
            end += n;
        }
    }

    /** Sends a pong with {@code payload}, the answer to a ping that someone else read. */
    void sendPong(byte[] payload) throws IOException {
        write(frame(PONG, payload));
    }

    /**
     * Hands over the bytes read but not parsed yet (frames that came behind the last message read), for a reader that
     * goes on from here; this connection's own buffer is empty afterwards.
     */
    byte[] takeBuffered() {
        if (fragments.length() > 0) {
            throw new IllegalStateException("A fragmented message is half read");
        }
        byte[] rest = Arrays.copyOfRange(buffer, start, end);
        start = end = 0;
        return rest;
    }

    /** Pongs sent in answer to the server's pings. */
    long pongsSent() {
        return pongsSent;
    }
}
