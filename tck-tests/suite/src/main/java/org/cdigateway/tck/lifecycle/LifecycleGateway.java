package org.cdigateway.tck.lifecycle;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;

import org.cdigateway.ConnectedSocket;
import org.cdigateway.GatewayClient;
import org.cdigateway.GatewayServer;
import org.cdigateway.MessageBody;
import org.cdigateway.OnGatewayConnection;
import org.cdigateway.OnGatewayDisconnect;
import org.cdigateway.OnGatewayInit;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;

/**
 * Records every lifecycle call in {@link LifecycleLog}; the probe events {@code inits}, {@code history} and
 * {@code history-of-tag} report it to the tests.
 */
// pings every 2 s: a peer that vanished is disconnected within about 4 s even where the container misses the drop
@WebSocketGateway(value = "/lifecycle", pingInterval = 2_000, pingTimeout = 2_000)
public class LifecycleGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect {

    @Inject
    LifecycleLog log;

    @Override
    public void afterInit(GatewayServer server) {
        log.init(server.path() + ":" + server.clientCount());
    }

    @Override
    public void handleConnection(GatewayClient client) {
        String tag = client.queryParam("tag");
        if (tag != null) {
            log.tag(tag, client.id());
        }
        log.record(client.id(), "connect");
        if (client.queryParam("fail") != null) {
            throw new IllegalStateException("refusing " + client.id());
        }
        client.setAttribute("greeted", Boolean.TRUE);
        client.emit("welcome", client.id());
    }

    @Override
    public void handleDisconnect(GatewayClient client, CloseReason reason) {
        log.record(client.id(), "disconnect:" + reason.getCloseCode().getCode() + ":" + client.isOpen());
    }

    @SubscribeMessage("greeted")
    public Object greeted(@ConnectedSocket GatewayClient client) {
        log.record(client.id(), "message");
        return client.attribute("greeted");
    }

    @SubscribeMessage("kick")
    public void kick(@ConnectedSocket GatewayClient client) {
        client.close(4000, "bye");
    }

    @SubscribeMessage("inits")
    public List<String> inits() {
        return log.inits();
    }

    @SubscribeMessage("history")
    public List<String> history(@MessageBody String clientId) {
        return log.history(clientId);
    }

    @SubscribeMessage("history-of-tag")
    public List<String> historyOfTag(@MessageBody String tag) {
        return log.historyOfTag(tag);
    }
}
