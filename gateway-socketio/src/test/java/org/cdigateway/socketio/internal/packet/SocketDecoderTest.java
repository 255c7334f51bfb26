package org.cdigateway.socketio.internal.packet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.Test;

class SocketDecoderTest {

    private static final String TWO_PLACEHOLDERS = "{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}";
    private static final byte[] FIRST = {1, 2, 3, 4};
    private static final byte[] SECOND = {5, 6};

    private final SocketDecoder decoder = new SocketDecoder(10);

    /** The Socket.IO packet inside an Engine.IO text frame, both layers decoded as a server does. */
    private SocketPacket wire(String frame) throws PacketException {
        return decoder.decode(EngineCodec.decodeText(frame));
    }

    @Test
    void connectToMainNamespaceWithoutAuth() throws Exception {
        SocketPacket p = wire("40");
        assertThat(p.type()).isEqualTo(SocketType.CONNECT);
        assertThat(p.namespace()).isEqualTo("/");
        assertThat(p.payload()).isNull();
        assertThat(p.hasAckId()).isFalse();
        assertThat(p.ackId()).isEqualTo(SocketPacket.NO_ACK);
        assertThat(p.auth()).isEqualTo(JsonValue.EMPTY_JSON_OBJECT);
        assertThat(p.attachments()).isEmpty();
    }

    @Test
    void connectToMainNamespaceWithAuth() throws Exception {
        SocketPacket p = wire("40{\"token\":\"123\"}");
        assertThat(p.namespace()).isEqualTo("/");
        assertThat(p.auth().getString("token")).isEqualTo("123");
        assertThat(p.auth()).hasToString("{\"token\":\"123\"}");
    }

    @Test
    void connectToCustomNamespace() throws Exception {
        SocketPacket p = wire("40/custom,");
        assertThat(p.type()).isEqualTo(SocketType.CONNECT);
        assertThat(p.namespace()).isEqualTo("/custom");
        assertThat(p.payload()).isNull();
        assertThat(p.auth()).isEmpty();
    }

    @Test
    void connectToCustomNamespaceWithAuth() throws Exception {
        SocketPacket p = wire("40/custom,{\"token\":\"abc\"}");
        assertThat(p.namespace()).isEqualTo("/custom");
        assertThat(p.auth()).isEqualTo(Json.createObjectBuilder().add("token", "abc").build());
    }

    @Test
    void namespaceWithoutCommaRunsToTheEnd() throws Exception {
        SocketPacket p = wire("40/random");
        assertThat(p.type()).isEqualTo(SocketType.CONNECT);
        assertThat(p.namespace()).isEqualTo("/random");
        assertThat(p.payload()).isNull();
    }

    @Test
    void disconnect() throws Exception {
        SocketPacket main = wire("41");
        assertThat(main.type()).isEqualTo(SocketType.DISCONNECT);
        assertThat(main.namespace()).isEqualTo("/");
        SocketPacket custom = wire("41/custom,");
        assertThat(custom.type()).isEqualTo(SocketType.DISCONNECT);
        assertThat(custom.namespace()).isEqualTo("/custom");
    }

    @Test
    void connectError() throws Exception {
        SocketPacket p = wire("44/random,{\"message\":\"Invalid namespace\"}");
        assertThat(p.type()).isEqualTo(SocketType.CONNECT_ERROR);
        assertThat(p.namespace()).isEqualTo("/random");
        assertThat(p.payload().asJsonObject().getString("message")).isEqualTo("Invalid namespace");
    }

    @Test
    void eventWithMixedArguments() throws Exception {
        SocketPacket p = wire("42[\"message\",1,\"2\",{\"3\":[true]}]");
        assertThat(p.type()).isEqualTo(SocketType.EVENT);
        assertThat(p.namespace()).isEqualTo("/");
        assertThat(p.hasAckId()).isFalse();
        assertThat(p.event()).isEqualTo("message");
        List<Object> args = p.arguments();
        assertThat(args).hasSize(3);
        assertThat(((JsonNumber) args.get(0)).intValue()).isEqualTo(1);
        assertThat(((JsonString) args.get(1)).getString()).isEqualTo("2");
        assertThat(args.get(2)).hasToString("{\"3\":[true]}");
        assertThat(p.payload()).hasToString("[\"message\",1,\"2\",{\"3\":[true]}]");
    }

    @Test
    void eventInCustomNamespace() throws Exception {
        SocketPacket p = wire("42/custom,[\"hello\"]");
        assertThat(p.namespace()).isEqualTo("/custom");
        assertThat(p.event()).isEqualTo("hello");
        assertThat(p.arguments()).isEmpty();
    }

    @Test
    void eventWithAckId() throws Exception {
        SocketPacket p = wire("42456[\"message-with-ack\",1,\"2\",{\"3\":[false]}]");
        assertThat(p.type()).isEqualTo(SocketType.EVENT);
        assertThat(p.ackId()).isEqualTo(456);
        assertThat(p.event()).isEqualTo("message-with-ack");
        assertThat(p.arguments()).hasSize(3);
    }

    @Test
    void eventWithNamespaceAndAckId() throws Exception {
        SocketPacket p = wire("42/admin,13[\"tellme\"]");
        assertThat(p.namespace()).isEqualTo("/admin");
        assertThat(p.ackId()).isEqualTo(13);
        assertThat(p.event()).isEqualTo("tellme");
    }

    @Test
    void ack() throws Exception {
        SocketPacket p = wire("43456[1,\"2\",{\"3\":[false]}]");
        assertThat(p.type()).isEqualTo(SocketType.ACK);
        assertThat(p.ackId()).isEqualTo(456);
        assertThat(p.arguments()).hasSize(3);
        SocketPacket empty = wire("43/admin,0[]");
        assertThat(empty.namespace()).isEqualTo("/admin");
        assertThat(empty.ackId()).isZero();
        assertThat(empty.arguments()).isEmpty();
    }

    @Test
    void binaryEventWaitsForItsAttachments() throws Exception {
        assertThat(wire("452-[\"message\"," + TWO_PLACEHOLDERS + "]")).isNull();
        assertThat(decoder.awaitingAttachments()).isTrue();
        assertThat(decoder.decode(EngineCodec.decodeBinary(FIRST))).isNull();
        SocketPacket p = decoder.decode(EngineCodec.decodeBinary(SECOND));
        assertThat(decoder.awaitingAttachments()).isFalse();
        assertThat(p.type()).isEqualTo(SocketType.BINARY_EVENT);
        assertThat(p.event()).isEqualTo("message");
        assertThat(p.attachmentCount()).isEqualTo(2);
        assertThat(p.attachments()).containsExactly(FIRST, SECOND);
        assertThat(p.arguments()).containsExactly(FIRST, SECOND);
        assertThat(p.payload()).hasToString("[\"message\"," + TWO_PLACEHOLDERS + "]");
    }

    @Test
    void decoderIsReadyForTheNextPacketAfterABinaryOne() throws Exception {
        decoder.decodeText("51-[\"a\",{\"_placeholder\":true,\"num\":0}]");
        assertThat(decoder.decodeBinary(FIRST).arguments()).containsExactly(FIRST);
        assertThat(decoder.decodeText("2[\"b\"]").event()).isEqualTo("b");
        decoder.decodeText("51-[\"c\",{\"_placeholder\":true,\"num\":0}]");
        assertThat(decoder.decodeBinary(SECOND).arguments()).containsExactly(SECOND);
    }

    @Test
    void binaryAckWithAckId() throws Exception {
        assertThat(wire("452-789[\"message-with-ack\"," + TWO_PLACEHOLDERS + "]")).isNull();
        decoder.decodeBinary(FIRST);
        SocketPacket p = decoder.decodeBinary(ByteBuffer.wrap(SECOND));
        assertThat(p.type()).isEqualTo(SocketType.BINARY_EVENT);
        assertThat(p.ackId()).isEqualTo(789);
        assertThat(p.arguments()).hasSize(2);
        assertThat((byte[]) p.arguments().get(1)).containsExactly(5, 6);

        assertThat(decoder.decodeText("62-/admin,15[" + TWO_PLACEHOLDERS + "]")).isNull();
        decoder.decodeBinary(SECOND);
        SocketPacket ack = decoder.decodeBinary(FIRST);
        assertThat(ack.type()).isEqualTo(SocketType.BINARY_ACK);
        assertThat(ack.namespace()).isEqualTo("/admin");
        assertThat(ack.ackId()).isEqualTo(15);
        assertThat(ack.arguments()).containsExactly(SECOND, FIRST);
    }

    @Test
    @SuppressWarnings("unchecked")
    void placeholdersAreResolvedWhereverTheyAre() throws Exception {
        decoder.decodeText("52-[\"nested\",{\"a\":1,\"b\":[true,{\"_placeholder\":true,\"num\":1}],\"c\":\"x\"},"
                + "[{\"_placeholder\":true,\"num\":0}],{\"plain\":[1]}]");
        decoder.decodeBinary(FIRST);
        SocketPacket p = decoder.decodeBinary(SECOND);
        List<Object> args = p.arguments();

        Map<String, Object> object = (Map<String, Object>) args.get(0);
        assertThat(object).containsOnlyKeys("a", "b", "c");
        assertThat(object.keySet()).containsExactly("a", "b", "c");
        assertThat(object.get("a")).isInstanceOf(JsonNumber.class).hasToString("1");
        assertThat((List<Object>) object.get("b")).containsExactly(JsonValue.TRUE, SECOND);
        assertThat(object.get("c")).isInstanceOf(JsonString.class);

        assertThat((List<Object>) args.get(1)).containsExactly(FIRST);
        // a value that holds no binary stays the parsed JSON value
        assertThat(args.get(2)).isSameAs(p.payload().asJsonArray().get(3));
    }

    @Test
    void binaryPacketWithoutAttachmentsIsCompleteAtOnce() throws Exception {
        SocketPacket p = decoder.decodeText("50-[\"a\",1]");
        assertThat(p).isNotNull();
        assertThat(p.type()).isEqualTo(SocketType.BINARY_EVENT);
        assertThat(p.arguments()).hasSize(1);
        assertThat(decoder.awaitingAttachments()).isFalse();
    }

    @Test
    void placeholderInAPlainEventIsData() throws Exception {
        SocketPacket p = decoder.decodeText("2[\"a\",{\"_placeholder\":true,\"num\":0}]");
        assertThat(p.arguments().get(0)).hasToString("{\"_placeholder\":true,\"num\":0}");
    }

    @Test
    void unicodeEventNamesAndEscapes() throws Exception {
        SocketPacket p = decoder.decodeText("2[\"h\\u00e9llo \\\"x\\\"\",\"\\n\"]");
        assertThat(p.event()).isEqualTo("héllo \"x\"");
        assertThat(((JsonString) p.arguments().get(0)).getString()).isEqualTo("\n");
    }

    @Test
    void accessorsRefuseTheWrongType() throws Exception {
        SocketPacket connect = decoder.decodeText("0");
        assertThatThrownBy(connect::event).isInstanceOf(IllegalStateException.class)
                .hasMessage("CONNECT packets have no event");
        assertThatThrownBy(connect::arguments).isInstanceOf(IllegalStateException.class)
                .hasMessage("CONNECT packets carry no arguments");
        SocketPacket event = decoder.decodeText("2[\"a\"]");
        assertThatThrownBy(event::auth).isInstanceOf(IllegalStateException.class)
                .hasMessage("EVENT packets have no auth");
        assertThatThrownBy(() -> decoder.decode(EnginePacket.ping())).isInstanceOf(IllegalArgumentException.class);
    }

    // ---- invalid packets ----

    private void assertRefused(String data, String message) {
        assertThatThrownBy(() -> new SocketDecoder(10).decodeText(data)).isInstanceOf(SocketProtocolException.class)
                .hasMessage(message);
    }

    private void assertRefusedStartingWith(String data, String message) {
        assertThatThrownBy(() -> new SocketDecoder(10).decodeText(data)).isInstanceOf(SocketProtocolException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void unknownTypeInsideAnEngineMessage() {
        assertThatThrownBy(() -> wire("4abc")).isInstanceOf(SocketProtocolException.class)
                .hasMessage("Unknown Socket.IO packet type 'a' in \"abc\": the type digit is 0-6");
        assertRefusedStartingWith("7[\"a\"]", "Unknown Socket.IO packet type '7'");
        assertRefused("", "Empty Socket.IO packet: a packet starts with its type digit 0-6");
    }

    @Test
    void eventPayloadNotAnArray() {
        assertRefused("2{}", "EVENT payload must be a non-empty JSON array starting with the event name: \"2{}\"");
        assertRefused("2[]", "EVENT payload must be a non-empty JSON array starting with the event name: \"2[]\"");
    }

    @Test
    void malformedAckId() {
        assertRefused("2abc[\"a\"]",
                "Malformed Socket.IO packet \"2abc[\\\"a\\\"]\": expected an ack id or a JSON array or object at index 1, found 'a'");
        assertRefusedStartingWith("212x[\"a\"]", "Malformed Socket.IO packet");
        assertRefused("21234567890123456789[\"a\"]",
                "Ack id of 19 digits in \"21234567890123456789[\\\"a\\\"]\": at most 18 are accepted");
    }

    @Test
    void eventWithNamespaceButNoPayload() {
        assertRefused("2/ns,", "EVENT payload must be a non-empty JSON array starting with the event name: \"2/ns,\"");
        assertRefused("2", "EVENT payload must be a non-empty JSON array starting with the event name: \"2\"");
    }

    @Test
    void eventNameNotAString() {
        assertRefused("2[1,\"a\"]", "EVENT event name must be a JSON string, not 1: \"2[1,\\\"a\\\"]\"");
        assertRefusedStartingWith("2[null]", "EVENT event name must be a JSON string, not null");
        assertRefusedStartingWith("2[[\"a\"]]", "EVENT event name must be a JSON string");
    }

    @Test
    void reservedEventNames() {
        assertRefused("2[\"connect\"]", "EVENT event name \"connect\" is reserved by Socket.IO and cannot be sent");
        assertRefusedStartingWith("2[\"disconnecting\",1]", "EVENT event name \"disconnecting\" is reserved");
    }

    @Test
    void unterminatedJson() {
        assertRefusedStartingWith("2[\"a\"", "Socket.IO packet \"2[\\\"a\\\"\" has an invalid JSON payload: ");
        assertRefusedStartingWith("0{\"token\":",
                "Socket.IO packet \"0{\\\"token\\\":\" has an invalid JSON payload: ");
        assertRefusedStartingWith("2[\"a\",tru]",
                "Socket.IO packet \"2[\\\"a\\\",tru]\" has an invalid JSON payload: ");
    }

    @Test
    void trailingGarbage() {
        assertRefused("2[\"a\"]x", "Socket.IO packet \"2[\\\"a\\\"]x\" has characters after its JSON payload");
        assertRefused("2[\"a\"][\"b\"]",
                "Socket.IO packet \"2[\\\"a\\\"][\\\"b\\\"]\" has characters after its JSON payload");
        assertRefused("0{} {}", "Socket.IO packet \"0{} {}\" has characters after its JSON payload");
        assertRefused("2[\"a\"] x", "Socket.IO packet \"2[\\\"a\\\"] x\" has characters after its JSON payload");
    }

    @Test
    void whiteSpaceAroundJsonIsAllowedAsJsonParseAllows() throws Exception {
        assertThat(decoder.decodeText("31[ 1 ] ").arguments()).hasSize(1);
    }

    @Test
    void ackWithoutIdOrArray() {
        assertRefused("3[1]", "ACK packet \"3[1]\" has no ack id");
        assertRefused("312{}", "ACK payload must be a JSON array of arguments: \"312{}\"");
        assertRefused("312", "ACK payload must be a JSON array of arguments: \"312\"");
        assertRefused("61-[{\"_placeholder\":true,\"num\":0}]",
                "BINARY_ACK packet \"61-[{\\\"_placeholder\\\":true,\\\"num\\\":0}]\" has no ack id");
    }

    @Test
    void connectDisconnectAndErrorPayloads() {
        assertRefused("0[]", "CONNECT payload must be a JSON object, not an array: \"0[]\"");
        assertRefused("0/a,12", "CONNECT packet \"0/a,12\" has an ack id");
        assertRefused("1{}", "DISCONNECT packet \"1{}\" has a payload");
        assertRefused("1/a,{}", "DISCONNECT packet \"1/a,{}\" has a payload");
        assertRefused("4", "CONNECT_ERROR packet \"4\" has no payload: it needs an object with a message");
        assertRefused("4[\"x\"]", "CONNECT_ERROR payload must be a JSON object, not an array: \"4[\\\"x\\\"]\"");
        assertRefused("0\"tok\"",
                "Malformed Socket.IO packet \"0\\\"tok\\\"\": expected an ack id or a JSON array or object at index 1, found '\"'");
    }

    @Test
    void binaryHeaderWithoutCount() {
        assertRefused("5[\"a\"]",
                "BINARY_EVENT packet \"5[\\\"a\\\"]\" does not announce its attachments as <count>- after the type digit");
        assertRefusedStartingWith("5-[\"a\"]", "BINARY_EVENT packet \"5-[\\\"a\\\"]\" does not announce");
        assertRefusedStartingWith("51[\"a\"]", "BINARY_EVENT packet \"51[\\\"a\\\"]\" does not announce");
        assertRefusedStartingWith("61", "BINARY_ACK packet \"61\" does not announce");
    }

    @Test
    void attachmentCountOverTheLimit() {
        assertRefused("511-[\"a\"]", "BINARY_EVENT packet announces 11 binary attachments, more than the limit of 10");
        assertRefused("599999999999999999999-[\"a\"]",
                "BINARY_EVENT packet announces a 20-digit number of binary attachments, more than the limit of 10");
        assertThatThrownBy(() -> new SocketDecoder(0).decodeText("51-[\"a\",{\"_placeholder\":true,\"num\":0}]"))
                .isInstanceOf(SocketProtocolException.class).hasMessageEndingWith("more than the limit of 0");
        assertThatThrownBy(() -> new SocketDecoder(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void placeholderNumOutOfRange() {
        assertRefused("51-[\"a\",{\"_placeholder\":true,\"num\":1}]",
                "BINARY_EVENT placeholder {\"_placeholder\":true,\"num\":1} is out of range: 1 attachment(s) announced, numbered from 0");
        assertRefusedStartingWith("51-[\"a\",{\"_placeholder\":true,\"num\":-1}]", "BINARY_EVENT placeholder");
        assertRefusedStartingWith("51-[\"a\",{\"_placeholder\":true,\"num\":0.5}]", "BINARY_EVENT placeholder");
        assertRefusedStartingWith("51-[\"a\",{\"_placeholder\":true,\"num\":\"0\"}]", "BINARY_EVENT placeholder");
        assertRefusedStartingWith("51-[\"a\",{\"_placeholder\":true}]", "BINARY_EVENT placeholder");
        assertRefusedStartingWith("51-[\"a\",{\"_placeholder\":true,\"num\":99999999999}]", "BINARY_EVENT placeholder");
        assertRefusedStartingWith("50-[\"a\",{\"_placeholder\":true,\"num\":0}]", "BINARY_EVENT placeholder");
    }

    @Test
    void morePlaceholdersThanAttachments() {
        assertRefused("51-[\"a\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":0}]",
                "BINARY_EVENT placeholder {\"_placeholder\":true,\"num\":0} appears twice: one attachment, one placeholder");
        assertRefusedStartingWith("51-[\"a\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]",
                "BINARY_EVENT placeholder {\"_placeholder\":true,\"num\":1} is out of range");
    }

    @Test
    void fewerPlaceholdersThanAttachments() {
        assertRefused("52-[\"a\",{\"_placeholder\":true,\"num\":0}]",
                "BINARY_EVENT packet announces 2 binary attachments but its payload holds 1 placeholders");
        // _placeholder must be true to count
        assertRefused("51-[\"a\",{\"_placeholder\":false,\"num\":0}]",
                "BINARY_EVENT packet announces 1 binary attachments but its payload holds 0 placeholders");
    }

    @Test
    void binaryThatNobodyAnnounced() {
        assertThatThrownBy(() -> decoder.decodeBinary(FIRST)).isInstanceOf(SocketProtocolException.class)
                .hasMessage("Binary message of 4 bytes arrived but no binary packet announced it");
        assertThatThrownBy(() -> decoder.decode(EngineCodec.decodeBinary(SECOND)))
                .isInstanceOf(SocketProtocolException.class)
                .hasMessage("Binary message of 2 bytes arrived but no binary packet announced it");
    }

    @Test
    void textWhileAttachmentsAreDue() throws Exception {
        decoder.decodeText("52-[\"a\"," + TWO_PLACEHOLDERS + "]");
        decoder.decodeBinary(FIRST);
        assertThatThrownBy(() -> decoder.decodeText("2[\"b\"]")).isInstanceOf(SocketProtocolException.class)
                .hasMessage(
                        "Text packet \"2[\\\"b\\\"]\" arrived while 1 binary attachment(s) of BINARY_EVENT were still due");
    }

    @Test
    void binaryAfterTheLastAttachment() throws Exception {
        decoder.decodeText("51-[\"a\",{\"_placeholder\":true,\"num\":0}]");
        assertThat(decoder.decodeBinary(FIRST)).isNotNull();
        assertThatThrownBy(() -> decoder.decodeBinary(SECOND)).isInstanceOf(SocketProtocolException.class);
    }
}
