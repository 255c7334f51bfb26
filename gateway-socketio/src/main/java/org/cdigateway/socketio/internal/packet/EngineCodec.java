package org.cdigateway.socketio.internal.packet;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.cdigateway.internal.json.JsonText;

/**
 * Reads and writes Engine.IO v4 packets, the layer under Socket.IO. On a WebSocket one frame is one packet: a text
 * frame is the type digit and the text, a binary frame is a binary message's bytes with no type byte. A polling body
 * is a payload: packets separated by the record separator {@code \u001e}, a binary message written as {@code b} and
 * standard base64. The codec keeps no state, so the same methods serve every session.
 */
public final class EngineCodec {

    /** Separates the packets of a polling payload. */
    public static final char SEPARATOR = '\u001e';

    private static final Base64.Encoder BASE64 = Base64.getEncoder();
    private static final Base64.Decoder BASE64_DECODER = Base64.getDecoder();

    private EngineCodec() {}

    /**
     * The packet in a WebSocket text frame or one packet of a polling payload: {@code <type digit><text>}, or
     * {@code b<base64>} for a binary message.
     */
    public static EnginePacket decodeText(String packet) throws EngineProtocolException {
        if (packet.isEmpty()) {
            throw new EngineProtocolException("Empty Engine.IO packet: a packet starts with its type digit 0-6");
        }
        char first = packet.charAt(0);
        if (first == 'b') {
            try {
                return EnginePacket.binary(BASE64_DECODER.decode(packet.substring(1)));
            } catch (IllegalArgumentException e) {
                throw new EngineProtocolException("Engine.IO binary packet " + JsonText.forLog(packet)
                        + " is not 'b' and standard base64: " + e.getMessage(), e);
            }
        }
        EngineType type = EngineType.ofDigit(first);
        if (type == null) {
            throw new EngineProtocolException("Unknown Engine.IO packet type '" + printable(first) + "' in "
                    + JsonText.forLog(packet) + ": the type digit is 0-6");
        }
        return EnginePacket.text(type, packet.substring(1));
    }

    /** The packet in a WebSocket binary frame: always a binary message, the frame's bytes being its data. */
    public static EnginePacket decodeBinary(byte[] frame) {
        return EnginePacket.binary(frame);
    }

    /** The packet in a WebSocket binary frame; copies the buffer's remaining bytes, leaving its position alone. */
    public static EnginePacket decodeBinary(ByteBuffer frame) {
        byte[] bytes = new byte[frame.remaining()];
        frame.duplicate().get(bytes);
        return EnginePacket.binary(bytes);
    }

    /**
     * The WebSocket text frame for a text packet: {@code <type digit><text>}. A binary message has no text form on a
     * WebSocket: send {@link EnginePacket#binary()} as a binary frame.
     */
    public static String encodeText(EnginePacket packet) {
        if (packet.isBinary()) {
            throw new IllegalArgumentException("A binary message goes in a binary frame, as its bytes alone");
        }
        String text = packet.text();
        if (text.isEmpty()) {
            return String.valueOf(packet.type().digit());
        }
        return new StringBuilder(text.length() + 1).append(packet.type().digit()).append(text).toString();
    }

    /** The packets of a polling payload, in order. An empty payload, or an empty packet in it, is refused. */
    public static List<EnginePacket> decodePayload(String payload) throws EngineProtocolException {
        List<EnginePacket> packets = new ArrayList<>(4);
        int start = 0;
        while (true) {
            int end = payload.indexOf(SEPARATOR, start);
            String packet = payload.substring(start, end < 0 ? payload.length() : end);
            try {
                packets.add(decodeText(packet));
            } catch (EngineProtocolException e) {
                throw new EngineProtocolException(
                        "Polling payload packet " + (packets.size() + 1) + ": " + e.getMessage(), e.getCause());
            }
            if (end < 0) {
                return packets;
            }
            start = end + 1;
        }
    }

    /** The polling payload for {@code packets}: joined by {@link #SEPARATOR}, binary messages as base64. */
    public static String encodePayload(List<EnginePacket> packets) {
        if (packets.isEmpty()) {
            throw new IllegalArgumentException("A polling payload holds at least one packet");
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < packets.size(); i++) {
            if (i > 0) {
                sb.append(SEPARATOR);
            }
            EnginePacket p = packets.get(i);
            if (p.isBinary()) {
                sb.append('b').append(BASE64.encodeToString(p.binary()));
            } else {
                sb.append(p.type().digit()).append(p.text());
            }
        }
        return sb.toString();
    }

    /** The data of the open packet: the handshake JSON, keys in the order the reference server writes them. */
    public static String handshakeJson(String sid, Iterable<String> upgrades, long pingInterval, long pingTimeout,
            long maxPayload) {
        StringBuilder sb = new StringBuilder(128).append("{\"sid\":");
        JsonText.appendQuoted(sb, sid);
        sb.append(",\"upgrades\":[");
        boolean first = true;
        for (String upgrade : upgrades) {
            if (!first) {
                sb.append(',');
            }
            JsonText.appendQuoted(sb, upgrade);
            first = false;
        }
        return sb.append("],\"pingInterval\":").append(pingInterval).append(",\"pingTimeout\":").append(pingTimeout)
                .append(",\"maxPayload\":").append(maxPayload).append('}').toString();
    }

    static String printable(char c) {
        return c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c);
    }
}
