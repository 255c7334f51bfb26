package org.cdigateway.tck.plain;

import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;

/** The application's own plain Jakarta WebSocket endpoint: echoes text, knows nothing of gateways. */
@ServerEndpoint("/plain")
public class PlainEchoEndpoint {

    @OnMessage
    public String echo(String text) {
        return "echo:" + text;
    }
}
