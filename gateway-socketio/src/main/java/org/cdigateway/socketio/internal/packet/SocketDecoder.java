package org.cdigateway.socketio.internal.packet;

import java.io.StringReader;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;

import org.cdigateway.internal.json.JsonText;

/**
 * Turns the Engine.IO messages of one connection into Socket.IO v5 packets. Stateful because a binary packet arrives
 * as a text message announcing {@code N} attachments followed by {@code N} binary messages: the decoder holds the
 * packet until the last one came. One instance per connection, used by one thread at a time.
 *
 * <p>
 * Text form: {@code <type>[<attachments>-][<namespace>,][<ack id>][<JSON payload>]}. Anything else, a binary message
 * nobody announced, a text message while attachments are due, or a packet announcing more than the limit given to the
 * constructor, is a {@link SocketProtocolException}; the protocol then asks the server to close the connection.
 */
public final class SocketDecoder {

    /** Event names a peer may not send: the client library uses them for its own events. */
    static final Set<String> RESERVED_EVENTS = Set.of("connect", "connect_error", "disconnect", "disconnecting",
            "newListener", "removeListener");

    private static final int MAX_ACK_DIGITS = 18; // any such number fits a long

    private final int maxAttachments;
    private SocketPacket pending;
    private final List<byte[]> received = new ArrayList<>();

    /** @param maxAttachments the most binary attachments one packet may announce */
    public SocketDecoder(int maxAttachments) {
        if (maxAttachments < 0) {
            throw new IllegalArgumentException("maxAttachments < 0: " + maxAttachments);
        }
        this.maxAttachments = maxAttachments;
    }

    /**
     * Decodes an Engine.IO message, text or binary.
     *
     * @return the complete packet, or {@code null} while attachments are still due
     */
    public SocketPacket decode(EnginePacket message) throws SocketProtocolException {
        if (message.type() != EngineType.MESSAGE) {
            throw new IllegalArgumentException("Only Engine.IO messages carry Socket.IO packets, not " + message);
        }
        return message.isBinary() ? decodeBinary(message.binary()) : decodeText(message.text());
    }

    /**
     * Decodes the data of an Engine.IO text message.
     *
     * @return the complete packet, or {@code null} when it is a binary packet whose attachments are still due
     */
    public SocketPacket decodeText(String data) throws SocketProtocolException {
        if (pending != null) {
            throw new SocketProtocolException("Text packet " + JsonText.forLog(data) + " arrived while "
                    + (pending.attachmentCount() - received.size()) + " binary attachment(s) of " + pending.type()
                    + " were still due");
        }
        SocketPacket packet = parse(data, maxAttachments);
        if (packet.attachmentCount() == 0) {
            return packet;
        }
        pending = packet;
        return null;
    }

    /**
     * Decodes the data of an Engine.IO binary message: the next attachment of the pending binary packet. The array is
     * kept, not copied.
     *
     * @return the complete packet when this was its last attachment, {@code null} while more are due
     */
    public SocketPacket decodeBinary(byte[] data) throws SocketProtocolException {
        if (pending == null) {
            throw new SocketProtocolException(
                    "Binary message of " + data.length + " bytes arrived but no binary packet announced it");
        }
        received.add(data);
        if (received.size() < pending.attachmentCount()) {
            return null;
        }
        SocketPacket complete = pending.withAttachments(received);
        pending = null;
        received.clear();
        return complete;
    }

    /** {@link #decodeBinary(byte[])} with a copy of the buffer's remaining bytes. */
    public SocketPacket decodeBinary(ByteBuffer data) throws SocketProtocolException {
        byte[] bytes = new byte[data.remaining()];
        data.duplicate().get(bytes);
        return decodeBinary(bytes);
    }

    /** Whether a binary packet is waiting for attachments. */
    public boolean awaitingAttachments() {
        return pending != null;
    }

    /** Parses one text packet; a binary packet comes back without its attachments. */
    static SocketPacket parse(String s, int maxAttachments) throws SocketProtocolException {
        int n = s.length();
        if (n == 0) {
            throw new SocketProtocolException("Empty Socket.IO packet: a packet starts with its type digit 0-6");
        }
        SocketType type = SocketType.ofDigit(s.charAt(0));
        if (type == null) {
            throw new SocketProtocolException(
                    "Unknown Socket.IO packet type '" + EngineCodec.printable(s.charAt(0)) + "' in "
                            + JsonText.forLog(s) + ": the type digit is 0-6");
        }
        int i = 1;
        int attachments = 0;
        if (type.isBinary()) {
            int start = i;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
            }
            if (i == start || i >= n || s.charAt(i) != '-') {
                throw new SocketProtocolException(type + " packet " + JsonText.forLog(s)
                        + " does not announce its attachments as <count>- after the type digit");
            }
            long count = i - start > 9 ? Long.MAX_VALUE : Long.parseLong(s, start, i, 10);
            if (count > maxAttachments) {
                throw new SocketProtocolException(type + " packet announces "
                        + (count == Long.MAX_VALUE ? "a " + (i - start) + "-digit number of" : count)
                        + " binary attachments, more than the limit of " + maxAttachments);
            }
            attachments = (int) count;
            i++;
        }
        String namespace = "/";
        if (i < n && s.charAt(i) == '/') {
            int comma = s.indexOf(',', i);
            namespace = s.substring(i, comma < 0 ? n : comma);
            i = comma < 0 ? n : comma + 1;
        }
        long ackId = SocketPacket.NO_ACK;
        if (i < n && isDigit(s.charAt(i))) {
            int start = i;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
            }
            if (i - start > MAX_ACK_DIGITS) {
                throw new SocketProtocolException("Ack id of " + (i - start) + " digits in " + JsonText.forLog(s)
                        + ": at most " + MAX_ACK_DIGITS + " are accepted");
            }
            ackId = Long.parseLong(s, start, i, 10);
        }
        JsonValue payload = null;
        if (i < n) {
            char c = s.charAt(i);
            if (c != '[' && c != '{') {
                throw new SocketProtocolException("Malformed Socket.IO packet " + JsonText.forLog(s)
                        + ": expected an ack id or a JSON array or object at index " + i + ", found '" + c + "'");
            }
            payload = parseJson(s, i);
        }
        checkPayload(type, ackId, payload, s);
        if (type.isBinary()) {
            checkPlaceholders(type, payload, attachments);
        }
        return new SocketPacket(type, namespace, ackId, payload, attachments, List.of());
    }

    private static void checkPayload(SocketType type, long ackId, JsonValue payload, String s)
            throws SocketProtocolException {
        switch (type) {
            case CONNECT, CONNECT_ERROR, DISCONNECT -> {
                if (ackId != SocketPacket.NO_ACK) {
                    throw new SocketProtocolException(type + " packet " + JsonText.forLog(s) + " has an ack id");
                }
                if (type == SocketType.DISCONNECT && payload != null) {
                    throw new SocketProtocolException("DISCONNECT packet " + JsonText.forLog(s) + " has a payload");
                }
                if (type == SocketType.CONNECT_ERROR && payload == null) {
                    throw new SocketProtocolException("CONNECT_ERROR packet " + JsonText.forLog(s)
                            + " has no payload: it needs an object with a message");
                }
                if (payload != null && payload.getValueType() != JsonValue.ValueType.OBJECT) {
                    throw new SocketProtocolException(
                            type + " payload must be a JSON object, not an array: " + JsonText.forLog(s));
                }
            }
            case EVENT, BINARY_EVENT -> {
                if (payload == null || payload.getValueType() != JsonValue.ValueType.ARRAY
                        || payload.asJsonArray().isEmpty()) {
                    throw new SocketProtocolException(type
                            + " payload must be a non-empty JSON array starting with the event name: "
                            + JsonText.forLog(s));
                }
                JsonValue name = payload.asJsonArray().get(0);
                if (name.getValueType() != JsonValue.ValueType.STRING) {
                    throw new SocketProtocolException(
                            type + " event name must be a JSON string, not " + name + ": " + JsonText.forLog(s));
                }
                String event = ((JsonString) name).getString();
                if (RESERVED_EVENTS.contains(event)) {
                    throw new SocketProtocolException(type + " event name " + JsonText.forLog(event)
                            + " is reserved by Socket.IO and cannot be sent");
                }
            }
            case ACK, BINARY_ACK -> {
                if (ackId == SocketPacket.NO_ACK) {
                    throw new SocketProtocolException(type + " packet " + JsonText.forLog(s) + " has no ack id");
                }
                if (payload == null || payload.getValueType() != JsonValue.ValueType.ARRAY) {
                    throw new SocketProtocolException(
                            type + " payload must be a JSON array of arguments: " + JsonText.forLog(s));
                }
            }
        }
    }

    /** Every placeholder names an attachment in range, and each attachment has exactly one placeholder. */
    private static void checkPlaceholders(SocketType type, JsonValue payload, int attachments)
            throws SocketProtocolException {
        boolean[] seen = new boolean[attachments];
        int count = countPlaceholders(type, payload, seen);
        if (count != attachments) {
            throw new SocketProtocolException(type + " packet announces " + attachments
                    + " binary attachments but its payload holds " + count + " placeholders");
        }
    }

    private static int countPlaceholders(SocketType type, JsonValue value, boolean[] seen)
            throws SocketProtocolException {
        switch (value.getValueType()) {
            case ARRAY -> {
                int count = 0;
                for (JsonValue element : value.asJsonArray()) {
                    count += countPlaceholders(type, element, seen);
                }
                return count;
            }
            case OBJECT -> {
                JsonObject object = value.asJsonObject();
                if (SocketPacket.isPlaceholder(object)) {
                    JsonValue num = object.get("num");
                    int k = num instanceof JsonNumber number && number.isIntegral()
                            && number.bigIntegerValue().bitLength() < 32 ? number.intValue() : -1;
                    if (k < 0 || k >= seen.length) {
                        throw new SocketProtocolException(type + " placeholder " + object + " is out of range: "
                                + seen.length + " attachment(s) announced, numbered from 0");
                    }
                    if (seen[k]) {
                        throw new SocketProtocolException(
                                type + " placeholder " + object + " appears twice: one attachment, one placeholder");
                    }
                    seen[k] = true;
                    return 1;
                }
                int count = 0;
                for (JsonValue member : object.values()) {
                    count += countPlaceholders(type, member, seen);
                }
                return count;
            }
            default -> {
                return 0;
            }
        }
    }

    private static JsonValue parseJson(String s, int from) throws SocketProtocolException {
        try (JsonParser parser = Parsers.FACTORY.createParser(new StringReader(s.substring(from)))) {
            parser.next();
            JsonValue value = parser.getValue();
            if (hasMore(parser)) {
                throw new SocketProtocolException(
                        "Socket.IO packet " + JsonText.forLog(s) + " has characters after its JSON payload");
            }
            return value;
        } catch (JsonException | IllegalStateException | NoSuchElementException e) {
            throw new SocketProtocolException(
                    "Socket.IO packet " + JsonText.forLog(s) + " has an invalid JSON payload: "
                            + e.getMessage(),
                    e);
        }
    }

    /** Whether anything but white space follows the value; parsers report that either way. */
    private static boolean hasMore(JsonParser parser) {
        try {
            return parser.hasNext();
        } catch (JsonException e) {
            return true;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Looked up on first use, so that loading the decoder does not need a JSON-P provider yet. */
    private static final class Parsers {

        static final JsonParserFactory FACTORY = Json.createParserFactory(null);
    }
}
