package org.cdigateway.internal.rooms;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;

import jakarta.json.bind.JsonbBuilder;
import jakarta.json.spi.JsonProvider;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;

import org.cdigateway.SlowConsumer;
import org.cdigateway.internal.client.SessionClient;
import org.cdigateway.internal.client.WebSocketChannel;
import org.cdigateway.internal.endpoint.HandshakeData;
import org.cdigateway.internal.json.JsonCodec;
import org.cdigateway.internal.protocol.NativeProtocol;
import org.junit.jupiter.api.Test;

/** Concurrent joins, leaves and the disconnect of one client leave its membership and the rooms in step. */
class RoomsRaceTest {

    private static Session session() {
        RemoteEndpoint.Async remote = (RemoteEndpoint.Async) Proxy.newProxyInstance(
                RoomsRaceTest.class.getClassLoader(), new Class<?>[]{RemoteEndpoint.Async.class},
                (p, m, a) -> null);
        return (Session) Proxy.newProxyInstance(RoomsRaceTest.class.getClassLoader(), new Class<?>[]{Session.class},
                (p, m, a) -> switch (m.getName()) {
                    case "getAsyncRemote" -> remote;
                    case "getPathParameters" -> Map.of();
                    case "isOpen" -> true;
                    case "hashCode" -> System.identityHashCode(p);
                    case "equals" -> p == a[0];
                    default -> null;
                });
    }

    private static SessionClient client(Rooms rooms) {
        JsonCodec json = new JsonCodec(JsonbBuilder.create(), JsonProvider.provider());
        return new SessionClient(new WebSocketChannel(session(), s -> null), HandshakeData.EMPTY,
                new NativeProtocol(json), json, rooms, 16, 1024,
                SlowConsumer.CLOSE);
    }

    @Test
    void aJoinRacingALeaveLeavesTheClientEitherInBothOrInNeither() throws Exception {
        Map<String, SessionClient> clients = new ConcurrentHashMap<>();
        Rooms rooms = new Rooms(clients);
        for (int round = 0; round < 2_000; round++) {
            SessionClient c = client(rooms);
            CyclicBarrier start = new CyclicBarrier(2);
            Thread joiner = new Thread(() -> {
                await(start);
                rooms.join(c, "r");
            });
            Thread leaver = new Thread(() -> {
                await(start);
                rooms.leave(c, "r");
            });
            joiner.start();
            leaver.start();
            joiner.join();
            leaver.join();
            boolean inRoom = rooms.members("r").contains(c);
            assertThat(c.rooms().contains("r")).as("round " + round).isEqualTo(inRoom);
            c.end();
            assertThat(rooms.roomCount()).as("round " + round).isZero();
        }
    }

    @Test
    void aJoinRacingTheDisconnectLeavesNoRoomBehind() throws Exception {
        Rooms rooms = new Rooms(new ConcurrentHashMap<>());
        for (int round = 0; round < 2_000; round++) {
            SessionClient c = client(rooms);
            CyclicBarrier start = new CyclicBarrier(2);
            Thread joiner = new Thread(() -> {
                await(start);
                for (int i = 0; i < 5; i++) {
                    c.join("r" + i);
                }
            });
            joiner.start();
            await(start);
            c.end();
            joiner.join();
            assertThat(rooms.roomCount()).as("round " + round).isZero();
        }
    }

    private static void await(CyclicBarrier b) {
        try {
            b.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
