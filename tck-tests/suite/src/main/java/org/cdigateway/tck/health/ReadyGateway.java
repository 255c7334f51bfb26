package org.cdigateway.tck.health;

import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;

/** The gateway whose readiness the server reports. */
@WebSocketGateway("/ready")
public class ReadyGateway {

    @SubscribeMessage("ping")
    public String ping() {
        return "pong";
    }
}
