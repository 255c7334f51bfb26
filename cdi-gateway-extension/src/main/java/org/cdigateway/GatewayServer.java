package org.cdigateway;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * The server side of one gateway: its clients, its rooms, and emits to any selection of them. Safe to use from any
 * thread, also after asynchronous work.
 *
 * <p>
 * Handed to {@link OnGatewayInit#afterInit}, injectable into the gateway itself ({@code @Inject GatewayServer server})
 * and into any other bean that names the gateway ({@code @Inject @Gateway(ChatGateway.class) GatewayServer chat}).
 *
 * <pre>{@code
 * server.emit("notice", "maintenance at noon");              // every client
 * server.to("lobby").except(sender).emit("message", msg);    // a room but the sender
 * server.to(clientId).emit("dm", msg);                       // one client, by id
 * }</pre>
 *
 * <p>
 * Emits reach every node of a cluster (see {@link org.cdigateway.spi.Broadcaster}); the collections and counts
 * describe the clients connected to this node, and {@link #fetchClients()}, {@link #countClients()} and the other
 * methods returning a {@code CompletionStage} ask every node.
 */
public interface GatewayServer extends BroadcastOperator {

    /** The gateway path this server serves, as declared in {@link WebSocketGateway#value()}. */
    String path();

    /** Sends {@code {"event":event,"data":data}} to every client of this gateway. */
    @Override
    void emit(String event, Object data);

    /** A snapshot of the connected clients. */
    @Override
    Collection<GatewayClient> clients();

    /** The connected client with this id, if it is connected. */
    Optional<GatewayClient> client(String id);

    /** How many clients are connected. */
    int clientCount();

    /** The rooms that clients have joined (not counting the room every client has under its own id). */
    Set<String> rooms();

    /** How many connected clients are in a room (1 for a connected client's id). */
    int roomSize(String room);

    /**
     * Sends an event to this gateway on the other nodes, where its {@link OnServerEvent} handler of that name takes it
     * (not to clients, and not to this node).
     */
    void serverSideEmit(String event, Object data);

    /**
     * Sends an event to this gateway on the other nodes, as {@link #serverSideEmit}, and collects what their handlers
     * return, read from JSON as {@code replyType}, one per node whose handler returned a value. Fails with
     * {@link ClusterException} when a node did not answer within the request timeout.
     */
    <T> CompletionStage<List<T>> serverSideEmitWithAck(String event, Object data, Class<T> replyType);
}
