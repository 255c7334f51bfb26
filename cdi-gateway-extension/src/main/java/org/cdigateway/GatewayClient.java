package org.cdigateway;

import java.nio.ByteBuffer;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.websocket.Session;

/**
 * One connected client of a gateway. Safe to use from any thread.
 *
 * <pre>{@code
 * public void handleConnection(GatewayClient client) {
 *     client.setAttribute("joinedAt", Instant.now());
 *     client.emit("welcome", "Hello " + client.pathParam("room"));
 * }
 * }</pre>
 */
public interface GatewayClient {

    /** A unique, random id for this connection. */
    String id();

    /** The value of a variable of the gateway path (such as {@code room} in {@code /chat/{room}}), or null. */
    String pathParam(String name);

    /** Every path variable of the gateway path with its value. */
    Map<String, String> pathParams();

    /** The first value of a handshake request header (case-insensitive name), or null. */
    String header(String name);

    /**
     * Every handshake request header; names as the client sent them. {@code Sec-WebSocket-Key}, the handshake's
     * nonce, is not kept once the handshake is answered.
     */
    Map<String, List<String>> headers();

    /**
     * The authentication payload the client connected with, decoded into {@code type} with JSON-B (a record, a
     * {@code Map}, {@code jakarta.json.JsonObject}): Socket.IO's {@code auth} option ({@code io(url, {auth: {token}})});
     * null for a client that sent none, and for clients of the native protocol, which authenticate with headers,
     * the query or the {@code bearer} subprotocol.
     */
    <T> T auth(Class<T> type);

    /** Every value of one handshake request header (case-insensitive name), in the order sent; empty if absent. */
    default List<String> headerValues(String name) {
        return headers().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .flatMap(e -> e.getValue().stream()).toList();
    }

    /** The first value of a query parameter of the handshake URI, or null. */
    String queryParam(String name);

    /** Every query parameter of the handshake URI. */
    Map<String, List<String>> queryParams();

    /** The {@code Origin} header of the handshake, or null when the client sent none. */
    String origin();

    /** The negotiated subprotocol, or the empty string. */
    String subprotocol();

    /** The authenticated principal of the handshake, or null. */
    Principal principal();

    /** A per-connection attribute, or null. */
    <T> T attribute(String name);

    /** Sets a per-connection attribute; null removes it. */
    void setAttribute(String name, Object value);

    /**
     * What the gateway shares of this client with the other nodes: a live, thread-safe map whose values
     * {@link BroadcastOperator#fetchClients()} carries, as JSON, to whichever node asks (a user name, a status). Null
     * values are not allowed. Unlike {@link #attribute attributes}, which stay on this node, its values must be
     * something JSON-B writes.
     */
    Map<String, Object> data();

    /** Sends {@code {"event":event,"data":data}} to this client, asynchronously and in order. */
    void emit(String event, Object data);

    /** Sends a binary frame to this client, asynchronously and in order. */
    void sendBinary(ByteBuffer data);

    /**
     * Joins rooms: emits to any of them reach this client. Rooms are created on first join; joining twice is harmless.
     * A closed client has left all its rooms.
     */
    void join(String... rooms);

    /** Leaves a room; a room nobody is in any more disappears. */
    void leave(String room);

    /** The rooms this client is in: its own id first, then the rooms it joined. */
    Set<String> rooms();

    /** Frames not sent to this client because its buffer was full (gateways with a dropping {@link SlowConsumer}). */
    long droppedFrames();

    /** Whether the connection is still open. */
    boolean isOpen();

    /** Closes the connection with 1000 (normal closure). */
    void close();

    /** Closes the connection with the given close code and reason (at most 123 bytes in UTF-8). */
    void close(int code, String reason);

    /**
     * The client's own Jakarta WebSocket session; null for a Socket.IO client, which shares its connection with the
     * other namespaces of its Socket.IO client and may be long-polling.
     */
    Session session();
}
