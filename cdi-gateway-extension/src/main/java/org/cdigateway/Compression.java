package org.cdigateway;

/**
 * Whether a gateway's connections may compress their messages with the WebSocket extension {@code permessage-deflate}
 * (RFC 7692). Chosen per gateway with {@link WebSocketGateway#compression()}; a connection is compressed only when the
 * client offers the extension at the handshake and the server's WebSocket container can do it.
 *
 * <pre>{@code
 * @WebSocketGateway(value = "/feed", compression = Compression.ON)
 * public class FeedGateway { ... }
 * }</pre>
 */
public enum Compression {

    /**
     * The container's own behaviour for an endpoint registered by the application; none of the supported servers
     * compresses such an endpoint unless told to per endpoint, so in practice the same as {@link #OFF}.
     */
    DEFAULT,

    /**
     * Compress where the client offers {@code permessage-deflate} and the container can: the embedded runtime always,
     * WildFly once its server-wide setting is on. Elsewhere the extension is not agreed on and messages go uncompressed.
     * Costs CPU per message and memory per connection.
     */
    ON,

    /** Never agree on {@code permessage-deflate} (nor another deflate extension), whatever the client offers. */
    OFF
}
