package org.cdigateway.tests.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.cdigateway.MessageBody;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.junit5.Clients;
import org.cdigateway.junit5.GatewayTest;
import org.cdigateway.junit5.client.CloseStatus;
import org.cdigateway.junit5.client.GatewayTestClient;
import org.cdigateway.se.GatewayRuntime;
import org.junit.jupiter.api.Test;

/**
 * On the embedded runtime the container's own frame buffer follows the gateways' size limit: one unfragmented frame
 * far over the limit is refused with 1009 once the container holds more of it than any gateway accepts, not after it
 * was buffered whole.
 */
@GatewayTest
class OversizedFrameTest {

    static final Duration WAIT = Duration.ofSeconds(10);

    @WebSocketGateway(value = "/small", maxMessageSize = 1_000)
    static class SmallGateway {

        @SubscribeMessage("echo")
        public String echo(@MessageBody String text) {
            return text;
        }
    }

    @Test
    void aFrameOfFourMegabytesIsRefusedBeforeItArrivedWhole(GatewayRuntime runtime, Clients clients)
            throws IOException {
        URI uri = runtime.wsUri("/small");
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout((int) WAIT.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(("GET /small HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                    + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            DataInputStream in = new DataInputStream(socket.getInputStream());
            String response = readHead(in);
            assertThat(response).startsWith("HTTP/1.1 101");

            long length = 4L * 1024 * 1024;
            byte[] header = {(byte) 0x81, (byte) (0x80 | 127), 0, 0, 0, 0, (byte) (length >>> 24),
                    (byte) (length >>> 16), (byte) (length >>> 8), (byte) length, 1, 2, 3, 4};
            out.write(header);
            try { // 256 KiB of the 4 MiB: the container refuses once it holds more than the gateways allow
                for (int i = 0; i < 32; i++) {
                    out.write(new byte[8 * 1024]);
                }
                out.flush();
            } catch (IOException refusedMidway) {
                // the server closed while we wrote: its close frame is waiting to be read
            }

            int first = in.readUnsignedByte();
            assertThat(first).as("a close frame").isEqualTo(0x88);
            int len = in.readUnsignedByte() & 0x7F;
            assertThat(len).isGreaterThanOrEqualTo(2);
            int code = in.readUnsignedShort();
            assertThat(code).isEqualTo(1009);
        }
        GatewayTestClient other = clients.connect("/small");
        assertThat(other.request("echo", "alive").data(String.class)).isEqualTo("alive");
    }

    @Test
    void aFrameJustOverTheLimitIsRefusedByTheGateway(Clients clients) {
        GatewayTestClient client = clients.connect("/small");
        client.sendText("{\"event\":\"echo\",\"data\":\"" + "x".repeat(1_000) + "\"}");
        CloseStatus status = client.awaitClose(WAIT);
        assertThat(status.code()).isEqualTo(1009);
        assertThat(status.reason()).contains("limit 1000");
    }

    @Test
    void manySmallFramesArrivingInOneReadAreAllAnswered(GatewayRuntime runtime, Clients clients) throws IOException {
        // 300 messages far under the limit, written at once: the server reads many of them together, more bytes in one
        // read than one message may have; each is a message of its own and is answered
        URI uri = runtime.wsUri("/small");
        int count = 300;
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout((int) WAIT.toMillis());
            OutputStream out = socket.getOutputStream();
            DataInputStream in = handshake(socket, uri);

            java.io.ByteArrayOutputStream frames = new java.io.ByteArrayOutputStream();
            for (int i = 0; i < count; i++) {
                byte[] text = ("{\"event\":\"echo\",\"id\":" + i + ",\"data\":\"" + "y".repeat(40) + "\"}")
                        .getBytes(StandardCharsets.UTF_8);
                frames.write(0x81);
                frames.write(0x80 | text.length);
                byte[] key = {9, 8, 7, 6};
                frames.write(key);
                for (int j = 0; j < text.length; j++) {
                    frames.write(text[j] ^ key[j & 3]);
                }
            }
            assertThat(frames.size()).isGreaterThan(3 * 3 * 1_000 + 14);
            out.write(frames.toByteArray());
            out.flush();

            for (int i = 0; i < count; i++) {
                int first = in.readUnsignedByte();
                assertThat(first).as("reply %d: a text frame", i).isEqualTo(0x81);
                int len = in.readUnsignedByte() & 0x7F;
                if (len == 126) {
                    len = in.readUnsignedShort();
                }
                byte[] payload = new byte[len];
                in.readFully(payload);
                assertThat(new String(payload, StandardCharsets.UTF_8)).contains("\"event\":\"echo\"")
                        .containsPattern("\"id\":" + i + "[,}]");
            }
        }
    }

    private static DataInputStream handshake(Socket socket, URI uri) throws IOException {
        socket.getOutputStream()
                .write(("GET " + uri.getPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                        + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        DataInputStream in = new DataInputStream(socket.getInputStream());
        assertThat(readHead(in)).startsWith("HTTP/1.1 101");
        return in;
    }

    private static String readHead(DataInputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        while (!sb.toString().endsWith("\r\n\r\n")) {
            sb.append((char) in.readUnsignedByte());
        }
        return sb.toString();
    }
}
