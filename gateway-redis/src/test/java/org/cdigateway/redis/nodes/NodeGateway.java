package org.cdigateway.redis.nodes;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.inject.Inject;

import org.cdigateway.ConnectedSocket;
import org.cdigateway.GatewayClient;
import org.cdigateway.GatewayServer;
import org.cdigateway.MessageBody;
import org.cdigateway.OnServerEvent;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.redis.RedisBroadcaster;

/** The gateway of each node process: test clients make it join rooms, emit, and ask the cluster. */
@WebSocketGateway(value = "/node", maxConnectionsPerAddress = 0) // a thousand clients, all from 127.0.0.1
public class NodeGateway {

    /** An emit to make: to rooms or ids (none: everyone), but those excepted. */
    public record Emit(List<String> to, List<String> except, String event, String data) {}

    /** {@code count} broadcasts {@code {"node":..,"n":i}} to a room, emitted one after the other. */
    public record Burst(String room, int count) {}

    /** One broadcast of a burst. */
    public record Line(String node, int n) {}

    /** What the node's broadcaster counted. */
    public record Stats(long received, long missed, long unpublished, int nodes) {}

    @Inject
    GatewayServer server;

    @Inject
    RedisBroadcaster broadcaster;

    @SubscribeMessage("join")
    public String join(@MessageBody List<String> rooms, @ConnectedSocket GatewayClient client) {
        client.join(rooms.toArray(String[]::new));
        client.data().put("node", System.getProperty("node.name", "?"));
        return client.id();
    }

    @SubscribeMessage("emit")
    public boolean emit(@MessageBody Emit e) {
        server.to(e.to().toArray(String[]::new)).except(e.except().toArray(String[]::new)).emit(e.event(),
                e.data());
        return true;
    }

    @SubscribeMessage("emitAll")
    public boolean emitAll(@MessageBody Emit e) {
        server.except(e.except().toArray(String[]::new)).emit(e.event(), e.data());
        return true;
    }

    @SubscribeMessage("burst")
    public CompletionStage<Integer> burst(@MessageBody Burst b) {
        String node = System.getProperty("node.name", "?");
        return CompletableFuture.supplyAsync(() -> {
            for (int i = 0; i < b.count(); i++) {
                server.to(b.room()).emit("line", new Line(node, i));
            }
            return b.count();
        });
    }

    @SubscribeMessage("count")
    public CompletionStage<Integer> count(@MessageBody String room) {
        return server.to(room).countClients();
    }

    @SubscribeMessage("fetch")
    public CompletionStage<List<String>> fetch(@MessageBody String room) {
        return server.to(room).fetchClients().thenApply(all -> all.stream()
                .map(c -> c.data("node", String.class) + ":" + c.id()).sorted().toList());
    }

    @SubscribeMessage("moveTo")
    public CompletionStage<Integer> moveTo(@MessageBody List<String> fromAndTo) {
        return server.to(fromAndTo.get(0)).clientsJoin(fromAndTo.get(1));
    }

    @SubscribeMessage("census")
    public CompletionStage<List<String>> census() {
        return server.serverSideEmitWithAck("census", "how many?", String.class);
    }

    @OnServerEvent("census")
    public String answerCensus(String question) {
        return System.getProperty("node.name", "?") + "=" + server.clientCount();
    }

    @SubscribeMessage("stats")
    public Stats stats() {
        return new Stats(broadcaster.received(), broadcaster.missed(), broadcaster.unpublished(),
                broadcaster.nodes().size());
    }
}
