package org.cdigateway.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;

import org.cdigateway.ConnectedSocket;
import org.cdigateway.GatewayClient;
import org.cdigateway.GatewayServer;
import org.cdigateway.MessageBody;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.junit5.Clients;
import org.cdigateway.junit5.GatewayTest;
import org.cdigateway.junit5.client.GatewayTestClient;
import org.cdigateway.se.GatewayRuntime;
import org.cdigateway.spi.Broadcast;
import org.cdigateway.spi.Broadcaster;
import org.cdigateway.spi.LocalDelivery;
import org.junit.jupiter.api.Test;

/** An application's Broadcaster bean replaces the local one: every emit to many clients passes through it. */
@GatewayTest
class CustomBroadcasterTest {

    static final Duration WAIT = Duration.ofSeconds(5);

    // tag::broadcaster[]
    /** Records every broadcast and delivers it on this node; a distributed one would also publish it. */
    @ApplicationScoped
    static class RecordingBroadcaster implements Broadcaster {

        private final List<Broadcast> seen = new CopyOnWriteArrayList<>();
        private volatile LocalDelivery local;

        @Override
        public void start(LocalDelivery local) {
            this.local = local;
        }

        @Override
        public void broadcast(Broadcast broadcast) {
            seen.add(broadcast);
            local.deliver(broadcast);
        }

        List<Broadcast> seen() {
            return seen;
        }
    }
    // end::broadcaster[]

    @WebSocketGateway("/board/{team}")
    static class BoardGateway {

        @SubscribeMessage("join")
        public boolean join(@MessageBody String room, @ConnectedSocket GatewayClient client) {
            client.join(room);
            return true;
        }
    }

    @Test
    void emitsToRoomsAndToAllGoThroughTheApplicationsBroadcaster(Clients clients, GatewayRuntime runtime) {
        RecordingBroadcaster broadcaster = runtime.select(RecordingBroadcaster.class);
        GatewayTestClient ada = clients.connect("/board/red");
        GatewayTestClient bob = clients.connect("/board/blue");
        ada.request("join", "red");
        GatewayServer server = runtime.server(BoardGateway.class);
        int before = broadcaster.seen().size();

        server.to("red").except("muted").emit("score", 3);
        server.emit("notice", "half time");

        assertThat(ada.awaitEvent("score", WAIT).data(Integer.class)).isEqualTo(3);
        assertThat(ada.awaitEvent("notice", WAIT).data(String.class)).isEqualTo("half time");
        assertThat(bob.awaitEvent("notice", WAIT).data(String.class)).isEqualTo("half time");
        List<Broadcast> seen = broadcaster.seen().subList(before, broadcaster.seen().size());
        assertThat(seen).hasSize(2);
        assertThat(seen.get(0).gateway()).isEqualTo("/board/{team}");
        assertThat(seen.get(0).rooms()).containsExactly("red");
        assertThat(seen.get(0).exceptRooms()).containsExactly("muted");
        assertThat(seen.get(0).event()).isEqualTo("score");
        assertThat(seen.get(0).data()).isEqualTo("3");
        assertThat(seen.get(1).toAll()).isTrue();
        assertThat(seen.get(1).data()).isEqualTo("\"half time\"");
    }
}
