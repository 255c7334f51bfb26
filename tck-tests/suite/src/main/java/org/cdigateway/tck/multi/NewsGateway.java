package org.cdigateway.tck.multi;

import org.cdigateway.GatewayServer;
import org.cdigateway.MessageBody;
import org.cdigateway.OnGatewayInit;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;

/** One of two gateways of the WAR: a fixed path, and a headline sent to its own clients. */
@WebSocketGateway("/news")
public class NewsGateway implements OnGatewayInit {

    private volatile GatewayServer server;

    @Override
    public void afterInit(GatewayServer server) {
        this.server = server;
    }

    @SubscribeMessage("who")
    public String who() {
        return "news";
    }

    @SubscribeMessage("publish")
    public int publish(@MessageBody String headline) {
        server.emit("headline", headline);
        return server.clientCount();
    }
}
