package org.cdigateway;

import java.util.Collection;

/**
 * A selection of a gateway's clients, built as in socket.io: {@code server.to("lobby").to("vip").except(client)}
 * selects the members of either room but that client. Immutable: each call returns a new selection.
 *
 * <p>
 * {@link #emit} reaches the selected clients on every node (through the application's
 * {@link org.cdigateway.spi.Broadcaster}); {@link #clients()} and {@link #disconnect()} see this node only.
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
}
