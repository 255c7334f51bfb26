package org.cdigateway.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import org.cdigateway.ConnectedSocket;
import org.cdigateway.GatewayClient;
import org.cdigateway.GatewayServer;
import org.cdigateway.MessageBody;
import org.cdigateway.RemoteClient;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.junit5.Connect;
import org.cdigateway.junit5.GatewayTest;
import org.cdigateway.junit5.client.GatewayTestClient;
import org.cdigateway.se.GatewayRuntime;
import org.junit.jupiter.api.Test;

/**
 * The cluster-wide operations with the default broadcaster: this node is the whole cluster, so they answer at once
 * for its clients, exactly as the node-local methods do.
 */
@GatewayTest
class ClusterOperationsOnOneNodeTest {

    static final Duration WAIT = Duration.ofSeconds(10);

    @WebSocketGateway("/crew")
    static class CrewGateway {

        @SubscribeMessage("hello")
        public String hello(@MessageBody String name, @ConnectedSocket GatewayClient client) {
            client.data().put("name", name);
            client.data().put("since", 1999);
            client.join("crew");
            return client.id();
        }
    }

    private static <T> T await(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    @Test
    void theyActOnThisNodesClients(@Connect("/crew") GatewayTestClient ada, @Connect("/crew") GatewayTestClient bob,
            @Connect("/crew") GatewayTestClient cy, GatewayRuntime runtime) throws Exception {
        GatewayServer server = runtime.server(CrewGateway.class);
        ada.request("hello", "ada");
        String bobId = bob.request("hello", "bob").data(String.class);
        cy.request("hello", "cy");

        List<RemoteClient> crew = await(server.to("crew").except(bobId).fetchClients());
        assertThat(crew).extracting(c -> c.data("name", String.class)).containsExactlyInAnyOrder("ada", "cy");
        assertThat(crew).extracting(c -> c.data("since", Integer.class)).containsOnly(1999);
        assertThat(crew).allSatisfy(c -> assertThat(c.data("missing", String.class)).isNull());
        assertThat(await(server.countClients())).isEqualTo(3);

        assertThat(await(server.to(bobId).clientsJoin("deck"))).isEqualTo(1);
        assertThat(server.roomSize("deck")).isEqualTo(1);
        assertThat(await(server.to("crew").clientsLeave("deck"))).isEqualTo(3);
        assertThat(server.roomSize("deck")).isZero();

        assertThat(await(server.serverSideEmitWithAck("anyone", "there?", String.class))).isEmpty();

        assertThat(await(server.to(bobId).disconnectClients(4001, "bye"))).isEqualTo(1);
        assertThat(bob.awaitClose(WAIT).code()).isEqualTo(4001);
        assertThat(ada.isOpen()).isTrue();
    }
}
