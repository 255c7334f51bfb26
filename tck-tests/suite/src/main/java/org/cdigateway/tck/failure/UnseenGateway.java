package org.cdigateway.tck.failure;

import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;

/** A valid gateway in a WAR whose beans.xml switches CDI discovery off, so CDI never sees it (GW-0502). */
@WebSocketGateway("/unseen")
public class UnseenGateway {

    @SubscribeMessage("ping")
    public String ping() {
        return "pong";
    }
}
