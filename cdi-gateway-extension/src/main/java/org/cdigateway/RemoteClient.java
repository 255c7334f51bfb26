package org.cdigateway;

import java.util.Set;

/**
 * A client of a gateway as {@link BroadcastOperator#fetchClients()} describes it: connected to this node or to another
 * one. A snapshot of the moment its node answered; what it does acts through the cluster, wherever the client is.
 *
 * <pre>{@code
 * server.to("lobby").fetchClients().thenAccept(clients -> clients.forEach(c ->
 *         log.info(c.id() + " " + c.data("name", String.class) + " in " + c.rooms())));
 * }</pre>
 */
public interface RemoteClient {

    /** The client's id. */
    String id();

    /** The rooms it had joined, its own id among them. */
    Set<String> rooms();

    /** The names of what its gateway shares of it ({@link GatewayClient#data()}). */
    Set<String> dataNames();

    /** A value its gateway shares of it ({@link GatewayClient#data()}), read from JSON as {@code type}; null if none. */
    <T> T data(String name, Class<T> type);

    /** Sends {@code {"event":event,"data":data}} to this client, on whichever node it is connected. */
    void emit(String event, Object data);

    /** Makes the client join rooms, on whichever node it is connected. */
    void join(String... rooms);

    /** Makes the client leave rooms, on whichever node it is connected. */
    void leave(String... rooms);

    /** Closes the client with a code and reason, on whichever node it is connected. */
    void disconnect(int code, String reason);
}
