package org.cdigateway.spi;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What one node answers to a {@link ClusterRequest}, for its own clients.
 *
 * @param count   how many of its clients the request selected (for {@link ClusterRequest.Kind#SERVER_EVENT}: 1 when
 *                a handler took the event, else 0)
 * @param clients the selected clients, for {@link ClusterRequest.Kind#CLIENTS}; empty for the other kinds
 * @param replies the JSON text of the handler's return value, for {@link ClusterRequest.Kind#SERVER_EVENT} when the
 *                handler returned one; empty otherwise
 */
public record ClusterAnswer(int count, List<Client> clients, List<String> replies) {

    /** An answer with nobody in it. */
    public static final ClusterAnswer NONE = new ClusterAnswer(0, List.of(), List.of());

    public ClusterAnswer {
        clients = List.copyOf(clients);
        replies = List.copyOf(replies);
    }

    /**
     * One client as other nodes see it.
     *
     * @param id    its id
     * @param rooms the rooms it joined, its own id among them
     * @param data  what the gateway shares of it ({@link org.cdigateway.GatewayClient#data()}), each value as JSON text
     */
    public record Client(String id, Set<String> rooms, Map<String, String> data) {

        public Client {
            Objects.requireNonNull(id, "id");
            rooms = Set.copyOf(rooms);
            data = Map.copyOf(data);
        }
    }
}
