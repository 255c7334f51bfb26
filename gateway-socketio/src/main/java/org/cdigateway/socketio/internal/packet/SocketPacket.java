package org.cdigateway.socketio.internal.packet;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.cdigateway.internal.dispatch.Attachments;

/**
 * One decoded Socket.IO v5 packet, binary attachments included. The payload is kept as parsed, with the placeholders
 * {@code {"_placeholder":true,"num":k}} of a binary packet in place, and the attachments as a list beside it:
 * {@link #arguments()} and {@link #resolve(JsonValue)} put the bytes where their placeholders are. Values that hold no
 * binary stay the {@link JsonValue}s they were parsed as, so a handler can bind them without another parse, and
 * {@link SocketEncoder} writes them back as they came.
 */
public final class SocketPacket {

    /** The ack id of a packet that has none. */
    public static final long NO_ACK = -1;

    private final SocketType type;
    private final String namespace;
    private final long ackId;
    private final JsonValue payload;
    private final int attachmentCount;
    private final List<byte[]> attachments;

    SocketPacket(SocketType type, String namespace, long ackId, JsonValue payload, int attachmentCount,
            List<byte[]> attachments) {
        this.type = type;
        this.namespace = namespace;
        this.ackId = ackId;
        this.payload = payload;
        this.attachmentCount = attachmentCount;
        this.attachments = attachments;
    }

    /** The same packet with its attachments, all of them received. */
    SocketPacket withAttachments(List<byte[]> received) {
        return new SocketPacket(type, namespace, ackId, payload, attachmentCount, List.copyOf(received));
    }

    /** The type as sent: {@link SocketType#BINARY_EVENT} and {@link SocketType#EVENT} stay distinct. */
    public SocketType type() {
        return type;
    }

    /** The namespace, {@code /} when the packet named none. */
    public String namespace() {
        return namespace;
    }

    /** The ack id, {@link #NO_ACK} when there is none. */
    public long ackId() {
        return ackId;
    }

    public boolean hasAckId() {
        return ackId != NO_ACK;
    }

    /** The parsed JSON payload with placeholders in place, {@code null} when the packet has none. */
    public JsonValue payload() {
        return payload;
    }

    /** How many attachments the packet announced (0 for a packet that is not binary). */
    public int attachmentCount() {
        return attachmentCount;
    }

    /** The binary attachments in order: the bytes of placeholder {@code k} are at index {@code k}. */
    public List<byte[]> attachments() {
        return attachments;
    }

    /** The auth object of a CONNECT packet, the empty object when none was sent. */
    public JsonObject auth() {
        requireType(SocketType.CONNECT, "auth");
        return payload == null ? JsonValue.EMPTY_JSON_OBJECT : payload.asJsonObject();
    }

    /** The event name of an EVENT or BINARY_EVENT packet. */
    public String event() {
        requireType(SocketType.EVENT, "event");
        return payload.asJsonArray().getString(0);
    }

    /**
     * The arguments of an event (after its name) or of an ack (all of the array), binaries resolved: see
     * {@link #resolve(JsonValue)}.
     */
    public List<Object> arguments() {
        SocketType plain = type.withoutBinary();
        if (plain != SocketType.EVENT && plain != SocketType.ACK) {
            throw new IllegalStateException(type + " packets carry no arguments");
        }
        JsonArray data = payload.asJsonArray();
        int from = plain == SocketType.EVENT ? 1 : 0;
        List<Object> args = new ArrayList<>(data.size() - from);
        for (int i = from; i < data.size(); i++) {
            args.add(resolve(data.get(i)));
        }
        return args;
    }

    /**
     * {@code value} with this packet's binaries in place of their placeholders. A placeholder becomes its
     * {@code byte[]}; an array or object that holds one somewhere becomes a {@code List<Object>} or a
     * {@code Map<String, Object>} (member order kept) of resolved values; anything else, and every value of a packet
     * that is not binary, is returned as it is.
     */
    public Object resolve(JsonValue value) {
        return Attachments.resolve(value, attachments);
    }

    /** Whether {@code object} stands for a binary attachment: its {@code _placeholder} member is {@code true}. */
    static boolean isPlaceholder(JsonObject object) {
        JsonValue flag = object.get("_placeholder");
        return flag != null && flag.getValueType() == JsonValue.ValueType.TRUE;
    }

    private void requireType(SocketType expected, String what) {
        if (type.withoutBinary() != expected) {
            throw new IllegalStateException(type + " packets have no " + what);
        }
    }

    @Override
    public String toString() {
        return type + " " + namespace + (hasAckId() ? " ack " + ackId : "") + (payload == null ? "" : " " + payload)
                + (attachmentCount == 0 ? "" : " + " + attachmentCount + " attachments");
    }
}
