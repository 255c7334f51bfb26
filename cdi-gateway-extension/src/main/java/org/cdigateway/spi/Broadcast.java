package org.cdigateway.spi;

import java.util.Objects;
import java.util.Set;

/**
 * One emit to many clients of a gateway, as it travels through a {@link Broadcaster}: the gateway's path, whom it
 * targets and the frame, already encoded once. Plain strings only, so a distributed broadcaster can carry it to other
 * nodes as it is.
 *
 * @param gateway        the path template of the gateway, such as {@code /chat/{room}}: the same on every node
 * @param rooms          rooms and client ids whose members receive the frame; empty means every client of the gateway
 * @param exceptRooms    rooms and client ids whose members do not receive it
 * @param frame          the text frame, encoded once for every member
 */
public record Broadcast(String gateway, Set<String> rooms, Set<String> exceptRooms, String frame) {

    public Broadcast {
        Objects.requireNonNull(gateway, "gateway");
        rooms = Set.copyOf(rooms);
        exceptRooms = Set.copyOf(exceptRooms);
        Objects.requireNonNull(frame, "frame");
    }

    /** Whether the broadcast goes to every client of the gateway (minus the exceptions). */
    public boolean toAll() {
        return rooms.isEmpty();
    }
}
