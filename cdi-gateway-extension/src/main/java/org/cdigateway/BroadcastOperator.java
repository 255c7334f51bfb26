package org.cdigateway;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * A selection of a gateway's clients, built as in socket.io: {@code server.to("lobby").to("vip").except(client)}
 * selects the members of either room but that client. Immutable: each call returns a new selection.
 *
 * <p>
 * {@link #emit} reaches the selected clients on every node (through the application's
 * {@link org.cdigateway.spi.Broadcaster}); {@link #clients()} and {@link #disconnect()} see this node only, their
 * cluster-wide counterparts are {@link #fetchClients()} and {@link #disconnectClients()}.
 */
public interface BroadcastOperator {

    /** Adds rooms or client ids (every client is in a room named by its id) to the targets. */
    BroadcastOperator to(String... roomsOrClientIds);

    /** Leaves out the members of these rooms, or the clients with these ids. */
    BroadcastOperator except(String... roomsOrClientIds);

    /** Leaves out these clients. */
    BroadcastOperator except(GatewayClient... clients);

    /** Sends {@code {"event":event,"data":data}} to each selected client; the data is encoded once. */
    void emit(String event, Object data);

    /** The selected clients connected to this node. */
    Collection<GatewayClient> clients();

    /** Closes the selected clients of this node normally (1000). */
    default void disconnect() {
        disconnect(1000, "");
    }

    /** Closes the selected clients of this node with a code and reason. */
    void disconnect(int code, String reason);

    // Cluster-wide: every node answers for its own clients, within the broadcaster's request timeout (without a
    // distributed broadcaster, this node alone answers at once).

    /**
     * The selected clients on every node. Fails with {@link ClusterException} when a node did not answer in time.
     */
    CompletionStage<List<RemoteClient>> fetchClients();

    /** How many clients are selected on every node. Fails with {@link ClusterException} as {@link #fetchClients()}. */
    CompletionStage<Integer> countClients();

    /**
     * Makes the selected clients on every node join rooms.
     *
     * @return how many clients were selected
     */
    CompletionStage<Integer> clientsJoin(String... rooms);

    /**
     * Makes the selected clients on every node leave rooms.
     *
     * @return how many clients were selected
     */
    CompletionStage<Integer> clientsLeave(String... rooms);

    /**
     * Closes the selected clients on every node with a code and reason.
     *
     * @return how many clients were closed
     */
    CompletionStage<Integer> disconnectClients(int code, String reason);

    /** Closes the selected clients on every node normally (1000). */
    default CompletionStage<Integer> disconnectClients() {
        return disconnectClients(1000, "");
    }
}
