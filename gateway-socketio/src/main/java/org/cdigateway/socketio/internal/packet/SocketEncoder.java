package org.cdigateway.socketio.internal.packet;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import org.cdigateway.internal.json.JsonText;

/**
 * Writes Socket.IO v5 packets: {@code <type>[<attachments>-][<namespace>,][<ack id>][<JSON payload>]}, the namespace
 * left out when it is {@code /}. The result is the data of an Engine.IO message, without the message's {@code 4}.
 *
 * <p>
 * Two ways in. Arguments that are already JSON text (written by JSON-B) go through {@link #encodeEvent} and
 * {@link #encodeAck}, which only concatenate. Arguments as a tree ({@link JsonValue}, {@link String},
 * {@link Number}, {@link Boolean}, {@code null}, {@link RawJson}, {@link Collection}, {@link Map} with string keys,
 * and {@code byte[]} or {@link ByteBuffer} anywhere in it) go through {@link #encodeEventArgs} and
 * {@link #encodeAckArgs}: each binary becomes a placeholder {@code {"_placeholder":true,"num":N}}, the packet becomes
 * BINARY_EVENT or BINARY_ACK, and the bytes come back as attachments in placeholder order.
 */
public final class SocketEncoder {

    private SocketEncoder() {}

    /** CONNECT accepted: {@code 0{"sid":"..."}}, or {@code 0/custom,{"sid":"..."}}. */
    public static String encodeConnect(String namespace, String sid) {
        StringBuilder sb = header(SocketType.CONNECT, 0, namespace, SocketPacket.NO_ACK);
        sb.append("{\"sid\":");
        JsonText.appendQuoted(sb, sid);
        return sb.append('}').toString();
    }

    /** CONNECT accepted with connection state recovery on: {@code 0{"sid":"...","pid":"..."}}. */
    public static String encodeConnect(String namespace, String sid, String pid) {
        StringBuilder sb = header(SocketType.CONNECT, 0, namespace, SocketPacket.NO_ACK);
        sb.append("{\"sid\":");
        JsonText.appendQuoted(sb, sid);
        sb.append(",\"pid\":");
        JsonText.appendQuoted(sb, pid);
        return sb.append('}').toString();
    }

    /** CONNECT refused: {@code 4/random,{"message":"Invalid namespace"}}. */
    public static String encodeConnectError(String namespace, String message) {
        return encodeConnectError(namespace, message, null);
    }

    /**
     * CONNECT refused, with details the client reads as {@code err.data}: {@code 4{"message":"...","data":<data>}}.
     *
     * @param dataJson the JSON text of {@code data}, or {@code null} to leave the member out
     */
    public static String encodeConnectError(String namespace, String message, String dataJson) {
        StringBuilder sb = header(SocketType.CONNECT_ERROR, 0, namespace, SocketPacket.NO_ACK);
        sb.append("{\"message\":");
        JsonText.appendQuoted(sb, message);
        if (dataJson != null) {
            sb.append(",\"data\":").append(dataJson);
        }
        return sb.append('}').toString();
    }

    /** DISCONNECT: {@code 1}, or {@code 1/custom,}. */
    public static String encodeDisconnect(String namespace) {
        return header(SocketType.DISCONNECT, 0, namespace, SocketPacket.NO_ACK).toString();
    }

    /**
     * EVENT from pre-encoded JSON: {@code 2["event",<args>]}, or {@code 2/ns,["event",<args>]}.
     *
     * @param quotedEvent the event name as a JSON string, quotes included (see {@link JsonText#quote(String)})
     * @param argsJson the arguments' JSON texts joined by commas, without brackets; {@code null} or empty for none
     */
    public static String encodeEvent(String namespace, String quotedEvent, String argsJson) {
        return encodeEvent(namespace, SocketPacket.NO_ACK, quotedEvent, argsJson);
    }

    /** {@link #encodeEvent(String, String, String)} asking for an ack: {@code 2/ns,<ack id>["event",<args>]}. */
    public static String encodeEvent(String namespace, long ackId, String quotedEvent, String argsJson) {
        StringBuilder sb = header(SocketType.EVENT, 0, namespace, ackId,
                quotedEvent.length() + (argsJson == null ? 0 : argsJson.length()) + 3);
        sb.append('[').append(quotedEvent);
        if (argsJson != null && !argsJson.isEmpty()) {
            sb.append(',').append(argsJson);
        }
        return sb.append(']').toString();
    }

    /**
     * ACK from pre-encoded JSON: {@code 3<ack id>[<args>]}, or {@code 3/ns,<ack id>[<args>]}.
     *
     * @param argsJson the arguments' JSON texts joined by commas, without brackets; {@code null} or empty for none
     */
    public static String encodeAck(String namespace, long ackId, String argsJson) {
        requireAckId(ackId);
        StringBuilder sb = header(SocketType.ACK, 0, namespace, ackId, argsJson == null ? 2 : argsJson.length() + 2);
        sb.append('[');
        if (argsJson != null) {
            sb.append(argsJson);
        }
        return sb.append(']').toString();
    }

    /**
     * EVENT, or BINARY_EVENT when {@code args} hold binaries: {@code ["event",args...]}.
     *
     * @param ackId the id the peer acknowledges with, or {@link SocketPacket#NO_ACK}
     */
    public static EncodedPacket encodeEventArgs(String namespace, long ackId, String event, List<?> args) {
        if (SocketDecoder.RESERVED_EVENTS.contains(event)) {
            throw new IllegalArgumentException("Event name " + JsonText.quote(event)
                    + " is reserved by Socket.IO: the client would refuse the packet");
        }
        List<byte[]> attachments = new ArrayList<>(0);
        StringBuilder json = new StringBuilder(64).append('[');
        JsonText.appendQuoted(json, event);
        for (Object arg : args) {
            appendJson(json.append(','), arg, attachments);
        }
        json.append(']');
        return packet(SocketType.EVENT, SocketType.BINARY_EVENT, namespace, ackId, json, attachments);
    }

    /** ACK, or BINARY_ACK when {@code args} hold binaries: {@code <ack id>[args...]}. */
    public static EncodedPacket encodeAckArgs(String namespace, long ackId, List<?> args) {
        requireAckId(ackId);
        List<byte[]> attachments = new ArrayList<>(0);
        StringBuilder json = new StringBuilder(64).append('[');
        boolean first = true;
        for (Object arg : args) {
            if (!first) {
                json.append(',');
            }
            appendJson(json, arg, attachments);
            first = false;
        }
        json.append(']');
        return packet(SocketType.ACK, SocketType.BINARY_ACK, namespace, ackId, json, attachments);
    }

    /** A decoded packet written back: same type, namespace, ack id, payload (placeholders kept) and attachments. */
    public static EncodedPacket encode(SocketPacket packet) {
        StringBuilder sb = header(packet.type(), packet.attachmentCount(), packet.namespace(), packet.ackId());
        if (packet.payload() != null) {
            appendJson(sb, packet.payload(), null);
        }
        return new EncodedPacket(sb.toString(), packet.attachments());
    }

    private static EncodedPacket packet(SocketType plain, SocketType binary, String namespace, long ackId,
            StringBuilder json, List<byte[]> attachments) {
        if (attachments.isEmpty()) {
            return new EncodedPacket(header(plain, 0, namespace, ackId, json.length()).append(json).toString(),
                    List.of());
        }
        StringBuilder sb = header(binary, attachments.size(), namespace, ackId, json.length()).append(json);
        return new EncodedPacket(sb.toString(), attachments);
    }

    private static StringBuilder header(SocketType type, int attachments, String namespace, long ackId) {
        return header(type, attachments, namespace, ackId, 64);
    }

    /** The packet up to its payload, in a builder with room for {@code payloadLength} more characters. */
    private static StringBuilder header(SocketType type, int attachments, String namespace, long ackId,
            int payloadLength) {
        if (namespace.isEmpty() || namespace.charAt(0) != '/' || namespace.indexOf(',') >= 0) {
            throw new IllegalArgumentException(
                    "Namespace " + JsonText.quote(namespace) + " must start with '/' and hold no ','");
        }
        if (ackId < SocketPacket.NO_ACK) {
            throw new IllegalArgumentException("Ack id " + ackId + " is negative");
        }
        StringBuilder sb = new StringBuilder(namespace.length() + 24 + payloadLength).append(type.digit());
        if (type.isBinary()) {
            sb.append(attachments).append('-');
        }
        if (namespace.length() > 1) {
            sb.append(namespace).append(',');
        }
        if (ackId != SocketPacket.NO_ACK) {
            sb.append(ackId);
        }
        return sb;
    }

    private static void requireAckId(long ackId) {
        if (ackId < 0) {
            throw new IllegalArgumentException("An ack answers an ack id, got " + ackId);
        }
    }

    /**
     * Appends {@code value} as compact JSON, member order kept. With {@code attachments} {@code null} a binary is
     * refused; otherwise each one is added to it and written as its placeholder.
     */
    static void appendJson(StringBuilder sb, Object value, List<byte[]> attachments) {
        if (value == null) {
            sb.append("null");
        } else if (value instanceof String s) {
            JsonText.appendQuoted(sb, s);
        } else if (value instanceof JsonValue json) {
            appendJsonValue(sb, json, attachments);
        } else if (value instanceof RawJson raw) {
            sb.append(raw.json());
        } else if (value instanceof Boolean b) {
            sb.append(b.booleanValue());
        } else if (value instanceof Number number) {
            appendNumber(sb, number);
        } else if (value instanceof byte[] bytes) {
            placeholder(sb, bytes, attachments);
        } else if (value instanceof ByteBuffer buffer) {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.duplicate().get(bytes);
            placeholder(sb, bytes, attachments);
        } else if (value instanceof Collection<?> collection) {
            appendArray(sb, collection, attachments);
        } else if (value instanceof Map<?, ?> map) {
            appendObject(sb, map, attachments);
        } else if (value instanceof Character c) {
            JsonText.appendQuoted(sb, c.toString());
        } else {
            throw new IllegalArgumentException("Cannot write a " + value.getClass().getName()
                    + " as a Socket.IO argument: convert it to JSON (RawJson, JsonValue) first");
        }
    }

    private static void appendJsonValue(StringBuilder sb, JsonValue value, List<byte[]> attachments) {
        switch (value.getValueType()) {
            case ARRAY -> appendArray(sb, value.asJsonArray(), attachments);
            case OBJECT -> appendObject(sb, value.asJsonObject(), attachments);
            case STRING -> JsonText.appendQuoted(sb, ((JsonString) value).getString());
            case NUMBER -> sb.append(((JsonNumber) value).toString());
            case TRUE -> sb.append("true");
            case FALSE -> sb.append("false");
            case NULL -> sb.append("null");
        }
    }

    private static void appendArray(StringBuilder sb, Collection<?> elements, List<byte[]> attachments) {
        sb.append('[');
        boolean first = true;
        for (Object element : elements) {
            if (!first) {
                sb.append(',');
            }
            appendJson(sb, element, attachments);
            first = false;
        }
        sb.append(']');
    }

    private static void appendObject(StringBuilder sb, Map<?, ?> members, List<byte[]> attachments) {
        sb.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> member : members.entrySet()) {
            if (!(member.getKey() instanceof String key)) {
                throw new IllegalArgumentException("JSON object keys are strings, not " + member.getKey());
            }
            if (!first) {
                sb.append(',');
            }
            JsonText.appendQuoted(sb, key);
            appendJson(sb.append(':'), member.getValue(), attachments);
            first = false;
        }
        sb.append('}');
    }

    private static void appendNumber(StringBuilder sb, Number number) {
        if (number instanceof Integer || number instanceof Long || number instanceof Short || number instanceof Byte
                || number instanceof BigInteger) {
            sb.append(number);
        } else if (number instanceof BigDecimal decimal) {
            sb.append(decimal);
        } else if (number instanceof Float f) {
            appendFloating(sb, f.doubleValue(), f.toString());
        } else {
            double d = number.doubleValue();
            appendFloating(sb, d, Double.toString(d));
        }
    }

    /** As JavaScript writes numbers where it can: {@code 1} not {@code 1.0}, {@code null} for NaN and infinities. */
    private static void appendFloating(StringBuilder sb, double d, String text) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            sb.append("null");
        } else if (d == Math.rint(d) && Math.abs(d) < 1e18) {
            sb.append((long) d);
        } else {
            sb.append(text);
        }
    }

    private static void placeholder(StringBuilder sb, byte[] bytes, List<byte[]> attachments) {
        if (attachments == null) {
            throw new IllegalArgumentException("A binary value cannot be written here");
        }
        sb.append("{\"_placeholder\":true,\"num\":").append(attachments.size()).append('}');
        attachments.add(bytes);
    }
}
