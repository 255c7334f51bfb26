package org.cdigateway.spi;

import java.util.Objects;
import java.util.Set;

/**
 * One emit to many clients of a gateway, as it travels through a {@link Broadcaster}: the gateway's path, whom it
 * targets, the event and its data, encoded once as JSON. Plain strings only, so a distributed broadcaster can carry it
 * to other nodes as it is. Each receiving node puts event and data in the frame of each client's protocol (once per
 * protocol, not per client).
 *
 * @param gateway     the path template of the gateway, such as {@code /chat/{room}}: the same on every node
 * @param rooms       rooms and client ids whose members receive the event; empty means every client of the gateway
 * @param exceptRooms rooms and client ids whose members do not receive it
 * @param event       the event's name
 * @param data        the event's data as JSON text ({@code null} is {@code "null"})
 */
public record Broadcast(String gateway, Set<String> rooms, Set<String> exceptRooms, String event, String data) {

    public Broadcast {
        Objects.requireNonNull(gateway, "gateway");
        rooms = Set.copyOf(rooms);
        exceptRooms = Set.copyOf(exceptRooms);
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(data, "data");
    }

    /** Whether the broadcast goes to every client of the gateway (minus the exceptions). */
    public boolean toAll() {
        return rooms.isEmpty();
    }
}
