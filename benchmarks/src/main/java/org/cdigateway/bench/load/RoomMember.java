package org.cdigateway.bench.load;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A member of a room on a {@link RawWebSocket}, cheap to receive on: once it has joined, a {@link MemberReaders}
 * thread reads it and parses its frames straight from a {@link ByteBuffer}, and each delivery is handed over as the
 * {@code "t":<nanos>} it carries, found in the bytes without building a String or a JSON tree. The server's pings are
 * answered with pongs, and with Socket.IO Engine.IO's ping ({@code 2}) with its pong ({@code 3}).
 *
 * <p>
 * The buffer holds what one read brought: several frames, or part of one (kept for the next read, the buffer grown
 * when one frame is longer than it). Frames of a fragmented message are put together before they are looked at.
 */
final class RoomMember {

    /** What is done with each delivery, on the thread that reads the member. */
    @FunctionalInterface
    interface Deliveries {

        void delivered(RoomMember member, long sentNanos, long receivedNanos) throws IOException;
    }

    private static final Deliveries IGNORE = (member, sent, received) -> {};
    private static final int TEXT = 0x1, CONTINUATION = 0x0, CLOSE = 0x8, PING = 0x9;
    private static final int MAX_FRAME = 16 * 1024 * 1024;
    private static final byte[] TIMESTAMP = {'"', 't', '"', ':'};
    /** No timestamp in a message. */
    static final long NONE = Long.MIN_VALUE;

    /** Its place among the members opened together, from 0. */
    final int index;
    private final RawWebSocket ws;
    private final boolean engineIo;
    private ByteBuffer in;
    private int wanted; // the length of a frame longer than the buffer, read in part
    private byte[] fragments = new byte[0];
    private int fragmentsLength;
    private boolean fragmented;
    private volatile Deliveries deliveries = IGNORE;
    /** The thread in {@link #read()}, and what it was asked to send meanwhile; guarded by this. */
    private Thread reader;
    private List<String> held;

    private RoomMember(int index, RawWebSocket ws, boolean engineIo) {
        this.index = index;
        this.ws = ws;
        this.engineIo = engineIo;
        byte[] rest = ws.takeBuffered();
        this.in = ByteBuffer.allocate(Math.max(4096, rest.length));
        in.put(rest); // write mode between reads
    }

    /**
     * Opens a connection to {@code path} (from {@code source} when not null), connects to the Socket.IO main
     * namespace when {@code socketIo}, joins {@code room} and waits for the server's {@code joined} (no room: joins
     * none); blocking, each wait at most {@code timeoutMillis}.
     */
    static RoomMember join(int index, InetSocketAddress address, String path, boolean socketIo, String room,
            int timeoutMillis, InetAddress source) throws IOException {
        RawWebSocket ws = connect(address, path, socketIo, timeoutMillis, source);
        try {
            if (room != null) {
                ws.sendText(frame(socketIo, "join", "\"" + room + "\""));
                if (ws.nextTextContaining("\"joined\"") == null) {
                    throw new IOException("Closed by the server before it answered the join");
                }
            }
            return new RoomMember(index, ws, socketIo);
        } catch (IOException | RuntimeException e) {
            ws.abort();
            throw e;
        }
    }

    /**
     * Joins {@code count} members to {@code room} (none: to no room), {@code concurrency} handshakes at a time, from the {@code sources} in
     * turn (none: the system's choice), and hands each to {@code readers}; member {@code i} is at index {@code i}.
     * Throws when one cannot join (the others are aborted then).
     */
    static List<RoomMember> joinAll(InetSocketAddress address, String path, boolean socketIo, String room, int count,
            int concurrency, int timeoutMillis, List<InetAddress> sources, MemberReaders readers) throws Exception {
        Handshakes.Opened<RoomMember> opened = Handshakes.open(count, concurrency, Math.max(60_000L, count * 20L),
                i -> {
                    InetAddress source = sources.isEmpty() ? null : sources.get(i % sources.size());
                    RoomMember m = join(i, address, path, socketIo, room, timeoutMillis, source);
                    try {
                        readers.add(m);
                    } catch (IOException | RuntimeException e) {
                        m.abort();
                        throw e;
                    }
                    return m;
                });
        if (opened.failure() != null) {
            opened.connections().forEach(RoomMember::abort);
            throw new IllegalStateException("Joined " + opened.connections().size() + " of " + count + " members to "
                    + room + "; the first failure: " + opened.failure(), opened.failure());
        }
        return opened.connections();
    }

    /**
     * A blocking connection to {@code path}; with {@code socketIo}, connected to the main namespace: Engine.IO's open
     * packet ({@code 0{...}}) read, {@code 40} sent and the server's {@code 40...} read.
     */
    static RawWebSocket connect(InetSocketAddress address, String path, boolean socketIo, int timeoutMillis,
            InetAddress source) throws IOException {
        RawWebSocket ws = RawWebSocket.connect(address, path, timeoutMillis, source);
        try {
            if (socketIo) {
                String open = ws.nextText();
                if (open == null || !open.startsWith("0{")) {
                    throw new IOException("No Engine.IO open packet but " + open);
                }
                ws.sendText("40");
                String connected = ws.nextText();
                if (connected == null || !connected.startsWith("40")) {
                    throw new IOException("The namespace was not connected: " + connected);
                }
            }
            return ws;
        } catch (IOException | RuntimeException e) {
            ws.abort();
            throw e;
        }
    }

    /** An event in the native frame, or as a Socket.IO event packet. */
    static String frame(boolean socketIo, String event, String dataJson) {
        return socketIo
                ? "42[\"" + event + "\"," + dataJson + "]"
                : "{\"event\":\"" + event + "\",\"data\":" + dataJson + "}";
    }

    /** What to do with each delivery from now on. */
    void onDelivery(Deliveries deliveries) {
        this.deliveries = deliveries == null ? IGNORE : deliveries;
    }

    /**
     * Sends a text frame; from any thread, one frame after the other. When {@link #holdSends(boolean) held}, a text
     * sent from a delivery it is reading leaves once the frames of that read are handled, in one write with the others
     * sent from them.
     */
    synchronized void send(String text) throws IOException {
        if (held != null && Thread.currentThread() == reader) {
            held.add(text);
        } else {
            ws.sendText(text);
        }
    }

    /**
     * Whether texts sent from its deliveries wait for the end of the read that brought them, and leave together: the
     * requests a client sends in answer to what one read brought then travel as one TCP segment, and the server reads
     * them together (as it read the requests that caused those deliveries), instead of reading the first of them alone
     * as often as not.
     */
    synchronized void holdSends(boolean hold) {
        held = hold ? new ArrayList<>() : null;
    }

    /** Sends text frames in one write. */
    synchronized void sendAll(List<String> texts) throws IOException {
        ws.sendTexts(texts);
    }

    private synchronized void pong(byte[] payload) throws IOException {
        ws.sendPong(payload);
    }

    SocketChannel channel() {
        return ws.channel();
    }

    /** Ends the connection with a TCP reset. */
    void abort() {
        ws.abort();
    }

    /**
     * Reads once what the non-blocking channel has (a selector tells again when more is left) and handles the whole
     * frames read so far.
     *
     * @return false when the server closed the connection (a close frame or the end of the stream)
     */
    boolean read() throws IOException {
        int n = ws.channel().read(in);
        if (n < 0) {
            return false;
        }
        long now = System.nanoTime();
        in.flip();
        boolean open;
        synchronized (this) {
            reader = Thread.currentThread();
        }
        try {
            open = parse(now);
        } finally {
            synchronized (this) {
                reader = null;
                if (held != null && !held.isEmpty()) {
                    try {
                        ws.sendTexts(held);
                    } finally {
                        held.clear();
                    }
                }
            }
        }
        in.compact();
        if (wanted > in.capacity()) {
            ByteBuffer bigger = ByteBuffer.allocate(wanted);
            in.flip();
            bigger.put(in);
            in = bigger;
        }
        return open;
    }

    /** Handles the whole frames between the buffer's position and limit; leaves the position at the first part one. */
    private boolean parse(long now) throws IOException {
        byte[] a = in.array();
        int p = in.position();
        int limit = in.limit();
        try {
            while (limit - p >= 2) {
                int b0 = a[p] & 0xFF;
                int b1 = a[p + 1] & 0xFF;
                if ((b1 & 0x80) != 0) {
                    throw new IOException("The server sent a masked frame");
                }
                int header = 2;
                long length = b1 & 0x7F;
                if (length == 126) {
                    if (limit - p < 4) {
                        return true;
                    }
                    length = ((a[p + 2] & 0xFF) << 8) | (a[p + 3] & 0xFF);
                    header = 4;
                } else if (length == 127) {
                    if (limit - p < 10) {
                        return true;
                    }
                    length = in.getLong(p + 2);
                    header = 10;
                }
                if (length > MAX_FRAME) {
                    throw new IOException("Frame of " + length + " bytes");
                }
                int frame = header + (int) length;
                if (limit - p < frame) {
                    wanted = frame;
                    return true;
                }
                wanted = 0;
                int payload = p + header;
                p += frame;
                boolean fin = (b0 & 0x80) != 0;
                switch (b0 & 0x0F) {
                    case TEXT, CONTINUATION -> text(a, payload, (int) length, fin, now);
                    case PING -> pong(Arrays.copyOfRange(a, payload, payload + (int) length));
                    case CLOSE -> {
                        return false;
                    }
                    default -> {
                        // a pong or a binary frame: nothing to do
                    }
                }
            }
            return true;
        } finally {
            in.position(p);
        }
    }

    private void text(byte[] a, int from, int length, boolean fin, long now) throws IOException {
        if (fin && !fragmented) {
            message(a, from, length, now);
            return;
        }
        if (fragmentsLength + length > fragments.length) {
            fragments = Arrays.copyOf(fragments, Math.max(2 * fragments.length, fragmentsLength + length));
        }
        System.arraycopy(a, from, fragments, fragmentsLength, length);
        fragmentsLength += length;
        fragmented = !fin;
        if (fin) {
            int whole = fragmentsLength;
            fragmentsLength = 0;
            message(fragments, 0, whole, now);
        }
    }

    private void message(byte[] a, int from, int length, long now) throws IOException {
        if (engineIo && length == 1 && a[from] == '2') {
            send("3"); // Engine.IO's heartbeat
            return;
        }
        long sent = timestamp(a, from, length);
        if (sent != NONE) {
            deliveries.delivered(this, sent, now);
        }
    }

    /**
     * The integer after the first {@code "t":} in {@code a[from, from + length)}; {@link #NONE} when there is none
     * ({@link System#nanoTime()} may be negative).
     */
    static long timestamp(byte[] a, int from, int length) {
        int end = from + length;
        int last = end - TIMESTAMP.length;
        for (int i = from; i <= last; i++) {
            if (a[i] == '"' && a[i + 1] == 't' && a[i + 2] == '"' && a[i + 3] == ':') {
                int j = i + 4;
                boolean negative = j < end && a[j] == '-';
                if (negative) {
                    j++;
                }
                int digits = j;
                long n = 0;
                for (; j < end && a[j] >= '0' && a[j] <= '9'; j++) {
                    n = n * 10 + (a[j] - '0');
                }
                return j == digits ? NONE : negative ? -n : n;
            }
        }
        return NONE;
    }
}
