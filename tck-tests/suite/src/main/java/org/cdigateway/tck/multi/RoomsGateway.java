package org.cdigateway.tck.multi;

import java.util.Map;

import jakarta.websocket.server.PathParam;

import org.cdigateway.ConnectedSocket;
import org.cdigateway.GatewayClient;
import org.cdigateway.GatewayServer;
import org.cdigateway.MessageBody;
import org.cdigateway.OnGatewayInit;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;

/** The other gateway of the WAR: a path with two variables, and an announcement sent to its own clients. */
@WebSocketGateway("/rooms/{org}/{room}")
public class RoomsGateway implements OnGatewayInit {

    private volatile GatewayServer server;

    @Override
    public void afterInit(GatewayServer server) {
        this.server = server;
    }

    @SubscribeMessage("who")
    public String who() {
        return "rooms";
    }

    @SubscribeMessage("where")
    public String where(@PathParam("org") String org, @PathParam("room") String room) {
        return org + "/" + room;
    }

    @SubscribeMessage("params")
    public Map<String, String> params(@ConnectedSocket GatewayClient client) {
        return client.pathParams();
    }

    @SubscribeMessage("announce")
    public int announce(@MessageBody String text) {
        server.emit("announcement", text);
        return server.clientCount();
    }
}
