package org.cdigateway;

/**
 * A CDI event fired when a gateway accepted a client: its connection guards let it in and the gateway's
 * {@code handleConnection} ran. Any bean of the application may observe it, synchronously ({@code @Observes}, on the
 * connection's thread, with the connection's request and connection scopes active) or asynchronously
 * ({@code @ObservesAsync}). An observer's exception is logged and changes nothing for the client.
 *
 * <pre>{@code
 * void joined(@Observes ClientConnected e) {
 *     presence.add(e.gateway(), e.client().id());
 * }
 * }</pre>
 *
 * @param client  the client, open
 * @param gateway the gateway class that accepted it
 */
public record ClientConnected(GatewayClient client, Class<?> gateway) {}
