package org.cdigateway.tck.handshake;

import org.cdigateway.ConnectedSocket;
import org.cdigateway.GatewayClient;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;

/** A gateway that speaks two versions of its application protocol, as subprotocols. */
@WebSocketGateway(value = "/versioned", subprotocols = {"chat.v2", "chat.v1"})
public class VersionedGateway {

    @SubscribeMessage("version")
    public String version(@ConnectedSocket GatewayClient client) {
        return client.subprotocol();
    }
}
