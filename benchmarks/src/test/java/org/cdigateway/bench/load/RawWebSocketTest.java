package org.cdigateway.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import org.cdigateway.se.GatewayRuntime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The raw client answers pings, blocking or held idle, and its reset reaches the server without a close frame. */
class RawWebSocketTest {

    /** Pings on request ({@code "ping PAYLOAD"}); reports each pong it gets, and each close. */
    @ServerEndpoint("/pings")
    public static class PingEndpoint {

        static final BlockingQueue<String> PONGS = new LinkedBlockingQueue<>();
        static final BlockingQueue<Integer> CLOSES = new LinkedBlockingQueue<>();

        @OnMessage
        public void text(Session session, String text) throws IOException {
            if (text.startsWith("ping ")) {
                session.getBasicRemote().sendPing(ByteBuffer.wrap(text.substring(5).getBytes(StandardCharsets.UTF_8)));
            } else {
                session.getBasicRemote().sendText(text);
            }
        }

        @OnMessage
        public void pong(Session session, PongMessage pong) throws IOException {
            String payload = StandardCharsets.UTF_8.decode(pong.getApplicationData()).toString();
            PONGS.add(payload);
            session.getBasicRemote().sendText("pong " + payload);
        }

        @OnClose
        public void closed(CloseReason reason) {
            CLOSES.add(reason.getCloseCode().getCode());
        }
    }

    static GatewayRuntime server;
    static InetSocketAddress address;

    @BeforeAll
    static void start() {
        server = GatewayRuntime.builder().port(0).serverEndpoints(PingEndpoint.class).start();
        address = new InetSocketAddress("127.0.0.1", server.port());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void answersAPingWhileWaitingForAMessage() throws Exception {
        PingEndpoint.PONGS.clear();
        try (RawWebSocket ws = RawWebSocket.connect(address, "/pings", 10_000)) {
            ws.sendText("ping abc");
            assertThat(ws.nextText()).isEqualTo("pong abc");
            assertThat(ws.pongsSent()).isEqualTo(1);
            ws.sendText("x".repeat(70_000)); // a long frame back, with a 64-bit length
            assertThat(ws.nextText()).hasSize(70_000);
        }
        assertThat(PingEndpoint.PONGS.poll(10, TimeUnit.SECONDS)).isEqualTo("abc");
    }

    @Test
    void answersPingsWhileHeldIdle() throws Exception {
        PingEndpoint.PONGS.clear();
        RawWebSocket ws = RawWebSocket.connect(address, "/pings", 10_000);
        try (PongResponder responder = new PongResponder()) {
            responder.hold(ws);
            for (int i = 0; i < 3; i++) {
                ws.channel().write(ByteBuffer.wrap(maskedText("ping held-" + i)));
                assertThat(PingEndpoint.PONGS.poll(10, TimeUnit.SECONDS)).isEqualTo("held-" + i);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (responder.pongs() < 3 && System.nanoTime() < deadline) {
                LockSupport.parkNanos(1_000_000); // the count follows the write the server just read
            }
            assertThat(responder.pongs()).isEqualTo(3);
            assertThat(responder.closedByServer()).isZero();
        } finally {
            ws.abort();
        }
    }

    @Test
    void aResetEndsTheConnectionWithoutACloseFrame() throws Exception {
        PingEndpoint.CLOSES.clear();
        RawWebSocket ws = RawWebSocket.connect(address, "/pings", 10_000);
        ws.sendText("hello");
        assertThat(ws.nextText()).isEqualTo("hello");
        ws.abort();
        assertThat(PingEndpoint.CLOSES.poll(10, TimeUnit.SECONDS)).isEqualTo(1006);
    }

    @Test
    void aPoliteCloseIsAnsweredByTheServer() throws Exception {
        PingEndpoint.CLOSES.clear();
        RawWebSocket ws = RawWebSocket.connect(address, "/pings", 10_000);
        ws.close();
        assertThat(PingEndpoint.CLOSES.poll(10, TimeUnit.SECONDS)).isEqualTo(1000);
    }

    /** A short masked text frame, written straight to a channel that a responder holds. */
    private static byte[] maskedText(String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        byte[] frame = new byte[6 + payload.length];
        frame[0] = (byte) 0x81;
        frame[1] = (byte) (0x80 | payload.length);
        byte[] mask = {1, 2, 3, 4};
        System.arraycopy(mask, 0, frame, 2, 4);
        for (int i = 0; i < payload.length; i++) {
            frame[6 + i] = (byte) (payload[i] ^ mask[i & 3]);
        }
        return frame;
    }
}
