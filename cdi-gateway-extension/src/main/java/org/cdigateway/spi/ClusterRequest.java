package org.cdigateway.spi;

import java.util.Objects;
import java.util.Set;

/**
 * An operation on a gateway's clients that every node answers for its own clients: list them, count them, make them
 * join or leave rooms, disconnect them, or hand a server-side event to the gateway. Strings only, so a distributed
 * broadcaster carries it to the other nodes as it is; each node performs it with
 * {@link LocalDelivery#perform(ClusterRequest)} and the answers travel back to the node that asked.
 *
 * @param kind        what to do
 * @param gateway     the gateway's name, as in {@link Broadcast#gateway()}
 * @param rooms       rooms and client ids whose members are selected; empty means every client of the gateway
 * @param exceptRooms rooms and client ids whose members are left out
 * @param names       the rooms to join or leave ({@link Kind#JOIN}, {@link Kind#LEAVE}); empty otherwise
 * @param event       the server-side event's name ({@link Kind#SERVER_EVENT}), else the empty string
 * @param data        the server-side event's data as JSON text, or the close reason ({@link Kind#DISCONNECT}), else the
 *                    empty string
 * @param code        the close code ({@link Kind#DISCONNECT}), else 0
 */
public record ClusterRequest(Kind kind, String gateway, Set<String> rooms, Set<String> exceptRooms, Set<String> names,
        String event, String data, int code) {

    /** The operations. */
    public enum Kind {
        /** Describe the selected clients ({@link ClusterAnswer#clients()}). */
        CLIENTS,
        /** Count the selected clients ({@link ClusterAnswer#count()}). */
        COUNT,
        /** Make the selected clients join {@code names}; the count is how many were selected. */
        JOIN,
        /** Make the selected clients leave {@code names}; the count is how many were selected. */
        LEAVE,
        /** Close the selected clients with {@code code} and the reason in {@code data}; the count is how many. */
        DISCONNECT,
        /**
         * Hand {@code event} and {@code data} to the gateway's {@code @OnServerEvent} handler of that name, on the other
         * nodes only; its return value, if any, is the {@link ClusterAnswer#replies() reply}.
         */
        SERVER_EVENT
    }

    public ClusterRequest {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(gateway, "gateway");
        rooms = Set.copyOf(rooms);
        exceptRooms = Set.copyOf(exceptRooms);
        names = Set.copyOf(names);
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(data, "data");
    }
}
