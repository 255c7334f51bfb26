package org.cdigateway.tck.plain;

import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;

/** A gateway deployed next to a plain endpoint. */
@WebSocketGateway("/gateway")
public class NeighbourGateway {

    @SubscribeMessage("ping")
    public String ping(String text) {
        return "pong:" + text;
    }
}
