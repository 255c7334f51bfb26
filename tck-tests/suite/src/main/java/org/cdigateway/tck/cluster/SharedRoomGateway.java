package org.cdigateway.tck.cluster;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.inject.Inject;

import org.cdigateway.ConnectedSocket;
import org.cdigateway.GatewayClient;
import org.cdigateway.GatewayServer;
import org.cdigateway.MessageBody;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.redis.RedisBroadcaster;

/**
 * One gateway served by two nodes of an application, the server's WAR and an embedded runtime, whose broadcasts travel
 * through Redis: each handler emits on the node the client is connected to.
 */
@WebSocketGateway("/shared")
public class SharedRoomGateway {

    @Inject
    GatewayServer server;

    @Inject
    RedisBroadcaster broadcaster;

    /** The id of this node once its broadcaster is subscribed and can publish; {@code "local"} without Redis. */
    @SubscribeMessage("ready")
    public CompletionStage<String> ready() {
        if (!broadcaster.clustered()) {
            return CompletableFuture.completedFuture("local");
        }
        return broadcaster.ready().thenApply(done -> broadcaster.nodeId());
    }

    /** Joins the rooms named; replies with the client's id. */
    @SubscribeMessage("join")
    public String join(@MessageBody List<String> rooms, @ConnectedSocket GatewayClient client) {
        client.join(rooms.toArray(String[]::new));
        return client.id();
    }

    /** Emits {@code "shout"} with {@code data[1]} to the room or client id {@code data[0]}, leaving out the sender. */
    @SubscribeMessage("shout")
    public boolean shout(@MessageBody List<String> data, @ConnectedSocket GatewayClient client) {
        server.to(data.get(0)).except(client).emit("shout", data.get(1));
        return true;
    }

    /** Emits {@code "aside"} with {@code data[2]} to room {@code data[0]}, leaving out {@code data[1]}, a room or id. */
    @SubscribeMessage("aside")
    public boolean aside(@MessageBody List<String> data) {
        server.to(data.get(0)).except(data.get(1)).emit("aside", data.get(2));
        return true;
    }

    /** Emits {@code "end"} with the text sent to every client of the gateway, on every node. */
    @SubscribeMessage("end")
    public boolean end(@MessageBody String text) {
        server.emit("end", text);
        return true;
    }
}
