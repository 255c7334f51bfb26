package org.cdigateway.socketio.internal.packet;

import java.util.ArrayList;
import java.util.List;

/**
 * An encoded Socket.IO packet: the text (the data of an Engine.IO message, without its {@code 4}) and the binary
 * attachments to send right after it, in order, one Engine.IO binary message each.
 */
public record EncodedPacket(String text, List<byte[]> attachments) {

    public EncodedPacket {
        attachments = List.copyOf(attachments);
    }

    /** Whether binary messages follow the text. */
    public boolean isBinary() {
        return !attachments.isEmpty();
    }

    /** The Engine.IO messages to send, in order: the text, then each attachment. */
    public List<EnginePacket> toEnginePackets() {
        List<EnginePacket> packets = new ArrayList<>(1 + attachments.size());
        packets.add(EnginePacket.message(text));
        for (byte[] attachment : attachments) {
            packets.add(EnginePacket.binary(attachment));
        }
        return packets;
    }
}
