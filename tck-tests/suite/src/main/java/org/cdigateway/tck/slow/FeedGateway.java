package org.cdigateway.tck.slow;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;

import org.cdigateway.ConnectedSocket;
import org.cdigateway.GatewayClient;
import org.cdigateway.GatewayServer;
import org.cdigateway.MessageBody;
import org.cdigateway.OnGatewayDisconnect;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;

/**
 * A feed with client buffers of 64 KB: a firehose of 4 KB frames to one client overflows it, a burst of small ticks to
 * the others does not. A firehose to one client, ticks to a room, and what happened to whom.
 */
@WebSocketGateway(value = "/feed", maxQueuedFrames = 1024, maxQueuedBytes = 65536)
public class FeedGateway implements OnGatewayDisconnect {

    @Inject
    GatewayServer server;

    private final Map<String, Integer> closeCodes = new ConcurrentHashMap<>();

    @SubscribeMessage("subscribe")
    public String subscribe(@ConnectedSocket GatewayClient client) {
        client.join("ticks");
        return client.id();
    }

    /**
     * Sends {@code data[1]} frames of 4 KB to the client with id {@code data[0]} and a tick to the room each 10, from a
     * thread of its own, as a feed service would; replies with the number of ticks it will send.
     */
    @SubscribeMessage("firehose")
    public int firehose(@MessageBody List<String> data) {
        String target = data.get(0);
        int frames = Integer.parseInt(data.get(1));
        String payload = "p".repeat(4000);
        CompletableFuture.runAsync(() -> {
            int ticks = 0;
            for (int i = 0; i < frames; i++) {
                server.to(target).emit("private", payload);
                if (i % 10 == 0) {
                    server.to("ticks").except(target).emit("tick", ticks++);
                }
            }
        });
        return (frames + 9) / 10;
    }

    /** The close code the disconnect of a client got, or -1 while it is connected or unknown. */
    @SubscribeMessage("closed")
    public int closed(@MessageBody String id) {
        return closeCodes.getOrDefault(id, -1);
    }

    @Override
    public void handleDisconnect(GatewayClient client, CloseReason reason) {
        closeCodes.put(client.id(), reason.getCloseCode().getCode());
    }
}
