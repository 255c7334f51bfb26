package org.cdigateway.tests.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.json.JsonValue;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;

import org.cdigateway.ConnectedSocket;
import org.cdigateway.GatewayClient;
import org.cdigateway.MessageBody;
import org.cdigateway.SubscribeBinary;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.WsResponse;
import org.cdigateway.junit5.Clients;
import org.cdigateway.junit5.GatewayTest;
import org.cdigateway.junit5.client.GatewayTestClient;
import org.cdigateway.se.GatewayRuntime;
import org.junit.jupiter.api.Test;

/** The positive control for the negative tests next to it: every legal parameter and return kind deploys. */
@GatewayTest
class ValidGatewayDeploysTest {

    public enum Colour {
        RED, GREEN
    }

    public record Move(int x, int y) {}

    @WebSocketGateway("/valid/{room}/{n}/{id}/{colour}/{flag}")
    static class EveryKindGateway {

        @SubscribeMessage("unannotated")
        public String unannotated(String data) {
            return data;
        }

        @SubscribeMessage("annotated")
        public Move annotated(@MessageBody Move move) {
            return move;
        }

        @SubscribeMessage("properties")
        public WsResponse<String> properties(@MessageBody("room") String room, @MessageBody("count") int count,
                @MessageBody Map<String, Object> whole) {
            return WsResponse.of("counted", room + ":" + count + ":" + whole.size());
        }

        @SubscribeMessage("connection")
        public CompletionStage<Boolean> connection(@ConnectedSocket GatewayClient client,
                @ConnectedSocket Session session, GatewayClient sameClient, Session sameSession) {
            return CompletableFuture.completedFuture(client == sameClient && session == sameSession);
        }

        @SubscribeMessage("path")
        public CompletableFuture<String> path(@PathParam("room") String room, @PathParam("n") int n,
                @PathParam("id") UUID id, @PathParam("colour") Colour colour, @PathParam("flag") boolean flag) {
            return CompletableFuture.completedFuture(room + ":" + n + ":" + id + ":" + colour + ":" + flag);
        }

        @SubscribeMessage("*")
        public void any(@MessageBody JsonValue data) {}

        @SubscribeBinary
        public byte[] upload(byte[] chunk, @ConnectedSocket GatewayClient client, @PathParam("n") long n) {
            return chunk;
        }
    }

    @WebSocketGateway("/buffers")
    static class BufferGateway {

        @SubscribeBinary
        public ByteBuffer upload(ByteBuffer chunk, Session session) {
            return chunk;
        }

        @SubscribeMessage("list")
        public List<String> list(@MessageBody List<String> items) {
            return items;
        }
    }

    @Test
    void deploysEveryLegalKind(GatewayRuntime runtime) {
        assertThat(runtime.gatewayPaths()).containsExactlyInAnyOrder("/valid/{room}/{n}/{id}/{colour}/{flag}",
                "/buffers");
    }

    @Test
    void bindsThePathParameters(Clients clients) {
        UUID id = UUID.randomUUID();
        GatewayTestClient client = clients.connect("/valid/lobby/7/" + id + "/GREEN/true");
        assertThat(client.request("path", null).data(String.class)).isEqualTo("lobby:7:" + id + ":GREEN:true");
        assertThat(client.request("connection", null).data(Boolean.class)).isTrue();
        client.sendBinary(new byte[]{1, 2});
        assertThat(client.awaitBinary(Duration.ofSeconds(5))).containsExactly(1, 2);
    }
}
