package org.cdigateway.tck.failure;

import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;

/** The application's own endpoint, on the path {@link ClashingGateway} wants too. */
@ServerEndpoint("/clash")
public class ClashingEndpoint {

    @OnMessage
    public String echo(String text) {
        return text;
    }
}
