package org.cdigateway.redis;

import java.util.List;
import java.util.concurrent.CompletionStage;

import jakarta.inject.Inject;

import org.cdigateway.ConnectedSocket;
import org.cdigateway.GatewayClient;
import org.cdigateway.GatewayServer;
import org.cdigateway.MessageBody;
import org.cdigateway.OnServerEvent;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;

/**
 * The gateway of the cluster tests: its clients join one room under a name, and it answers the cluster-wide
 * questions.
 */
// tag::gateway[]
@WebSocketGateway("/members")
public class MembersGateway {

    @Inject
    GatewayServer server;

    /** Joins the room {@code members} under a name; the reply is the client's id. */
    @SubscribeMessage("hello")
    public String hello(@MessageBody String name, @ConnectedSocket GatewayClient client) {
        client.data().put("name", name); // what fetchClients() shows of this client, on any node
        client.join("members");
        return client.id();
    }

    /** The names of the members on every node, sorted. */
    @SubscribeMessage("who")
    public CompletionStage<List<String>> who() {
        return server.to("members").fetchClients() // every node's members
                .thenApply(all -> all.stream().map(c -> c.data("name", String.class)).sorted().toList());
    }

    /** Asked by the same gateway on another node: how many clients this node has. */
    @OnServerEvent("census")
    public int census(String question) {
        return server.clientCount();
    }
}
// end::gateway[]
