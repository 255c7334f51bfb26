package org.cdigateway.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * A member's frames read from a server written here byte by byte: several frames in one read, frames split across
 * reads, the three lengths, a fragmented message, a ping answered, a close; and Engine.IO's heartbeat answered.
 */
class RoomMemberTest {

    @Test
    void findsTheTimestampInTheBytes() {
        byte[] plain = "{\"event\":\"message\",\"data\":{\"t\":123456789,\"p\":\"x\"}}"
                .getBytes(StandardCharsets.UTF_8);
        byte[] socketIo = "42[\"message\",{\"t\":-42,\"p\":\"x\"}]".getBytes(StandardCharsets.UTF_8);
        assertThat(RoomMember.timestamp(plain, 0, plain.length)).isEqualTo(123456789);
        assertThat(RoomMember.timestamp(socketIo, 0, socketIo.length)).isEqualTo(-42);
        assertThat(RoomMember.timestamp(plain, 0, 30)).isEqualTo(RoomMember.NONE); // cut before "t"
        byte[] none = "{\"event\":\"joined\",\"data\":\"r\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(RoomMember.timestamp(none, 0, none.length)).isEqualTo(RoomMember.NONE);
    }

    @Test
    void readsEveryDeliveryWhateverTheReadsAndAnswersPings() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
                MemberReaders readers = new MemberReaders(1, 200)) {
            InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(),
                    listener.getLocalPort());
            CompletableFuture<RoomMember> joining = CompletableFuture
                    .supplyAsync(() -> join(address, false));
            try (Socket server = listener.accept()) {
                server.setSoTimeout(10_000);
                InputStream in = server.getInputStream();
                OutputStream out = server.getOutputStream();
                handshake(in, out);
                assertThat(clientText(in)).isEqualTo("{\"event\":\"join\",\"data\":\"room\"}");
                out.write(frame(0x81, "{\"event\":\"joined\",\"data\":\"room\"}"));
                RoomMember member = joining.get(10, TimeUnit.SECONDS);
                List<Long> received = Collections.synchronizedList(new ArrayList<>());
                member.onDelivery((m, sent, now) -> received.add(sent));
                readers.add(member);

                ByteArrayOutputStream stream = new ByteArrayOutputStream();
                stream.write(frame(0x81, delivery(1, 10)));
                stream.write(frame(0x81, delivery(2, 10)));
                stream.write(frame(0x89, "abc")); // ping
                String third = delivery(3, 10);
                stream.write(frame(0x01, third.substring(0, 20))); // a text frame without fin
                stream.write(frame(0x00, third.substring(20, 30))); // a continuation
                stream.write(frame(0x80, third.substring(30))); // the last continuation
                stream.write(frame(0x81, delivery(4, 300))); // 16-bit length
                stream.write(frame(0x81, delivery(5, 70_000))); // 64-bit length, longer than the buffer
                stream.write(frame(0x81, "{\"event\":\"other\",\"data\":1}")); // no timestamp: not a delivery
                stream.write(frame(0x81, delivery(-6, 10)));
                byte[] bytes = stream.toByteArray();
                int at = 0;
                for (int chunk : new int[]{1, 1, 3, 7, 50, 2, 90, 13, 1, 200}) { // some reads get part of a header
                    out.write(bytes, at, chunk);
                    out.flush();
                    at += chunk;
                    Thread.sleep(5);
                }
                out.write(bytes, at, bytes.length - at); // the rest at once: several frames in one read
                out.flush();

                assertThat(clientFrame(in)).isEqualTo("A abc"); // the pong, with the ping's payload
                awaitSize(received, 6);
                assertThat(received).containsExactly(1L, 2L, 3L, 4L, 5L, -6L);
                assertThat(readers.closed()).isZero();

                out.write(frame(0x88, ""));
                out.flush();
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (readers.closed() == 0 && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                assertThat(readers.closed()).isOne();
                assertThat(readers.firstFailure()).contains("closed by the server");
            }
        }
    }

    @Test
    void answersEngineIoHeartbeats() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
                MemberReaders readers = new MemberReaders(1, 200)) {
            InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(),
                    listener.getLocalPort());
            CompletableFuture<RoomMember> joining = CompletableFuture.supplyAsync(() -> join(address, true));
            try (Socket server = listener.accept()) {
                server.setSoTimeout(10_000);
                InputStream in = server.getInputStream();
                OutputStream out = server.getOutputStream();
                handshake(in, out);
                out.write(frame(0x81, "0{\"sid\":\"s\",\"pingInterval\":25000,\"pingTimeout\":20000}"));
                assertThat(clientText(in)).isEqualTo("40");
                out.write(frame(0x81, "40{\"sid\":\"n\"}"));
                assertThat(clientText(in)).isEqualTo("42[\"join\",\"room\"]");
                out.write(frame(0x81, "42[\"joined\",\"room\"]"));
                RoomMember member = joining.get(10, TimeUnit.SECONDS);
                List<Long> received = Collections.synchronizedList(new ArrayList<>());
                member.onDelivery((m, sent, now) -> received.add(sent));
                readers.add(member);

                out.write(frame(0x81, "2"));
                out.write(frame(0x81, "42[\"message\",{\"t\":7,\"p\":\"x\"}]"));
                out.flush();
                assertThat(clientText(in)).isEqualTo("3");
                awaitSize(received, 1);
                assertThat(received).containsExactly(7L);
            }
        }
    }

    private static RoomMember join(InetSocketAddress address, boolean socketIo) {
        try {
            return RoomMember.join(0, address, socketIo ? "/socket.io/?EIO=4&transport=websocket" : "/bench",
                    socketIo, "room", 10_000, null);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String delivery(long t, int padding) {
        return "{\"event\":\"message\",\"data\":{\"t\":" + t + ",\"p\":\"" + "x".repeat(padding) + "\"}}";
    }

    /** An unmasked frame, as a server sends: {@code b0} (fin and opcode), the length, the payload. */
    private static byte[] frame(int b0, String payload) {
        byte[] p = payload.getBytes(StandardCharsets.UTF_8);
        int n = p.length;
        ByteBuffer f = ByteBuffer.allocate(n + 10);
        f.put((byte) b0);
        if (n < 126) {
            f.put((byte) n);
        } else if (n < 65536) {
            f.put((byte) 126).putShort((short) n);
        } else {
            f.put((byte) 127).putLong(n);
        }
        f.put(p).flip();
        byte[] bytes = new byte[f.remaining()];
        f.get(bytes);
        return bytes;
    }

    private static void handshake(InputStream in, OutputStream out) throws IOException {
        StringBuilder request = new StringBuilder();
        while (!request.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("The client closed during the handshake");
            }
            request.append((char) b);
        }
        Matcher key = Pattern.compile("(?i)Sec-WebSocket-Key: *(\\S+)").matcher(request);
        assertThat(key.find()).isTrue();
        out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + RawWebSocket.accept(key.group(1)) + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static String clientText(InputStream in) throws IOException {
        String frame = clientFrame(in);
        assertThat(frame).startsWith("1 ");
        return frame.substring(2);
    }

    /** The next frame from the client (masked, as a client must): its opcode in hex, a space, its payload. */
    private static String clientFrame(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        int b0 = data.readUnsignedByte();
        int b1 = data.readUnsignedByte();
        assertThat(b1 & 0x80).as("masked").isNotZero();
        long n = b1 & 0x7F;
        if (n == 126) {
            n = data.readUnsignedShort();
        } else if (n == 127) {
            n = data.readLong();
        }
        byte[] mask = data.readNBytes(4);
        byte[] payload = data.readNBytes((int) n);
        for (int i = 0; i < payload.length; i++) {
            payload[i] ^= mask[i & 3];
        }
        return Integer.toHexString(b0 & 0x0F).toUpperCase() + " " + new String(payload, StandardCharsets.UTF_8);
    }

    private static void awaitSize(List<?> list, int size) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (list.size() < size && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }
}
