package org.cdigateway.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.cdigateway.ConnectedSocket;
import org.cdigateway.Gateway;
import org.cdigateway.GatewayClient;
import org.cdigateway.GatewayServer;
import org.cdigateway.MessageBody;
import org.cdigateway.OnGatewayInit;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.junit5.Clients;
import org.cdigateway.junit5.GatewayTest;
import org.cdigateway.junit5.client.GatewayTestClient;
import org.cdigateway.se.GatewayRuntime;
import org.junit.jupiter.api.Test;

/** Rooms: join, leave, union, exceptions, client-id rooms, emits from other beans and threads, cleanup. */
@GatewayTest
class RoomSemanticsTest {

    static final Duration WAIT = Duration.ofSeconds(5);
    static final Duration QUIET = Duration.ofMillis(300);

    public record Shout(String room, String text) {}

    // tag::rooms[]
    @WebSocketGateway("/rooms")
    static class RoomsGateway implements OnGatewayInit {

        @Inject
        GatewayServer server; // <1>

        GatewayServer fromInit;

        @Override
        public void afterInit(GatewayServer server) {
            this.fromInit = server;
        }

        @SubscribeMessage("join")
        public Set<String> join(@MessageBody String room, @ConnectedSocket GatewayClient client) {
            client.join(room); // <2>
            return client.rooms();
        }

        @SubscribeMessage("leave")
        public Set<String> leave(@MessageBody String room, @ConnectedSocket GatewayClient client) {
            client.leave(room);
            return client.rooms();
        }

        @SubscribeMessage("shout")
        public void shout(@MessageBody Shout shout, @ConnectedSocket GatewayClient client) {
            server.to(shout.room()).except(client).emit("shout", shout.text()); // <3>
        }
        // end::rooms[]

        @SubscribeMessage("to-both")
        public void toBoth(@MessageBody List<String> rooms) {
            server.to(rooms.get(0)).to(rooms.get(1)).emit("both", "once");
        }

        @SubscribeMessage("except-room")
        public void exceptRoom(@MessageBody List<String> rooms) {
            server.to(rooms.get(0)).except(rooms.get(1)).emit("except", "not-in-" + rooms.get(1));
        }

        @SubscribeMessage("dm")
        public void direct(@MessageBody Shout shout) {
            server.to(shout.room()).emit("dm", shout.text()); // the room of a client's id
        }

        @SubscribeMessage("later")
        public CompletableFuture<Void> later(@MessageBody Shout shout) {
            return CompletableFuture.runAsync(() -> fromInit.to(shout.room()).emit("later", shout.text()));
        }

        @SubscribeMessage("kick")
        public int kick(@MessageBody String room) {
            int n = server.to(room).clients().size();
            server.to(room).disconnect(4000, "kicked");
            return n;
        }

        @SubscribeMessage("size")
        public int size(@MessageBody String room) {
            return server.roomSize(room);
        }
    }

    // tag::other-bean[]
    @ApplicationScoped
    static class Announcer {

        @Inject
        @Gateway(RoomsGateway.class)
        GatewayServer rooms; // <1>

        void announce(String room, String text) {
            rooms.to(room).emit("announcement", text);
        }
    }
    // end::other-bean[]

    @Test
    void emitsToARoomReachExactlyItsMembersButTheSender(Clients clients) {
        GatewayTestClient ada = clients.connect("/rooms");
        GatewayTestClient bob = clients.connect("/rooms");
        GatewayTestClient eve = clients.connect("/rooms");
        ada.request("join", "lobby");
        bob.request("join", "lobby");
        eve.request("join", "kitchen");

        ada.emit("shout", new Shout("lobby", "hello"));

        assertThat(bob.awaitEvent("shout", WAIT).data(String.class)).isEqualTo("hello");
        ada.assertNoFrame(QUIET);
        eve.assertNoFrame(QUIET);
    }

    @Test
    void aUnionReachesEachMemberOnceAndExceptionsAreLeftOut(Clients clients) {
        GatewayTestClient inBoth = clients.connect("/rooms");
        GatewayTestClient inA = clients.connect("/rooms");
        GatewayTestClient inB = clients.connect("/rooms");
        inBoth.request("join", "a");
        inBoth.request("join", "b");
        inA.request("join", "a");
        inB.request("join", "b");

        inA.emit("to-both", List.of("a", "b"));
        for (GatewayTestClient c : List.of(inBoth, inA, inB)) {
            assertThat(c.awaitEvent("both", WAIT).data(String.class)).isEqualTo("once");
        }
        inBoth.assertNoFrame(QUIET); // not twice

        inA.emit("except-room", List.of("a", "b"));
        assertThat(inA.awaitEvent("except", WAIT).data(String.class)).isEqualTo("not-in-b");
        inBoth.assertNoFrame(QUIET);
        inB.assertNoFrame(QUIET);
    }

    @Test
    void everyClientIsInARoomNamedByItsId(Clients clients, GatewayRuntime runtime) {
        GatewayTestClient ada = clients.connect("/rooms");
        GatewayTestClient bob = clients.connect("/rooms");
        Set<String> adaRooms = Set.copyOf(ada.request("join", "lobby").data(List.class));
        String adaId = runtime.server(RoomsGateway.class).clients().stream().map(GatewayClient::id)
                .filter(adaRooms::contains).findFirst().orElseThrow();
        assertThat(adaRooms).containsExactlyInAnyOrder(adaId, "lobby");

        bob.emit("dm", new Shout(adaId, "psst"));
        assertThat(ada.awaitEvent("dm", WAIT).data(String.class)).isEqualTo("psst");
        bob.assertNoFrame(QUIET);
        assertThat(bob.request("size", adaId).data(Integer.class)).isEqualTo(1);
    }

    @Test
    void leavingAndClosingEmptyTheRooms(Clients clients, GatewayRuntime runtime) {
        GatewayServer server = runtime.server(RoomsGateway.class);
        GatewayTestClient ada = clients.connect("/rooms");
        GatewayTestClient bob = clients.connect("/rooms");
        ada.request("join", "x");
        ada.request("join", "y");
        bob.request("join", "y");
        assertThat(server.rooms()).contains("x", "y");
        assertThat(server.roomSize("y")).isEqualTo(2);

        assertThat(ada.request("leave", "x").data(List.class)).doesNotContain("x");
        assertThat(server.rooms()).doesNotContain("x");

        ada.close();
        bob.close();
        awaitTrue(() -> server.clientCount() == 0);
        assertThat(server.rooms()).isEmpty();
        assertThat(server.roomSize("y")).isZero();
    }

    @Test
    void otherBeansAndOtherThreadsEmitToRooms(Clients clients, GatewayRuntime runtime) {
        GatewayTestClient ada = clients.connect("/rooms");
        GatewayTestClient eve = clients.connect("/rooms");
        ada.request("join", "news");

        runtime.select(Announcer.class).announce("news", "from a bean");
        assertThat(ada.awaitEvent("announcement", WAIT).data(String.class)).isEqualTo("from a bean");

        eve.emit("later", new Shout("news", "after async work"));
        assertThat(ada.awaitEvent("later", WAIT).data(String.class)).isEqualTo("after async work");
        eve.assertNoFrame(QUIET);
    }

    @Test
    void disconnectingARoomClosesExactlyItsMembers(Clients clients) {
        GatewayTestClient ada = clients.connect("/rooms");
        GatewayTestClient bob = clients.connect("/rooms");
        GatewayTestClient eve = clients.connect("/rooms");
        ada.request("join", "noisy");
        bob.request("join", "noisy");

        assertThat(eve.request("kick", "noisy").data(Integer.class)).isEqualTo(2);

        assertThat(ada.expectClose(4000).reason()).isEqualTo("kicked");
        assertThat(bob.expectClose(4000).reason()).isEqualTo("kicked");
        assertThat(eve.request("size", "noisy").data(Integer.class)).isZero();
    }

    private static void awaitTrue(BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + WAIT);
            }
            LockSupport.parkNanos(1_000_000); // polls the condition until the deadline
        }
    }
}
