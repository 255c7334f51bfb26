package org.cdigateway.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import org.cdigateway.ConnectedSocket;
import org.cdigateway.GatewayClient;
import org.cdigateway.MessageBody;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.WsException;
import org.cdigateway.WsResponse;
import org.cdigateway.junit5.Connect;
import org.cdigateway.junit5.GatewayTest;
import org.cdigateway.junit5.client.Frame;
import org.cdigateway.junit5.client.GatewayTestClient;
import org.junit.jupiter.api.Test;

/** What a handler returns decides the reply: a value, a WsResponse, a CompletionStage, or nothing. */
@GatewayTest
class RepliesTest {

    static final Duration QUIET = Duration.ofMillis(300);
    static final Executor LATER = CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS);

    public record Joined(String room, int members) {}

    @WebSocketGateway("/replies")
    static class ReplyGateway {

        // tag::value[]
        @SubscribeMessage("value")
        public Joined value(@MessageBody("room") String room) {
            return new Joined(room, 3);
        }

        @SubscribeMessage("join")
        public WsResponse<Joined> join(@MessageBody("room") String room) {
            return WsResponse.of("joined", new Joined(room, 1));
        }
        // end::value[]

        // tag::async[]
        @SubscribeMessage("later")
        public CompletionStage<String> later(String text) {
            return CompletableFuture.supplyAsync(() -> "later:" + text, LATER);
        }

        @SubscribeMessage("later-response")
        public CompletableFuture<WsResponse<String>> laterResponse() {
            return CompletableFuture.supplyAsync(() -> WsResponse.of("done", "ok"), LATER);
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
        // end::async[]

        // tag::nothing[]
        @SubscribeMessage("nothing")
        public void nothing(@ConnectedSocket GatewayClient client) {
            client.setAttribute("touched", Boolean.TRUE);
        }

        @SubscribeMessage("null")
        public String returnsNull() {
            return null;
        }
        // end::nothing[]

        @SubscribeMessage("touched")
        public Object touched(@ConnectedSocket GatewayClient client) {
            return client.attribute("touched");
        }

        // tag::emit[]
        @SubscribeMessage("push")
        public void push(@ConnectedSocket GatewayClient client, @MessageBody int count) {
            for (int i = 0; i < count; i++) {
                client.emit("tick", i);
            }
        }
        // end::emit[]
    }

    @Test
    void aValueIsTheReplyUnderTheSameEventAndId(@Connect("/replies") GatewayTestClient client) {
        client.sendText("{\"event\":\"value\",\"data\":{\"room\":\"a\"},\"id\":42}");
        Frame reply = client.awaitFrame(java.time.Duration.ofSeconds(10)); // whatever comes next
        assertThat(reply.event()).isEqualTo("value");
        assertThat(reply.raw()).endsWith(",\"id\":42}"); // the id echoed as sent, a number
        assertThat(reply.data(Joined.class)).isEqualTo(new Joined("a", 3));
    }

    @Test
    void aWsResponseChoosesTheEvent(@Connect("/replies") GatewayTestClient client) {
        Frame reply = client.request("join", java.util.Map.of("room", "b"));
        assertThat(reply.event()).isEqualTo("joined");
        assertThat(reply.data(Joined.class)).isEqualTo(new Joined("b", 1));
    }

    @Test
    void aCompletionStageRepliesWhenItCompletes(@Connect("/replies") GatewayTestClient client) {
        client.sendText("{\"event\":\"later\",\"data\":\"x\",\"id\":\"one\"}");
        client.sendText("{\"event\":\"later-response\",\"id\":2}");
        Frame first = client.awaitEvent("later", Duration.ofSeconds(5));
        assertThat(first.idAsString()).isEqualTo("one");
        assertThat(first.data(String.class)).isEqualTo("later:x");
        Frame second = client.awaitEvent("done", Duration.ofSeconds(5));
        assertThat(second.raw()).contains("\"id\":2");
    }

    @Test
    void aFailedCompletionStageIsAnErrorFrameForItsId(@Connect("/replies") GatewayTestClient client) {
        Frame refused = client.request("later-fails", null);
        assertThat(refused.isError()).isTrue();
        assertThat(refused.errorMessage()).isEqualTo("too late");
        Frame crashed = client.request("later-crashes", null);
        assertThat(crashed.errorCode()).isEqualTo("INTERNAL");
        assertThat(crashed.raw()).doesNotContain("secret");
    }

    @Test
    void voidAndNullSendNothing(@Connect("/replies") GatewayTestClient client) {
        client.sendText("{\"event\":\"nothing\",\"id\":1}");
        client.sendText("{\"event\":\"null\",\"id\":2}");
        client.assertNoFrame(QUIET);
        assertThat(client.request("touched", null).data(Boolean.class)).isTrue();
    }

    @Test
    void emitsArriveInOrder(@Connect("/replies") GatewayTestClient client) {
        client.emit("push", 500);
        for (int i = 0; i < 500; i++) {
            assertThat(client.awaitEvent("tick", Duration.ofSeconds(5)).data(Integer.class)).isEqualTo(i);
        }
    }
}
