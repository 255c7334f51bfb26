package org.cdigateway.socketio.internal.packet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.List;

import org.junit.jupiter.api.Test;

class EngineCodecTest {

    private static final byte[] ONE_TO_FOUR = {1, 2, 3, 4};

    @Test
    void decodesEveryTypeDigit() throws Exception {
        assertThat(EngineCodec.decodeText("0{\"sid\":\"x\"}"))
                .isEqualTo(EnginePacket.text(EngineType.OPEN, "{\"sid\":\"x\"}"));
        assertThat(EngineCodec.decodeText("1")).isEqualTo(EnginePacket.close());
        assertThat(EngineCodec.decodeText("2")).isEqualTo(EnginePacket.ping());
        assertThat(EngineCodec.decodeText("3")).isEqualTo(EnginePacket.pong());
        assertThat(EngineCodec.decodeText("4hello")).isEqualTo(EnginePacket.message("hello"));
        assertThat(EngineCodec.decodeText("5")).isEqualTo(EnginePacket.upgrade());
        assertThat(EngineCodec.decodeText("6")).isEqualTo(EnginePacket.noop());
    }

    @Test
    void probeTravelsAsPingAndPongData() throws Exception {
        EnginePacket probe = EngineCodec.decodeText("2probe");
        assertThat(probe.type()).isEqualTo(EngineType.PING);
        assertThat(probe.text()).isEqualTo("probe");
        assertThat(EngineCodec.encodeText(EnginePacket.text(EngineType.PONG, "probe"))).isEqualTo("3probe");
    }

    @Test
    void textFrameEchoesExactly() throws Exception {
        EnginePacket hello = EngineCodec.decodeText("4hello");
        assertThat(hello.isBinary()).isFalse();
        assertThat(EngineCodec.encodeText(hello)).isEqualTo("4hello");
        assertThat(EngineCodec.encodeText(EngineCodec.decodeText("4"))).isEqualTo("4");
    }

    @Test
    void encodesControlPacketsAsTheirDigit() {
        assertThat(EngineCodec.encodeText(EnginePacket.ping())).isEqualTo("2");
        assertThat(EngineCodec.encodeText(EnginePacket.pong())).isEqualTo("3");
        assertThat(EngineCodec.encodeText(EnginePacket.close())).isEqualTo("1");
        assertThat(EngineCodec.encodeText(EnginePacket.upgrade())).isEqualTo("5");
        assertThat(EngineCodec.encodeText(EnginePacket.noop())).isEqualTo("6");
    }

    @Test
    void binaryFrameIsAMessageWithExactlyItsBytes() {
        EnginePacket packet = EngineCodec.decodeBinary(ONE_TO_FOUR);
        assertThat(packet.type()).isEqualTo(EngineType.MESSAGE);
        assertThat(packet.isBinary()).isTrue();
        assertThat(packet.text()).isNull();
        assertThat(packet.binary()).containsExactly(1, 2, 3, 4);
    }

    @Test
    void binaryFrameFromBufferCopiesRemainingBytesAndLeavesPosition() {
        ByteBuffer buffer = ByteBuffer.wrap(new byte[]{9, 1, 2, 3, 4});
        buffer.position(1);
        EnginePacket packet = EngineCodec.decodeBinary(buffer);
        assertThat(packet.binary()).containsExactly(1, 2, 3, 4);
        assertThat(buffer.position()).isEqualTo(1);
    }

    @Test
    void binaryMessageHasNoTextFrame() {
        assertThatThrownBy(() -> EngineCodec.encodeText(EnginePacket.binary(ONE_TO_FOUR)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("binary frame");
    }

    @Test
    void refusesUnknownTypeDigit() {
        assertThatThrownBy(() -> EngineCodec.decodeText("abc")).isInstanceOf(EngineProtocolException.class)
                .hasMessage("Unknown Engine.IO packet type 'a' in \"abc\": the type digit is 0-6");
        assertThatThrownBy(() -> EngineCodec.decodeText("7")).isInstanceOf(EngineProtocolException.class)
                .hasMessageStartingWith("Unknown Engine.IO packet type '7'");
        assertThatThrownBy(() -> EngineCodec.decodeText("\u0001x")).isInstanceOf(EngineProtocolException.class)
                .hasMessageStartingWith("Unknown Engine.IO packet type '\\u0001'");
    }

    @Test
    void refusesEmptyPacket() {
        assertThatThrownBy(() -> EngineCodec.decodeText("")).isInstanceOf(EngineProtocolException.class)
                .hasMessage("Empty Engine.IO packet: a packet starts with its type digit 0-6");
    }

    @Test
    void decodesBase64BinaryOfPollingPayload() throws Exception {
        EnginePacket packet = EngineCodec.decodeText("bAQIDBA==");
        assertThat(packet.type()).isEqualTo(EngineType.MESSAGE);
        assertThat(packet.binary()).containsExactly(1, 2, 3, 4);
        assertThat(EngineCodec.decodeText("bAQID").binary()).containsExactly(1, 2, 3);
        assertThat(EngineCodec.decodeText("b").binary()).isEmpty();
    }

    @Test
    void refusesBadBase64() {
        assertThatThrownBy(() -> EngineCodec.decodeText("b@@@@")).isInstanceOf(EngineProtocolException.class)
                .hasMessageStartingWith("Engine.IO binary packet \"b@@@@\" is not 'b' and standard base64: ")
                .hasCauseInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EngineCodec.decodeText("bAQIDB")).isInstanceOf(EngineProtocolException.class);
        // URL-safe alphabet is not the standard one
        assertThatThrownBy(() -> EngineCodec.decodeText("b-_-_")).isInstanceOf(EngineProtocolException.class);
    }

    @Test
    void pollingPayloadOfOnePacket() throws Exception {
        assertThat(EngineCodec.decodePayload("4hello")).containsExactly(EnginePacket.message("hello"));
        assertThat(EngineCodec.encodePayload(List.of(EnginePacket.message("hello")))).isEqualTo("4hello");
    }

    @Test
    void pollingPayloadKeepsOrderAndSeparator() throws Exception {
        String payload = "4hello\u001e4world\u001e2probe\u001e1";
        List<EnginePacket> packets = EngineCodec.decodePayload(payload);
        assertThat(packets).containsExactly(EnginePacket.message("hello"), EnginePacket.message("world"),
                EnginePacket.text(EngineType.PING, "probe"), EnginePacket.close());
        assertThat(EngineCodec.encodePayload(packets)).isEqualTo(payload);
    }

    @Test
    void pollingPayloadWritesBinaryAsBase64() throws Exception {
        assertThat(EngineCodec.encodePayload(List.of(EnginePacket.binary(ONE_TO_FOUR)))).isEqualTo("bAQIDBA==");
        String mixed = EngineCodec
                .encodePayload(List.of(EnginePacket.message("hello"), EnginePacket.binary(new byte[]{1, 2, 3})));
        assertThat(mixed).isEqualTo("4hello\u001ebAQID");
        List<EnginePacket> back = EngineCodec.decodePayload(mixed);
        assertThat(back).hasSize(2);
        assertThat(back.get(1).binary()).containsExactly(1, 2, 3);
    }

    @Test
    void pollingPayloadOfUtf8Text() throws Exception {
        String payload = "4€€€\u001e4héllo";
        assertThat(EngineCodec.decodePayload(payload)).extracting(EnginePacket::text).containsExactly("€€€", "héllo");
        assertThat(EngineCodec.encodePayload(EngineCodec.decodePayload(payload))).isEqualTo(payload);
    }

    @Test
    void pollingPayloadRefusesInvalidPacketAndNamesIt() {
        assertThatThrownBy(() -> EngineCodec.decodePayload("abc")).isInstanceOf(EngineProtocolException.class)
                .hasMessage(
                        "Polling payload packet 1: Unknown Engine.IO packet type 'a' in \"abc\": the type digit is 0-6");
        assertThatThrownBy(() -> EngineCodec.decodePayload("4ok\u001e9x")).isInstanceOf(EngineProtocolException.class)
                .hasMessageStartingWith("Polling payload packet 2: Unknown Engine.IO packet type '9'");
        assertThatThrownBy(() -> EngineCodec.decodePayload("4ok\u001eb!!")).isInstanceOf(EngineProtocolException.class)
                .hasMessageStartingWith("Polling payload packet 2: Engine.IO binary packet")
                .hasCauseInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pollingPayloadRefusesEmptyPackets() {
        assertThatThrownBy(() -> EngineCodec.decodePayload("")).isInstanceOf(EngineProtocolException.class)
                .hasMessage(
                        "Polling payload packet 1: Empty Engine.IO packet: a packet starts with its type digit 0-6");
        assertThatThrownBy(() -> EngineCodec.decodePayload("4a\u001e\u001e4b"))
                .isInstanceOf(EngineProtocolException.class)
                .hasMessageStartingWith("Polling payload packet 2: Empty Engine.IO packet");
        assertThatThrownBy(() -> EngineCodec.decodePayload("4a\u001e")).isInstanceOf(EngineProtocolException.class)
                .hasMessageStartingWith("Polling payload packet 2: Empty Engine.IO packet");
    }

    @Test
    void emptyPayloadCannotBeWritten() {
        assertThatThrownBy(() -> EngineCodec.encodePayload(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void openPacketOverPolling() {
        EnginePacket open = EnginePacket.open("abc", List.of("websocket"), 300, 200, 1_000_000);
        assertThat(EngineCodec.encodePayload(List.of(open))).isEqualTo(
                "0{\"sid\":\"abc\",\"upgrades\":[\"websocket\"],\"pingInterval\":300,\"pingTimeout\":200,\"maxPayload\":1000000}");
    }

    @Test
    void openPacketOverWebSocketOffersNoUpgrade() {
        EnginePacket open = EnginePacket.open("a\"b", List.of(), 25000, 20000, 1_000_000);
        assertThat(EngineCodec.encodeText(open)).isEqualTo(
                "0{\"sid\":\"a\\\"b\",\"upgrades\":[],\"pingInterval\":25000,\"pingTimeout\":20000,\"maxPayload\":1000000}");
    }

    @Test
    void handshakeJsonListsUpgradesInOrder() {
        assertThat(EngineCodec.handshakeJson("s", List.of("websocket", "webtransport"), 1, 2, 3))
                .isEqualTo(
                        "{\"sid\":\"s\",\"upgrades\":[\"websocket\",\"webtransport\"],\"pingInterval\":1,\"pingTimeout\":2,\"maxPayload\":3}");
    }

    @Test
    void packetsCompareByContent() {
        assertThat(EnginePacket.binary(new byte[]{1})).isEqualTo(EnginePacket.binary(new byte[]{1}))
                .hasSameHashCodeAs(EnginePacket.binary(new byte[]{1}));
        assertThat(EnginePacket.binary(new byte[]{1})).isNotEqualTo(EnginePacket.binary(new byte[]{2}));
        assertThat(EnginePacket.message("")).isNotEqualTo(EnginePacket.binary(new byte[0]));
        assertThat(EnginePacket.message("x")).hasToString("MESSAGE x");
        assertThat(EnginePacket.binary(ONE_TO_FOUR)).hasToString("MESSAGE binary 4 bytes");
    }
}
