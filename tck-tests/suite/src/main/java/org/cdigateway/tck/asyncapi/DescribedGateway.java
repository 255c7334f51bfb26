package org.cdigateway.tck.asyncapi;

import org.cdigateway.MessageBody;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;

/** The gateway whose AsyncAPI document the application serves. */
@WebSocketGateway("/described")
public class DescribedGateway {

    @SubscribeMessage("echo")
    public String echo(@MessageBody String text) {
        return text;
    }
}
