package org.cdigateway.tck.replies;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.cdigateway.ConnectedSocket;
import org.cdigateway.GatewayClient;
import org.cdigateway.MessageBody;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.WsException;
import org.cdigateway.WsResponse;

/** What a handler returns decides the reply: a value, a {@link WsResponse}, a {@link CompletionStage}, or nothing. */
@WebSocketGateway("/replies")
public class ReplyGateway {

    private static final Executor LATER = CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS);

    @Inject
    Gates gates;

    @SubscribeMessage("value")
    public Joined value(@MessageBody("room") String room) {
        return new Joined(room, 3);
    }

    @SubscribeMessage("join")
    public WsResponse<Joined> join(@MessageBody("room") String room) {
        return WsResponse.of("joined", new Joined(room, 1));
    }

    @SubscribeMessage("join-quietly")
    public WsResponse<Joined> joinQuietly() {
        return WsResponse.of("joined-quietly", null);
    }

    @SubscribeMessage("later")
    public CompletionStage<String> later(String text) {
        return CompletableFuture.supplyAsync(() -> "later:" + text, LATER);
    }

    @SubscribeMessage("later-response")
    public CompletableFuture<WsResponse<String>> laterResponse() {
        return CompletableFuture.supplyAsync(() -> WsResponse.of("done", "ok"), LATER);
    }

    @SubscribeMessage("held")
    public CompletionStage<String> held(@MessageBody String key) {
        return gates.hold(key);
    }

    @SubscribeMessage("release")
    public String release(@MessageBody("key") String key, @MessageBody("value") String value) {
        gates.release(key, value);
        return "released";
    }

    @SubscribeMessage("later-fails")
    public CompletionStage<String> laterFails() {
        return CompletableFuture.supplyAsync(() -> {
            throw new WsException("too late");
        }, LATER);
    }

    @SubscribeMessage("later-crashes")
    public CompletionStage<String> laterCrashes() {
        return CompletableFuture.supplyAsync(() -> {
            throw new IllegalStateException("secret detail");
        }, LATER);
    }

    @SubscribeMessage("nothing")
    public void nothing(@ConnectedSocket GatewayClient client) {
        client.setAttribute("touched", Boolean.TRUE);
    }

    @SubscribeMessage("null")
    public String returnsNull(@ConnectedSocket GatewayClient client) {
        client.setAttribute("nulled", Boolean.TRUE);
        return null;
    }

    @SubscribeMessage("touched")
    public String touched(@ConnectedSocket GatewayClient client) {
        return client.attribute("touched") + "/" + client.attribute("nulled");
    }

    @SubscribeMessage("push")
    public void push(@ConnectedSocket GatewayClient client, @MessageBody int count) {
        for (int i = 0; i < count; i++) {
            client.emit("tick", i);
        }
    }
}
