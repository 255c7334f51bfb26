package org.cdigateway.se.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;

import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.ConnectionProbe;
import org.glassfish.grizzly.nio.transport.TCPNIOTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Frames written while the runtime handles one read leave together: on real sockets, counting the transport's writes
 * per connection with a Grizzly probe.
 */
class WriteBatchTest {

    private static final int TIMEOUT_MILLIS = 20_000;

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final ExecutorService executor = Executors.newSingleThreadExecutor();

    @AfterEach
    void closeAll() throws Exception {
        Collections.reverse(toClose);
        for (AutoCloseable closeable : toClose) {
            closeable.close();
        }
        executor.shutdownNow();
        System.clearProperty(WriteBatch.SWITCH);
    }

    @Test
    void theFramesOfOneReadReachEachMemberInOneWrite() throws Exception {
        TyrusHttpHost host = start();
        Writes writes = Writes.of(host);
        List<RawClient> members = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            members.add(connect(host, "/fan"));
        }
        awaitSessions(3);
        long fewest = Long.MAX_VALUE;
        for (int round = 0; round < 10; round++) { // a cold JVM may take longer than a batch may wait
            long before = writes.to(members.get(1));

            members.get(0).sendAll(numbered("m", 20)); // one write of 20 frames: read at once by the server

            for (RawClient member : members) {
                assertThat(member.read(20)).containsExactlyElementsOf(numbered("m", 20));
            }
            // the transport counts a write once the write returned, which may be after the member read it
            fewest = Math.min(fewest, writes.awaitMore(members.get(1), before) - before);
        }
        // 20 broadcasts, each sent to every member while the server handled the read: one write per read
        assertThat(fewest).isBetween(1L, 2L);
    }

    @Test
    void switchedOffEachFrameIsAWriteOfItsOwn() throws Exception {
        System.setProperty(WriteBatch.SWITCH, "false");
        TyrusHttpHost host = start();
        Writes writes = Writes.of(host);
        RawClient sender = connect(host, "/fan");
        RawClient member = connect(host, "/fan");
        awaitSessions(2);
        long before = writes.to(member);

        sender.sendAll(numbered("m", 20));

        assertThat(member.read(20)).containsExactlyElementsOf(numbered("m", 20));
        // a write per frame, but where the transport had one waiting (it then writes those together)
        assertThat(writes.to(member) - before).isGreaterThanOrEqualTo(15);
    }

    @Test
    void aFrameFromAnotherThreadGoesBehindTheFramesWaiting() throws Exception {
        TyrusHttpHost host = start();
        RawClient client = connect(host, "/order");

        client.sendAll(List.of("go"));

        assertThat(client.read(3)).containsExactly("1", "2", "3");
    }

    @Test
    void aHandlerThatBlocksDoesNotHoldTheFramesOfTheMessagesBeforeIt() throws Exception {
        TyrusHttpHost host = start();
        RawClient client = connect(host, "/order");

        client.sendAll(List.of("say:hello", "block")); // one read: the second handler blocks until released

        try {
            client.socket.setSoTimeout(5_000);
            assertThat(client.read(1)).containsExactly("hello");
        } finally {
            release.countDown();
        }
        client.socket.setSoTimeout(TIMEOUT_MILLIS);
        assertThat(client.read(1)).containsExactly("released");
    }

    @Test
    void aThreadThatKeepsWritingKeepsItsFramesTogetherPastTheWatchdogsBound() throws Exception {
        TyrusHttpHost host = start();
        Writes writes = Writes.of(host);
        RawClient client = connect(host, "/order");
        List<Long> perRound = new ArrayList<>();
        int whole = 0;
        while (whole < 3 && perRound.size() < 40) {
            long before = writes.to(client);

            client.sendAll(List.of("spread")); // 20 frames, 0.2 ms of work before each: 4 ms in all

            assertThat(client.read(20)).containsExactlyElementsOf(numbered("s", 20));
            long round = writes.awaitMore(client, before) - before;
            perRound.add(round);
            if (round == 1) {
                whole++;
            }
        }
        // the watchdog writes a batch 1 ms old whose thread stopped writing (with a 1 ms bound for every batch: 2 to 6
        // writes a round, never 1), not one whose thread goes on writing. A thread kept off its core for a while stops
        // writing, as the watchdog sees it, and a loaded machine splits some rounds: so rounds left in one write
        assertThat(WriteBatch.MAX_BUSY_NANOS).isGreaterThan(TimeUnit.MILLISECONDS.toNanos(4));
        assertThat(whole).as("rounds in one write; writes per round: %s", perRound).isGreaterThanOrEqualTo(3);
    }

    @Test
    void theWatchdogWritesABatchWhoseThreadStoppedAddingFramesOrThatIsPastTheBusyBound() {
        WriteBatch batch = WriteBatch.open();
        try {
            assertThat(batch.dueForWatchdog(WriteBatch.MAX_DELAY_NANOS - 1)).as("younger than the delay").isFalse();
            batch.touch();
            assertThat(batch.dueForWatchdog(2 * WriteBatch.MAX_DELAY_NANOS)).as("a frame added since the last look")
                    .isFalse();
            assertThat(batch.dueForWatchdog(2 * WriteBatch.MAX_DELAY_NANOS)).as("none added since").isTrue();
            batch.touch();
            assertThat(batch.dueForWatchdog(WriteBatch.MAX_BUSY_NANOS - 1)).as("still writing").isFalse();
            batch.touch();
            assertThat(batch.dueForWatchdog(WriteBatch.MAX_BUSY_NANOS)).as("still writing, past the busy bound")
                    .isTrue();
        } finally {
            batch.close();
        }
    }

    @Test
    void framesOfEverySizeArriveWholeAndInOrderAcrossTheSizeLimit() throws Exception {
        TyrusHttpHost host = start();
        RawClient client = connect(host, "/order");

        client.sendAll(List.of("burst", "say:after"));

        List<String> expected = new ArrayList<>(burst());
        expected.add("after");
        List<String> got = client.read(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            assertThat(got.get(i)).as("frame %d", i).isEqualTo(expected.get(i));
        }
    }

    // ------------------------------------------------------------------------------------------------ fixtures

    private final Set<Session> sessions = ConcurrentHashMap.newKeySet();
    private final Semaphore opened = new Semaphore(0);
    private final CountDownLatch release = new CountDownLatch(1);

    private TyrusHttpHost start() throws Exception {
        TyrusHttpHost host = TyrusHttpHost.start("127.0.0.1", 0,
                List.of(config("/fan", new FanEndpoint()), config("/order", new OrderEndpoint())), List.of(), Map.of());
        toClose.add(host);
        return host;
    }

    private void awaitSessions(int n) throws InterruptedException {
        assertThat(opened.tryAcquire(n, TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)).as("%d sessions open", n).isTrue();
    }

    private static List<String> numbered(String prefix, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(prefix + i);
        }
        return out;
    }

    /** 300 frames from empty to 70,000 characters, in one, two, three and four UTF-8 bytes. */
    private static List<String> burst() {
        String[] units = {"a", "é", "€", "😀"};
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            int length = i % 50 == 0 ? 70_000 / (1 + i % 3) : (i * 37) % 400;
            out.add(i + ":" + units[i % 4].repeat(length / units[i % 4].length()));
        }
        return out;
    }

    private static ServerEndpointConfig config(String path, Endpoint endpoint) {
        return ServerEndpointConfig.Builder.create(endpoint.getClass(), path)
                .configurator(new ServerEndpointConfig.Configurator() {

                    @Override
                    public <T> T getEndpointInstance(Class<T> type) {
                        return type.cast(endpoint);
                    }
                })
                .build();
    }

    /** Sends every text it gets to every open session. */
    public final class FanEndpoint extends Endpoint {

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            sessions.add(session);
            opened.release();
            session.addMessageHandler(String.class, (MessageHandler.Whole<String>) text -> {
                for (Session s : sessions) {
                    s.getAsyncRemote().sendText(text);
                }
            });
        }
    }

    /**
     * "go": 1 from here, 2 from another thread meanwhile, 3; "say:x": x; "block": waits for the test; "spread": s0 to
     * s19, 0.2 ms of work before each; "burst".
     */
    public final class OrderEndpoint extends Endpoint {

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(String.class, (MessageHandler.Whole<String>) text -> {
                try {
                    if (text.equals("go")) {
                        session.getAsyncRemote().sendText("1");
                        executor.submit(() -> session.getAsyncRemote().sendText("2")).get();
                        session.getAsyncRemote().sendText("3");
                    } else if (text.startsWith("say:")) {
                        session.getAsyncRemote().sendText(text.substring(4));
                    } else if (text.equals("block")) {
                        release.await(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
                        session.getAsyncRemote().sendText("released");
                    } else if (text.equals("spread")) {
                        for (String frame : numbered("s", 20)) {
                            long until = System.nanoTime() + TimeUnit.MICROSECONDS.toNanos(200);
                            while (System.nanoTime() < until) {
                                Thread.onSpinWait(); // work, not a wait: the thread stays on its core
                            }
                            session.getAsyncRemote().sendText(frame);
                        }
                    } else if (text.equals("burst")) {
                        for (String frame : burst()) {
                            session.getAsyncRemote().sendText(frame);
                        }
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }
    }

    /** The transport's writes per connection, by the client's port. */
    private static final class Writes extends ConnectionProbe.Adapter {

        private final Map<Integer, AtomicLong> byPort = new ConcurrentHashMap<>();

        static Writes of(TyrusHttpHost host) {
            Writes writes = new Writes();
            ((TCPNIOTransport) host.transport()).getConnectionMonitoringConfig().addProbes(writes);
            return writes;
        }

        @Override
        @SuppressWarnings("rawtypes") // as the probe interface declares it
        public void onWriteEvent(Connection connection, Buffer data, long size) {
            if (connection.getPeerAddress() instanceof InetSocketAddress peer) {
                byPort.computeIfAbsent(peer.getPort(), p -> new AtomicLong()).incrementAndGet();
            }
        }

        long to(RawClient client) {
            AtomicLong n = byPort.get(client.socket.getLocalPort());
            return n == null ? 0 : n.get();
        }

        /** The writes to {@code client} once there are more than {@code than}; fails after the timeout. */
        long awaitMore(RawClient client, long than) {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MILLIS);
            long n;
            while ((n = to(client)) <= than) {
                assertThat(System.nanoTime()).as("a write counted within %d ms", TIMEOUT_MILLIS).isLessThan(deadline);
                Thread.onSpinWait();
            }
            return n;
        }
    }

    private RawClient connect(TyrusHttpHost host, String path) throws IOException {
        RawClient client = new RawClient(host.port(), path);
        toClose.add(client);
        return client;
    }

    /** A WebSocket client on a plain socket: sends masked text frames in one write, reads unmasked text frames. */
    static final class RawClient implements AutoCloseable {

        final Socket socket;
        private final OutputStream out;
        private final DataInputStream in;

        RawClient(int port, String path) throws IOException {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            out = socket.getOutputStream();
            InputStream raw = socket.getInputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int b = raw.read();
                if (b < 0) {
                    throw new IOException("closed during the handshake: " + head);
                }
                head.append((char) b);
            }
            if (!head.toString().startsWith("HTTP/1.1 101")) {
                throw new IOException("not upgraded: " + head);
            }
            in = new DataInputStream(raw);
        }

        void sendAll(List<String> texts) throws IOException {
            ByteArrayOutputStream frames = new ByteArrayOutputStream();
            for (String text : texts) {
                byte[] payload = text.getBytes(StandardCharsets.UTF_8);
                frames.write(0x81);
                if (payload.length < 126) {
                    frames.write(0x80 | payload.length);
                } else {
                    frames.write(0x80 | 126);
                    frames.write(payload.length >>> 8);
                    frames.write(payload.length);
                }
                frames.write(new byte[4]); // mask key 0: the payload as it is
                frames.write(payload);
            }
            out.write(frames.toByteArray());
            out.flush();
        }

        List<String> read(int n) throws IOException {
            List<String> texts = new ArrayList<>();
            try {
                while (texts.size() < n) {
                    int first = in.readUnsignedByte();
                    int second = in.readUnsignedByte();
                    long length = second & 0x7f;
                    if (length == 126) {
                        length = in.readUnsignedShort();
                    } else if (length == 127) {
                        length = in.readLong();
                    }
                    byte[] payload = new byte[(int) length];
                    in.readFully(payload);
                    assertThat(first).as("a final text frame").isEqualTo(0x81);
                    texts.add(new String(payload, StandardCharsets.UTF_8));
                }
            } catch (SocketTimeoutException e) {
                throw new AssertionError("got " + texts.size() + " of " + n + " frames: " + texts, e);
            }
            return texts;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
