package org.cdigateway;

import java.util.Collection;
import java.util.Optional;

/**
 * The server side of one gateway: its connected clients, and emits to all of them.
 *
 * <pre>{@code
 * public void afterInit(GatewayServer server) {
 *     ticker.onTick(price -> server.emit("price", price));
 * }
 * }</pre>
 */
public interface GatewayServer {

    /** The gateway path this server serves, as declared in {@link WebSocketGateway#value()}. */
    String path();

    /** Sends {@code {"event":event,"data":data}} to every connected client of this gateway. */
    void emit(String event, Object data);

    /** A snapshot of the connected clients. */
    Collection<GatewayClient> clients();

    /** The connected client with this id, if it is connected. */
    Optional<GatewayClient> client(String id);

    /** How many clients are connected. */
    int clientCount();
}
