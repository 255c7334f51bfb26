package org.cdigateway.socketio.internal.packet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The packet lines of the Socket.IO adapter checklist (sections 2 and 3), at both layers: what arrives on the wire is
 * decoded as the server will decode it, and what the server answers is encoded down to the exact frames.
 */
class ChecklistPacketsTest {

    private static final String PLACEHOLDERS = "{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}";
    private static final byte[] FIRST = {1, 2, 3, 4};
    private static final byte[] SECOND = {9, 8, 7};

    @Nested
    class EngineIo {

        @Test
        void pollingHandshakeBodyIsTheOpenPacketAlone() {
            String body = EngineCodec.encodePayload(List.of(EnginePacket.open("sid1", List.of("websocket"), 300, 200,
                    1_000_000)));
            assertThat(body).isEqualTo("0{\"sid\":\"sid1\",\"upgrades\":[\"websocket\"],\"pingInterval\":300,"
                    + "\"pingTimeout\":200,\"maxPayload\":1000000}");
        }

        @Test
        void webSocketHandshakeFrameOffersNoUpgrade() {
            String frame = EngineCodec.encodeText(EnginePacket.open("sid1", List.of(), 300, 200, 1_000_000));
            assertThat(frame).isEqualTo("0{\"sid\":\"sid1\",\"upgrades\":[],\"pingInterval\":300,"
                    + "\"pingTimeout\":200,\"maxPayload\":1000000}");
        }

        @Test
        void postedMessageComesBackInTheNextPoll() throws Exception {
            List<EnginePacket> posted = EngineCodec.decodePayload("4hello");
            assertThat(posted).containsExactly(EnginePacket.message("hello"));
            assertThat(EngineCodec.encodePayload(posted)).isEqualTo("4hello");
        }

        @Test
        void severalPacketsInOnePostComeBackInOnePayload() throws Exception {
            String body = "4one\u001e4two\u001e4three";
            assertThat(EngineCodec.encodePayload(EngineCodec.decodePayload(body))).isEqualTo(body);
        }

        @Test
        void binaryOverPollingIsBase64BothWays() throws Exception {
            List<EnginePacket> posted = EngineCodec.decodePayload("bAQIDBA==");
            assertThat(posted.get(0).binary()).containsExactly(1, 2, 3, 4);
            assertThat(EngineCodec.encodePayload(posted)).isEqualTo("bAQIDBA==");
        }

        @Test
        void invalidPacketInAPostIsRefused() {
            assertThatThrownBy(() -> EngineCodec.decodePayload("abc")).isInstanceOf(EngineProtocolException.class);
        }

        @Test
        void secondConcurrentPollIsAnsweredWithClose() {
            assertThat(EngineCodec.encodePayload(List.of(EnginePacket.close()))).isEqualTo("1");
        }

        @Test
        void webSocketEchoesTextAndBinary() throws Exception {
            assertThat(EngineCodec.encodeText(EngineCodec.decodeText("4hello"))).isEqualTo("4hello");
            EnginePacket binary = EngineCodec.decodeBinary(new byte[]{1, 2, 3, 4});
            assertThat(binary.binary()).containsExactly(1, 2, 3, 4); // sent back as the frame, no type byte
            assertThatThrownBy(() -> EngineCodec.decodeText("abc")).isInstanceOf(EngineProtocolException.class);
        }

        @Test
        void heartbeat() throws Exception {
            assertThat(EngineCodec.encodePayload(List.of(EnginePacket.ping()))).isEqualTo("2");
            assertThat(EngineCodec.encodeText(EnginePacket.ping())).isEqualTo("2");
            assertThat(EngineCodec.decodePayload("3")).containsExactly(EnginePacket.pong());
            assertThat(EngineCodec.decodeText("3")).isEqualTo(EnginePacket.pong());
        }

        @Test
        void closeWhileAPollWaits() throws Exception {
            assertThat(EngineCodec.decodePayload("1")).containsExactly(EnginePacket.close());
            assertThat(EngineCodec.encodePayload(List.of(EnginePacket.noop()))).isEqualTo("6");
            assertThat(EngineCodec.decodeText("1").type()).isEqualTo(EngineType.CLOSE);
        }

        @Test
        void upgrade() throws Exception {
            EnginePacket probe = EngineCodec.decodeText("2probe");
            assertThat(probe).isEqualTo(EnginePacket.text(EngineType.PING, "probe"));
            assertThat(EngineCodec.encodeText(EnginePacket.text(EngineType.PONG, probe.text()))).isEqualTo("3probe");
            assertThat(EngineCodec.encodePayload(List.of(EnginePacket.noop()))).isEqualTo("6");
            assertThat(EngineCodec.decodeText("5")).isEqualTo(EnginePacket.upgrade());
        }
    }

    @Nested
    class SocketIo {

        private final SocketDecoder decoder = new SocketDecoder(10);

        /** Frames in, as a WebSocket delivers them: a String is a text frame, a byte[] a binary frame. */
        private SocketPacket receive(Object... frames) throws PacketException {
            SocketPacket packet = null;
            for (Object frame : frames) {
                assertThat(packet).as("complete before its last frame").isNull();
                EnginePacket message = frame instanceof String text
                        ? EngineCodec.decodeText(text)
                        : EngineCodec.decodeBinary((byte[]) frame);
                assertThat(message.type()).isEqualTo(EngineType.MESSAGE);
                packet = decoder.decode(message);
            }
            assertThat(packet).isNotNull();
            return packet;
        }

        /** Frames out: the text frame, then one binary frame per attachment. */
        private static List<Object> send(EncodedPacket packet) {
            List<Object> frames = new ArrayList<>();
            for (EnginePacket p : packet.toEnginePackets()) {
                frames.add(p.isBinary() ? p.binary() : EngineCodec.encodeText(p));
            }
            return frames;
        }

        private static String send(String socketPacket) {
            return EngineCodec.encodeText(EnginePacket.message(socketPacket));
        }

        private static List<Object> sendAuth(SocketPacket connect) {
            return send(SocketEncoder.encodeEventArgs(connect.namespace(), SocketPacket.NO_ACK, "auth",
                    List.of(connect.auth())));
        }

        @Test
        void connectWithoutAuth() throws Exception {
            SocketPacket connect = receive("40");
            assertThat(send(SocketEncoder.encodeConnect(connect.namespace(), "S1"))).isEqualTo("40{\"sid\":\"S1\"}");
            assertThat(sendAuth(connect)).containsExactly("42[\"auth\",{}]");
        }

        @Test
        void connectWithAuth() throws Exception {
            SocketPacket connect = receive("40{\"token\":\"123\"}");
            assertThat(sendAuth(connect)).containsExactly("42[\"auth\",{\"token\":\"123\"}]");
        }

        @Test
        void connectToCustom() throws Exception {
            SocketPacket connect = receive("40/custom,");
            assertThat(send(SocketEncoder.encodeConnect(connect.namespace(), "S2")))
                    .isEqualTo("40/custom,{\"sid\":\"S2\"}");
            assertThat(sendAuth(connect)).containsExactly("42/custom,[\"auth\",{}]");
            assertThat(sendAuth(receive("40/custom,{\"token\":\"abc\"}")))
                    .containsExactly("42/custom,[\"auth\",{\"token\":\"abc\"}]");
        }

        @Test
        void connectToUnknownNamespace() throws Exception {
            SocketPacket connect = receive("40/random");
            assertThat(send(SocketEncoder.encodeConnectError(connect.namespace(), "Invalid namespace")))
                    .isEqualTo("44/random,{\"message\":\"Invalid namespace\"}");
        }

        @Test
        void disconnectFromMain() throws Exception {
            SocketPacket disconnect = receive("41");
            assertThat(disconnect.type()).isEqualTo(SocketType.DISCONNECT);
            assertThat(disconnect.namespace()).isEqualTo("/");
        }

        @Test
        void eventEchoedBack() throws Exception {
            SocketPacket event = receive("42[\"message\",1,\"2\",{\"3\":[true]}]");
            assertThat(event.event()).isEqualTo("message");
            assertThat(send(SocketEncoder.encodeEventArgs(event.namespace(), SocketPacket.NO_ACK, "message-back",
                    event.arguments()))).containsExactly("42[\"message-back\",1,\"2\",{\"3\":[true]}]");
        }

        @Test
        void binaryEventEchoedBack() throws Exception {
            SocketPacket event = receive("452-[\"message\"," + PLACEHOLDERS + "]", FIRST, SECOND);
            assertThat(send(SocketEncoder.encodeEventArgs(event.namespace(), SocketPacket.NO_ACK, "message-back",
                    event.arguments()))).containsExactly("452-[\"message-back\"," + PLACEHOLDERS + "]", FIRST, SECOND);
        }

        @Test
        void eventAcknowledged() throws Exception {
            SocketPacket event = receive("42456[\"message-with-ack\",1,\"2\",{\"3\":[false]}]");
            assertThat(send(SocketEncoder.encodeAckArgs(event.namespace(), event.ackId(), event.arguments())))
                    .containsExactly("43456[1,\"2\",{\"3\":[false]}]");
        }

        @Test
        void binaryEventAcknowledgedWithBinaries() throws Exception {
            SocketPacket event = receive("452-789[\"message-with-ack\"," + PLACEHOLDERS + "]", FIRST, SECOND);
            assertThat(send(SocketEncoder.encodeAckArgs(event.namespace(), event.ackId(), event.arguments())))
                    .containsExactly("462-789[" + PLACEHOLDERS + "]", FIRST, SECOND);
        }

        @Test
        void invalidPacketsAreRefused() {
            assertThatThrownBy(() -> receive("4abc")).isInstanceOf(SocketProtocolException.class)
                    .hasMessageStartingWith("Unknown Socket.IO packet type 'a'");
            assertThatThrownBy(() -> receive("42{}")).isInstanceOf(SocketProtocolException.class)
                    .hasMessageStartingWith("EVENT payload must be a non-empty JSON array");
            assertThatThrownBy(() -> receive("42abc[\"message\"]")).isInstanceOf(SocketProtocolException.class)
                    .hasMessageContaining("expected an ack id or a JSON array or object at index 1, found 'a'");
        }

        @Test
        void connectAnswerAndFirstEventGoBackToBackInOnePollingPayload() {
            String body = EngineCodec.encodePayload(List.of(EnginePacket.message(SocketEncoder.encodeConnect("/", "S")),
                    EnginePacket.message(SocketEncoder.encodeEvent("/", "\"auth\"", "{}"))));
            assertThat(body).isEqualTo("40{\"sid\":\"S\"}\u001e42[\"auth\",{}]");
        }
    }
}
