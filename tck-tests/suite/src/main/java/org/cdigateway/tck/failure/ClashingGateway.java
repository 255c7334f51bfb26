package org.cdigateway.tck.failure;

import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;

/** A valid gateway whose path is already taken by a plain endpoint of the application (GW-0503). */
@WebSocketGateway("/clash")
public class ClashingGateway {

    @SubscribeMessage("ping")
    public String ping() {
        return "pong";
    }
}
