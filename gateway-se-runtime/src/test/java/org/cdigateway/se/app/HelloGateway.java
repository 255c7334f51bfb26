package org.cdigateway.se.app;

import jakarta.websocket.CloseReason;

import org.cdigateway.GatewayClient;
import org.cdigateway.OnGatewayDisconnect;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;

/** A gateway found by package, as a WAR would find it. */
@WebSocketGateway("/hello")
public class HelloGateway implements OnGatewayDisconnect {

    public static final java.util.List<Integer> DISCONNECTS = new java.util.concurrent.CopyOnWriteArrayList<>();

    @SubscribeMessage("hello")
    public String hello(String name) {
        return "Hello, " + name;
    }

    @Override
    public void handleDisconnect(GatewayClient client, CloseReason reason) {
        DISCONNECTS.add(reason.getCloseCode().getCode());
    }
}
