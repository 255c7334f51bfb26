package org.cdigateway;

import jakarta.websocket.CloseReason;

/** Implemented by a gateway that wants to know when a client is gone. */
public interface OnGatewayDisconnect {

    /**
     * Called exactly once per connection however it ended: closed by the client or the server, dropped, failed, or
     * closed because the application stops (1001).
     *
     * @param client the client, no longer open
     * @param reason the close code and reason; 1006 when the connection dropped without a close frame
     */
    void handleDisconnect(GatewayClient client, CloseReason reason);
}
