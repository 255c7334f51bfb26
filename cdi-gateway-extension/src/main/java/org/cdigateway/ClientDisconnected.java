package org.cdigateway;

import jakarta.websocket.CloseReason;

/**
 * A CDI event fired once when the connection of an accepted client ended, however it ended, after the gateway's
 * {@code handleDisconnect} ran and before its {@code @ConnectionScoped} beans are destroyed. Observed as
 * {@link ClientConnected} is; a client its guards refused never connected and is not reported.
 *
 * @param client  the client, no longer open
 * @param gateway the gateway class it was connected to
 * @param reason  the close code and reason, as {@link OnGatewayDisconnect#handleDisconnect} gets them
 */
public record ClientDisconnected(GatewayClient client, Class<?> gateway, CloseReason reason) {}
