package org.cdigateway.tck.scale;

import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;

import org.cdigateway.GatewayClient;
import org.cdigateway.GatewayServer;
import org.cdigateway.MessageBody;
import org.cdigateway.OnGatewayConnection;
import org.cdigateway.OnGatewayDisconnect;
import org.cdigateway.OnGatewayInit;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;

/** The gateway the tests connect to and leave, many times over; each connection carries some state. */
@WebSocketGateway("/scale")
public class ScaleGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect {

    @Inject
    ScaleCounters counters;

    @Override
    public void afterInit(GatewayServer server) {
        counters.server(server);
    }

    @Override
    public void handleConnection(GatewayClient client) {
        client.setAttribute("payload", new byte[1024]);
        counters.connected();
    }

    @Override
    public void handleDisconnect(GatewayClient client, CloseReason reason) {
        counters.disconnected();
    }

    @SubscribeMessage("echo")
    public String echo(@MessageBody String text) {
        return text;
    }
}
