package org.cdigateway;

/** Implemented by a gateway that wants to know when a client connects. */
public interface OnGatewayConnection {

    /**
     * Called once per connection after the handshake was accepted, before the connection's first message is
     * dispatched. An exception here closes the connection with 1011.
     */
    void handleConnection(GatewayClient client);
}
