package org.cdigateway.tck.failure;

import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;

/** Serves the path of {@link TwiceGateway} again (GW-0101). */
@WebSocketGateway("/broken")
public class SamePathGateway {

    @SubscribeMessage("ping")
    public String ping() {
        return "pong";
    }
}
