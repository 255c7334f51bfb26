package org.cdigateway.socketio.internal.server;

import java.util.ArrayList;
import java.util.List;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

import org.cdigateway.Arguments;
import org.cdigateway.internal.dispatch.Attachments;
import org.cdigateway.internal.dispatch.BadFrameException;
import org.cdigateway.internal.dispatch.InboundFrame;
import org.cdigateway.internal.json.JsonCodec;
import org.cdigateway.internal.protocol.WireProtocol;
import org.cdigateway.internal.rooms.Rooms;
import org.cdigateway.socketio.internal.packet.EncodedPacket;
import org.cdigateway.socketio.internal.packet.EngineCodec;
import org.cdigateway.socketio.internal.packet.PacketException;
import org.cdigateway.socketio.internal.packet.SocketDecoder;
import org.cdigateway.socketio.internal.packet.SocketEncoder;
import org.cdigateway.socketio.internal.packet.SocketPacket;
import org.cdigateway.socketio.internal.packet.SocketType;
import org.cdigateway.spi.Broadcast;

/**
 * Socket.IO as a gateway's protocol, for the clients of one namespace. Every frame it writes is a whole Engine.IO
 * message packet ({@code 4} and the Socket.IO packet), ready for either transport.
 *
 * <ul>
 * <li>A client's event is a message: its name the event, its acknowledgement id the message's id, its data the one
 * argument after the name, or all of them as an array when there are several ({@code Arguments} takes them all).</li>
 * <li>A handler's result is the acknowledgement when the client asked for one, and nothing otherwise; a
 * {@code WsResponse} is emitted as its event, as NestJS does.</li>
 * <li>An error is the acknowledgement (its one argument the error object) when the client asked for one, else the
 * event {@code exception} with the error object.</li>
 * <li>The items of a stream are emitted as the handler's event; its end is the acknowledgement, without arguments,
 * when the client asked for one.</li>
 * </ul>
 */
final class SocketIoProtocol implements WireProtocol, Rooms.Recorder {

    /** Looked up once: {@code Json.createXxx} looks the provider up on every call. */
    static final JsonProvider JSON = JsonProvider.provider();
    private static final String EXCEPTION = "\"exception\"";

    private final String namespace;
    private final String eventPrefix;
    private final String binaryEventNamespace; // after 5<attachments>-: the namespace and its comma, or nothing
    private final String ackPrefix;
    private final Recovery recovery; // null when connection state recovery is off

    SocketIoProtocol(String namespace, Recovery recovery) {
        this.namespace = namespace;
        this.recovery = recovery;
        String ns = "/".equals(namespace) ? "" : namespace + ",";
        this.eventPrefix = "42" + ns + "[";
        this.binaryEventNamespace = ns;
        this.ackPrefix = "43" + ns;
    }

    @Override
    public InboundFrame parse(String text) throws BadFrameException {
        SocketPacket packet;
        try {
            packet = new SocketDecoder(0).decodeText(text);
        } catch (PacketException e) {
            throw new BadFrameException(e.getMessage(), JsonValue.NULL);
        }
        if (packet == null || packet.type() != SocketType.EVENT) {
            throw new BadFrameException("Only events are handled here", JsonValue.NULL);
        }
        return frame(packet);
    }

    /** An event as a gateway message: its arguments after the name, its acknowledgement id as the id. */
    static InboundFrame frame(SocketPacket packet) {
        JsonValue id = packet.hasAckId() ? JSON.createValue(packet.ackId()) : JsonValue.NULL;
        JsonArray payload = packet.payload().asJsonArray();
        List<JsonValue> args = payload.subList(1, payload.size()); // a view: nothing copied for the usual one
        JsonValue data = args.isEmpty()
                ? JsonValue.NULL
                : args.size() == 1 ? args.get(0) : JSON.createArrayBuilder(args).build();
        return packet.attachments().isEmpty()
                ? InboundFrame.ofArguments(packet.event(), id, data, args)
                : InboundFrame.ofArguments(packet.event(), id, data, args, packet.attachments());
    }

    @Override
    public boolean sendsBinaries() {
        return true;
    }

    /**
     * A binary event or acknowledgement: its text, then each attachment, as one polling payload (binaries in base64
     * after {@code b}, separated by 0x1e), which the namespace's socket queues at once so that nothing comes between.
     */
    @Override
    public String withBinaries(Kind kind, String quotedEvent, Object data, JsonValue id, JsonCodec json) {
        List<byte[]> attachments = new ArrayList<>(2);
        String encoded = Attachments.encode(data, json, attachments); // placeholders where the binaries were
        String args = data instanceof Arguments ? encoded.substring(1, encoded.length() - 1) : encoded; // spread
        if (kind != Kind.REPLY) {
            return event(quotedEvent, args, attachments); // written as a broadcast with binaries is
        }
        if (!(id instanceof JsonNumber n)) {
            return null;
        }
        String text = new StringBuilder(args.length() + binaryEventNamespace.length() + 32)
                .append(SocketType.BINARY_ACK.digit()).append(attachments.size()).append('-')
                .append(binaryEventNamespace).append(n.longValue()).append('[').append(args).append(']').toString();
        return payload(new EncodedPacket(text, attachments));
    }

    private static String payload(EncodedPacket packet) {
        return EngineCodec.encodePayload(packet.toEnginePackets());
    }

    /** The recovery of the namespace, or null. */
    Recovery recovery() {
        return recovery;
    }

    @Override
    public String event(String quotedEvent, String dataJson) {
        return recovery == null
                ? eventFrame(quotedEvent, dataJson, null)
                : recovery.record(offset -> eventFrame(quotedEvent, dataJson, offset), null);
    }

    /**
     * The event of a broadcast whose data holds binaries, as a BINARY_EVENT: {@code 45<n>-["event",<data>]} and its
     * attachments, one polling payload as {@link #withBinaries} writes it.
     */
    @Override
    public String event(String quotedEvent, String dataJson, List<byte[]> attachments) {
        return recovery == null
                ? binaryEventFrame(quotedEvent, dataJson, attachments, null)
                : recovery.record(offset -> binaryEventFrame(quotedEvent, dataJson, attachments, offset), null);
    }

    private String binaryEventFrame(String quotedEvent, String dataJson, List<byte[]> attachments, String offset) {
        StringBuilder sb = new StringBuilder(binaryEventNamespace.length() + quotedEvent.length() + dataJson.length()
                + 48);
        sb.append(SocketType.BINARY_EVENT.digit()).append(attachments.size()).append('-')
                .append(binaryEventNamespace).append('[').append(quotedEvent).append(',').append(dataJson);
        if (offset != null) {
            sb.append(',').append(offset);
        }
        return payload(new EncodedPacket(sb.append(']').toString(), attachments));
    }

    private String eventFrame(String quotedEvent, String dataJson, String offset) {
        StringBuilder sb = new StringBuilder(eventPrefix.length() + quotedEvent.length() + dataJson.length() + 32)
                .append(eventPrefix).append(quotedEvent).append(',').append(dataJson);
        if (offset != null) {
            sb.append(',').append(offset);
        }
        return sb.append(']').toString();
    }

    /** The arguments spread: {@code 42["event",1,2]}. */
    @Override
    public String eventArguments(String quotedEvent, String argsJson) {
        return recovery == null
                ? argumentsFrame(quotedEvent, argsJson, null)
                : recovery.record(offset -> argumentsFrame(quotedEvent, argsJson, offset), null);
    }

    private String argumentsFrame(String quotedEvent, String argsJson, String offset) {
        String inner = argsJson.substring(1, argsJson.length() - 1);
        StringBuilder sb = new StringBuilder(eventPrefix.length() + quotedEvent.length() + argsJson.length() + 32);
        sb.append(eventPrefix).append(quotedEvent);
        if (!inner.isEmpty()) {
            sb.append(',').append(inner);
        }
        if (offset != null) {
            sb.append(',').append(offset);
        }
        return sb.append(']').toString();
    }

    // Rooms.Recorder: every broadcast of the namespace's gateway, with recovery on

    @Override
    public WireProtocol protocol() {
        return this;
    }

    @Override
    public Object lock() {
        return recovery; // resume() holds it too
    }

    @Override
    public String record(Broadcast broadcast, String quotedEvent) {
        if (broadcast.hasAttachments()) {
            return recovery.record(offset -> binaryEventFrame(quotedEvent, broadcast.data(), broadcast.attachments(),
                    offset), broadcast);
        }
        return recovery.record(offset -> eventFrame(quotedEvent, broadcast.data(), offset), broadcast);
    }

    /** The acknowledgement with the arguments spread: {@code 43<id>[1,2]}; nothing when none was asked for. */
    @Override
    public String replyArguments(String quotedEvent, String argsJson, JsonValue id) {
        return id instanceof JsonNumber n ? ack(n, argsJson.substring(1, argsJson.length() - 1)) : null;
    }

    @Override
    public String reply(String quotedEvent, String dataJson, JsonValue id) {
        return id instanceof JsonNumber n ? ack(n, dataJson) : null;
    }

    @Override
    public String response(String quotedEvent, String dataJson, JsonValue id) {
        return event(quotedEvent, dataJson);
    }

    @Override
    public String error(String errorJson, JsonValue id) {
        return id instanceof JsonNumber n ? ack(n, errorJson) : event(EXCEPTION, errorJson);
    }

    @Override
    public String streamItem(String quotedEvent, String dataJson, JsonValue id) {
        return event(quotedEvent, dataJson);
    }

    @Override
    public String streamEnd(String quotedEvent, JsonValue id) {
        return id instanceof JsonNumber n ? ack(n, null) : null;
    }

    /** Nothing: the namespace's socket sends the CONNECT, with the private id when recovery is on. */
    @Override
    public String accepted(String clientId) {
        return null;
    }

    /** The CONNECT that admits a client: its id, and its private id when recovery is on. */
    String connect(String clientId, String pid) {
        return "4" + (pid == null
                ? SocketEncoder.encodeConnect(namespace, clientId)
                : SocketEncoder.encodeConnect(namespace, clientId, pid));
    }

    private String ack(JsonNumber id, String argsJson) {
        StringBuilder sb = new StringBuilder(ackPrefix.length() + 24 + (argsJson == null ? 0 : argsJson.length()));
        sb.append(ackPrefix).append(id.longValue()).append('[');
        if (argsJson != null && !argsJson.isEmpty()) {
            sb.append(argsJson);
        }
        return sb.append(']').toString();
    }
}
