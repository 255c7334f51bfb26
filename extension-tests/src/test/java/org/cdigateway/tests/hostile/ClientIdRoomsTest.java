package org.cdigateway.tests.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import jakarta.inject.Inject;

import org.cdigateway.ConnectedSocket;
import org.cdigateway.GatewayClient;
import org.cdigateway.GatewayServer;
import org.cdigateway.MessageBody;
import org.cdigateway.OnGatewayConnection;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.junit5.Clients;
import org.cdigateway.junit5.GatewayTest;
import org.cdigateway.junit5.client.Frame;
import org.cdigateway.junit5.client.GatewayTestClient;
import org.junit.jupiter.api.Test;

/** No client ever receives what is sent to another client's id: room names of the form of a client id are refused. */
@GatewayTest
class ClientIdRoomsTest {

    static final Duration WAIT = Duration.ofSeconds(10);

    @WebSocketGateway("/rooms/{room}")
    static class RoomsGateway implements OnGatewayConnection {

        @Inject
        GatewayServer server;

        @Override
        public void handleConnection(GatewayClient client) {
            client.join(client.pathParam("room"));
        }

        @SubscribeMessage("whoami")
        public String whoami(@ConnectedSocket GatewayClient client) {
            return client.id();
        }

        @SubscribeMessage("join")
        public String join(@MessageBody String room, @ConnectedSocket GatewayClient client) {
            client.join(room);
            return "joined";
        }

        @SubscribeMessage("tell")
        public String tell(@MessageBody String id) {
            server.to(id).emit("private", "for " + id);
            return "told";
        }
    }

    @Test
    void aClientCannotJoinTheRoomOfAnotherClientsId(Clients clients) {
        GatewayTestClient victim = clients.connect("/rooms/lobby");
        GatewayTestClient attacker = clients.connect("/rooms/lobby");
        String victimId = victim.request("whoami", null).data(String.class);

        Frame refused = attacker.request("join", victimId);
        assertThat(refused.errorCode()).isEqualTo("INTERNAL");

        assertThat(attacker.request("tell", victimId).data(String.class)).isEqualTo("told");
        assertThat(victim.awaitEvent("private", WAIT).data(String.class)).isEqualTo("for " + victimId);
        attacker.request("whoami", null); // a round trip after the emit
        assertThat(attacker.frames()).noneMatch(f -> "private".equals(f.event()));
    }

    @Test
    void aPathNamingAnotherClientsIdIsRefused(Clients clients) {
        GatewayTestClient victim = clients.connect("/rooms/lobby");
        String victimId = victim.request("whoami", null).data(String.class);

        GatewayTestClient attacker = clients.connect("/rooms/" + victimId);
        assertThat(attacker.awaitClose(WAIT).code()).isEqualTo(1011);

        GatewayTestClient other = clients.connect("/rooms/lobby");
        other.request("tell", victimId);
        assertThat(victim.awaitEvent("private", WAIT).data(String.class)).isEqualTo("for " + victimId);
    }

    @Test
    void ordinaryRoomNamesAndTheClientsOwnIdStillWork(Clients clients) {
        GatewayTestClient client = clients.connect("/rooms/lobby");
        String id = client.request("whoami", null).data(String.class);
        assertThat(client.request("join", id).data(String.class)).isEqualTo("joined");
        assertThat(client.request("join", "room:" + id).data(String.class)).isEqualTo("joined");
        assertThat(client.request("join", "a room of twenty chr").data(String.class)).isEqualTo("joined");
    }
}
