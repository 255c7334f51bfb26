package org.cdigateway.internal.client;

import java.security.Principal;
import java.util.Map;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;

/**
 * What a client is connected through: a WebSocket session of its own, or a share of another protocol's connection
 * (a Socket.IO namespace on an Engine.IO session, which may be long-polling). The client's outbound queue writes to
 * it one frame at a time ({@link OutboundQueue.Writer}).
 */
public interface Channel extends OutboundQueue.Writer {

    /**
     * Sends a WebSocket ping, for the gateway's heartbeats.
     *
     * @return false when the channel has no pings of its own (its protocol keeps the connection alive itself), so
     *         the gateway's heartbeats leave it alone
     * @throws java.io.IOException when the ping could not be sent
     */
    boolean ping() throws java.io.IOException;

    /** Whether the channel is open. */
    boolean isOpen();

    /** Closes the channel, telling the peer why when the protocol can. */
    void close(CloseReason reason) throws java.io.IOException;

    /**
     * Refuses the connection its guards did not admit, with the refusal's data when the protocol can carry it
     * (Socket.IO's {@code connect_error}); a plain close by default.
     *
     * @param dataJson the data as JSON text, or null
     */
    default void refuse(CloseReason reason, String dataJson) throws java.io.IOException {
        close(reason);
    }

    /** The path variables of the gateway path the client connected to. */
    Map<String, String> pathParameters();

    /** The authenticated user of the handshake, or null. */
    Principal userPrincipal();

    /** The subprotocol the handshake agreed on, or null. */
    String subprotocol();

    /** The client's remote address (host only), or null when the container does not tell it. */
    String remoteAddress();

    /** The Jakarta WebSocket session the client has to itself, or null when it shares a connection. */
    Session session();

    /**
     * The id the client gets: that of the connection it resumes (Socket.IO's connection state recovery), or null for
     * a new one.
     */
    default String resumedId() {
        return null;
    }

    /**
     * The client was admitted, and the protocol's {@code accepted} frame queued: what the channel restores of a
     * resumed connection comes now, before {@code handleConnection}.
     */
    default void accepted(SessionClient client) {
        // nothing to restore
    }
}
