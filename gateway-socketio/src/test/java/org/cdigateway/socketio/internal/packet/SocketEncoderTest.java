package org.cdigateway.socketio.internal.packet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.json.Json;

import org.cdigateway.internal.json.JsonText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SocketEncoderTest {

    private static final String PLACEHOLDER_0 = "{\"_placeholder\":true,\"num\":0}";
    private static final String PLACEHOLDER_1 = "{\"_placeholder\":true,\"num\":1}";
    private static final byte[] FIRST = {1, 2, 3, 4};
    private static final byte[] SECOND = {5, 6};

    private final SocketDecoder decoder = new SocketDecoder(10);

    /** The WebSocket text frame that carries a Socket.IO packet: the Engine.IO message digit in front. */
    private static String frame(String socketPacket) {
        return EngineCodec.encodeText(EnginePacket.message(socketPacket));
    }

    private SocketPacket decodeFrames(String text, byte[]... binaries) throws PacketException {
        SocketPacket packet = decoder.decode(EngineCodec.decodeText(text));
        for (byte[] binary : binaries) {
            assertThat(packet).isNull();
            packet = decoder.decode(EngineCodec.decodeBinary(binary));
        }
        assertThat(packet).isNotNull();
        return packet;
    }

    @Test
    void connectAnswerCarriesOnlyTheSid() {
        assertThat(SocketEncoder.encodeConnect("/", "abc")).isEqualTo("0{\"sid\":\"abc\"}");
        assertThat(frame(SocketEncoder.encodeConnect("/", "abc"))).isEqualTo("40{\"sid\":\"abc\"}");
        assertThat(frame(SocketEncoder.encodeConnect("/custom", "x\"y"))).isEqualTo("40/custom,{\"sid\":\"x\\\"y\"}");
    }

    @Test
    void connectErrorForUnknownNamespace() {
        assertThat(frame(SocketEncoder.encodeConnectError("/random", "Invalid namespace")))
                .isEqualTo("44/random,{\"message\":\"Invalid namespace\"}");
        assertThat(SocketEncoder.encodeConnectError("/", "Not authorized"))
                .isEqualTo("4{\"message\":\"Not authorized\"}");
    }

    @Test
    void connectErrorWithData() {
        assertThat(SocketEncoder.encodeConnectError("/", "Not authorized", "{\"content\":\"retry later\"}"))
                .isEqualTo("4{\"message\":\"Not authorized\",\"data\":{\"content\":\"retry later\"}}");
    }

    @Test
    void disconnect() {
        assertThat(frame(SocketEncoder.encodeDisconnect("/"))).isEqualTo("41");
        assertThat(frame(SocketEncoder.encodeDisconnect("/custom"))).isEqualTo("41/custom,");
    }

    @Test
    void eventFromPreEncodedJson() {
        String auth = JsonText.quote("auth");
        assertThat(frame(SocketEncoder.encodeEvent("/", auth, "{}"))).isEqualTo("42[\"auth\",{}]");
        assertThat(frame(SocketEncoder.encodeEvent("/", auth, "{\"token\":\"123\"}")))
                .isEqualTo("42[\"auth\",{\"token\":\"123\"}]");
        assertThat(frame(SocketEncoder.encodeEvent("/custom", auth, "{}"))).isEqualTo("42/custom,[\"auth\",{}]");
        assertThat(frame(SocketEncoder.encodeEvent("/custom", auth, "{\"token\":\"abc\"}")))
                .isEqualTo("42/custom,[\"auth\",{\"token\":\"abc\"}]");
        assertThat(SocketEncoder.encodeEvent("/", "\"ping\"", null)).isEqualTo("2[\"ping\"]");
        assertThat(SocketEncoder.encodeEvent("/", "\"ping\"", "")).isEqualTo("2[\"ping\"]");
        assertThat(SocketEncoder.encodeEvent("/", "\"hey\"", "\"Jude\",2")).isEqualTo("2[\"hey\",\"Jude\",2]");
    }

    @Test
    void eventFromPreEncodedJsonAskingForAck() {
        assertThat(SocketEncoder.encodeEvent("/", 12, "\"foo\"", null)).isEqualTo("212[\"foo\"]");
        assertThat(SocketEncoder.encodeEvent("/admin", 13, "\"foo\"", "1")).isEqualTo("2/admin,13[\"foo\",1]");
        assertThat(SocketEncoder.encodeEvent("/", SocketPacket.NO_ACK, "\"foo\"", "1")).isEqualTo("2[\"foo\",1]");
    }

    @Test
    void ackFromPreEncodedJson() {
        assertThat(frame(SocketEncoder.encodeAck("/", 456, "1,\"2\",{\"3\":[false]}")))
                .isEqualTo("43456[1,\"2\",{\"3\":[false]}]");
        assertThat(SocketEncoder.encodeAck("/admin", 13, "\"bar\"")).isEqualTo("3/admin,13[\"bar\"]");
        assertThat(SocketEncoder.encodeAck("/", 0, null)).isEqualTo("30[]");
        assertThat(SocketEncoder.encodeAck("/", 7, "")).isEqualTo("37[]");
    }

    @Test
    void echoesAnEventExactly() throws Exception {
        SocketPacket in = decodeFrames("42[\"message\",1,\"2\",{\"3\":[true]}]");
        EncodedPacket out = SocketEncoder.encodeEventArgs("/", SocketPacket.NO_ACK, "message-back", in.arguments());
        assertThat(out.isBinary()).isFalse();
        assertThat(out.attachments()).isEmpty();
        assertThat(frame(out.text())).isEqualTo("42[\"message-back\",1,\"2\",{\"3\":[true]}]");
    }

    @Test
    void keepsMemberOrderAndCompactForm() throws Exception {
        SocketPacket in = decodeFrames("42[\"m\",{\"z\":1,\"a\":{\"y\":[],\"b\":{}},\"m\":null}, [ 1 , 2 ] ]");
        assertThat(SocketEncoder.encodeEventArgs("/", SocketPacket.NO_ACK, "m", in.arguments()).text())
                .isEqualTo("2[\"m\",{\"z\":1,\"a\":{\"y\":[],\"b\":{}},\"m\":null},[1,2]]");
    }

    @Test
    void echoesABinaryEventWithItsAttachmentsInOrder() throws Exception {
        SocketPacket in = decodeFrames("452-[\"message\"," + PLACEHOLDER_0 + "," + PLACEHOLDER_1 + "]", FIRST, SECOND);
        EncodedPacket out = SocketEncoder.encodeEventArgs("/", SocketPacket.NO_ACK, "message-back", in.arguments());

        assertThat(out.isBinary()).isTrue();
        assertThat(frame(out.text()))
                .isEqualTo("452-[\"message-back\"," + PLACEHOLDER_0 + "," + PLACEHOLDER_1 + "]");
        assertThat(out.attachments()).containsExactly(FIRST, SECOND);

        List<EnginePacket> packets = out.toEnginePackets();
        assertThat(packets).containsExactly(EnginePacket.message(out.text()), EnginePacket.binary(FIRST),
                EnginePacket.binary(SECOND));
        assertThat(EngineCodec.encodeText(packets.get(0))).startsWith("452-");
        assertThat(packets.get(1).binary()).containsExactly(1, 2, 3, 4);
        assertThat(packets.get(2).binary()).containsExactly(5, 6);
    }

    @Test
    void acknowledgesWithTheSameArguments() throws Exception {
        SocketPacket in = decodeFrames("42456[\"message-with-ack\",1,\"2\",{\"3\":[false]}]");
        EncodedPacket out = SocketEncoder.encodeAckArgs(in.namespace(), in.ackId(), in.arguments());
        assertThat(frame(out.text())).isEqualTo("43456[1,\"2\",{\"3\":[false]}]");
    }

    @Test
    void acknowledgesWithBinaries() throws Exception {
        SocketPacket in = decodeFrames("452-789[\"message-with-ack\"," + PLACEHOLDER_0 + "," + PLACEHOLDER_1 + "]",
                FIRST, SECOND);
        EncodedPacket out = SocketEncoder.encodeAckArgs(in.namespace(), in.ackId(), in.arguments());
        assertThat(frame(out.text())).isEqualTo("462-789[" + PLACEHOLDER_0 + "," + PLACEHOLDER_1 + "]");
        assertThat(out.attachments()).containsExactly(FIRST, SECOND);
    }

    @Test
    void binaryAckInANamespace() {
        EncodedPacket out = SocketEncoder.encodeAckArgs("/admin", 1, List.of(FIRST));
        assertThat(out.text()).isEqualTo("61-/admin,1[" + PLACEHOLDER_0 + "]");
    }

    @Test
    void emptyAck() {
        assertThat(SocketEncoder.encodeAckArgs("/", 12, List.of()).text()).isEqualTo("312[]");
    }

    @Test
    void binariesAnywhereInATreeBecomePlaceholdersInDepthFirstOrder() {
        ByteBuffer buffer = ByteBuffer.wrap(new byte[]{0, 7, 8});
        buffer.position(1);
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("name", "x");
        object.put("files", List.of(FIRST, Map.of("inner", buffer)));
        List<Object> args = new ArrayList<>();
        args.add(object);
        args.add(SECOND);

        EncodedPacket out = SocketEncoder.encodeEventArgs("/", 3, "upload", args);
        assertThat(out.text()).isEqualTo("53-3[\"upload\",{\"name\":\"x\",\"files\":[" + PLACEHOLDER_0
                + ",{\"inner\":" + PLACEHOLDER_1 + "}]},{\"_placeholder\":true,\"num\":2}]");
        assertThat(out.attachments()).hasSize(3);
        assertThat(out.attachments().get(0)).isSameAs(FIRST);
        assertThat(out.attachments().get(1)).containsExactly(7, 8);
        assertThat(out.attachments().get(2)).isSameAs(SECOND);
        assertThat(buffer.position()).isEqualTo(1);
    }

    @Test
    void encodedTreeDecodesBackToTheSameBinaries() throws Exception {
        EncodedPacket out = SocketEncoder.encodeEventArgs("/chat", SocketPacket.NO_ACK, "file",
                List.of("a.bin", List.of(FIRST, SECOND)));
        SocketPacket back = decoder.decodeText(out.text());
        for (byte[] attachment : out.attachments()) {
            back = decoder.decodeBinary(attachment);
        }
        assertThat(back.namespace()).isEqualTo("/chat");
        assertThat(back.event()).isEqualTo("file");
        assertThat(back.arguments()).hasSize(2);
        assertThat((List<Object>) cast(back.arguments().get(1))).containsExactly(FIRST, SECOND);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> cast(Object o) {
        return (List<Object>) o;
    }

    @Test
    void javaValuesAsJson() {
        List<Object> args = Arrays.asList(null, true, false, 1, 2L, (short) 3, (byte) 4,
                new BigInteger("123456789012345678901234"),
                new BigDecimal("1.50"), 1.0, -2.5, 0.1f, Double.NaN, Double.POSITIVE_INFINITY, 1e300, 'c',
                "q\"\\\n\u0001\u2028", new RawJson("{\"pre\":[1]}"), Json.createValue("s"),
                Json.createArrayBuilder().add(1).addNull().add(Json.createObjectBuilder().add("k", "v")).build(),
                List.of(), Map.of());
        assertThat(SocketEncoder.encodeEventArgs("/", SocketPacket.NO_ACK, "types", args).text())
                .isEqualTo("2[\"types\",null,true,false,1,2,3,4,123456789012345678901234,1.50,1,-2.5,0.1,null,null,"
                        + "1.0E300,\"c\",\"q\\\"\\\\\\n\\u0001\\u2028\",{\"pre\":[1]},\"s\",[1,null,{\"k\":\"v\"}],[],{}]");
    }

    @Test
    void refusesWhatIsNotJson() {
        assertThatThrownBy(() -> SocketEncoder.encodeEventArgs("/", -1, "e", List.of(new Object())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "Cannot write a java.lang.Object as a Socket.IO argument: convert it to JSON (RawJson, JsonValue) first");
        Map<Object, Object> intKeys = new HashMap<>();
        intKeys.put(1, "one");
        assertThatThrownBy(() -> SocketEncoder.encodeEventArgs("/", -1, "e", List.of(intKeys)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("JSON object keys are strings, not 1");
    }

    @Test
    void refusesReservedEventNames() {
        assertThatThrownBy(() -> SocketEncoder.encodeEventArgs("/", -1, "disconnect", List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Event name \"disconnect\" is reserved by Socket.IO: the client would refuse the packet");
    }

    @Test
    void refusesBadNamespacesAndAckIds() {
        assertThatThrownBy(() -> SocketEncoder.encodeDisconnect("")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Namespace \"\" must start with '/' and hold no ','");
        assertThatThrownBy(() -> SocketEncoder.encodeDisconnect("custom")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SocketEncoder.encodeConnect("/a,b", "s")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SocketEncoder.encodeAck("/", SocketPacket.NO_ACK, "1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("An ack answers an ack id, got -1");
        assertThatThrownBy(() -> SocketEncoder.encodeAckArgs("/", -5, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SocketEncoder.encodeEvent("/", -2, "\"e\"", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Ack id -2 is negative");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "0{\"token\":\"123\"}", "0/custom,", "0/custom,{\"token\":\"abc\"}", "1", "1/custom,",
            "2[\"message\",1,\"2\",{\"3\":[true]}]", "2456[\"message-with-ack\",1,\"2\",{\"3\":[false]}]",
            "3456[1,\"2\",{\"3\":[false]}]", "4/random,{\"message\":\"Invalid namespace\"}",
            "4{\"message\":\"no\",\"data\":{\"a\":[1,2.5,-3]}}", "2/admin,13[\"tellme\"]", "30[]",
            "2[\"\\u00e9\\\"\\\\\\n\"]"})
    void decodedPacketsAreWrittenBackAsTheyCame(String text) throws Exception {
        SocketPacket packet = decoder.decodeText(text);
        EncodedPacket out = SocketEncoder.encode(packet);
        assertThat(out.text()).isEqualTo(text.replace("\\u00e9", "é"));
        assertThat(out.attachments()).isEmpty();
    }

    @Test
    void decodedBinaryPacketIsWrittenBackWithItsAttachments() throws Exception {
        String text = "62-/admin,15[" + PLACEHOLDER_0 + ",{\"x\":" + PLACEHOLDER_1 + "}]";
        decoder.decodeText(text);
        decoder.decodeBinary(FIRST);
        EncodedPacket out = SocketEncoder.encode(decoder.decodeBinary(SECOND));
        assertThat(out.text()).isEqualTo(text);
        assertThat(out.attachments()).containsExactly(FIRST, SECOND);
    }

    @Test
    void encodedPacketCopiesItsAttachmentList() {
        List<byte[]> attachments = new ArrayList<>(List.of(FIRST));
        EncodedPacket packet = new EncodedPacket("51-[\"a\"," + PLACEHOLDER_0 + "]", attachments);
        attachments.clear();
        assertThat(packet.attachments()).containsExactly(FIRST);
        assertThatThrownBy(() -> packet.attachments().add(SECOND)).isInstanceOf(UnsupportedOperationException.class);
    }
}
