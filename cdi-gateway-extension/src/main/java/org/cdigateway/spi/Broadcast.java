package org.cdigateway.spi;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One emit to many clients of a gateway, as it travels through a {@link Broadcaster}: the gateway's path, whom it
 * targets, the event and its data, encoded once as JSON, and the binaries of the data. Strings and byte arrays only, so
 * a distributed broadcaster can carry it to other nodes as it is. Each receiving node puts event and data in the frame
 * of each client's protocol (once per protocol, not per client).
 *
 * <p>
 * When the data holds binaries ({@code byte[]} or {@code ByteBuffer}) and the gateway speaks a protocol that sends
 * them beside the JSON (Socket.IO), each binary is an attachment, and {@code data} holds the placeholder
 * {@code {"_placeholder":true,"num":N}} where attachment N goes. Socket.IO clients get them as the attachments of a
 * binary event; native clients get each one in place of its placeholder as a JSON array of byte values, as JSON-B
 * writes a {@code byte[]}.
 *
 * @param gateway     the gateway's name, the same on every node that runs the same gateways: its path template, such
 *                    as {@code /chat/{room}}, or {@code socket.io:<namespace>} for a gateway that speaks Socket.IO
 *                    only
 * @param rooms       rooms and client ids whose members receive the event; empty means every client of the gateway
 * @param exceptRooms rooms and client ids whose members do not receive it
 * @param event       the event's name
 * @param data        the event's data as JSON text ({@code null} is {@code "null"})
 * @param attachments the binaries the placeholders of {@code data} stand for, in the order of their numbers; empty for
 *                    most broadcasts (the arrays are not copied: do not change them once given)
 */
public record Broadcast(String gateway, Set<String> rooms, Set<String> exceptRooms, String event, String data,
        List<byte[]> attachments) {

    public Broadcast {
        Objects.requireNonNull(gateway, "gateway");
        rooms = Set.copyOf(rooms);
        exceptRooms = Set.copyOf(exceptRooms);
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(data, "data");
        attachments = List.copyOf(attachments);
    }

    /** A broadcast whose data holds no attachments. */
    public Broadcast(String gateway, Set<String> rooms, Set<String> exceptRooms, String event, String data) {
        this(gateway, rooms, exceptRooms, event, data, List.of());
    }

    /** Whether the broadcast goes to every client of the gateway (minus the exceptions). */
    public boolean toAll() {
        return rooms.isEmpty();
    }

    /** Whether {@code data} holds placeholders of {@link #attachments()}. */
    public boolean hasAttachments() {
        return !attachments.isEmpty();
    }
}
