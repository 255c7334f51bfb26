package org.cdigateway.tck.failure;

import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;

/** Two handlers for one event (GW-0102) and a final handler (GW-0104): a deployment with two problems. */
@WebSocketGateway("/broken")
public class TwiceGateway {

    @SubscribeMessage("join")
    public void first(String name) {}

    @SubscribeMessage("join")
    public void second(String name) {}

    @SubscribeMessage("leave")
    public final void leave(String name) {}
}
