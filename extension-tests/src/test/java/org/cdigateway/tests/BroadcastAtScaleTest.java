package org.cdigateway.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;

import org.cdigateway.ConnectedSocket;
import org.cdigateway.GatewayClient;
import org.cdigateway.GatewayServer;
import org.cdigateway.MessageBody;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.internal.endpoint.DeployedGateway;
import org.cdigateway.junit5.Clients;
import org.cdigateway.junit5.GatewayTest;
import org.cdigateway.junit5.client.GatewayTestClient;
import org.cdigateway.se.GatewayRuntime;
import org.junit.jupiter.api.Test;

/** Fan-out at scale: every member gets every broadcast in order; churn leaves no room and no client behind. */
@GatewayTest
class BroadcastAtScaleTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    @WebSocketGateway(value = "/crowd", maxConnectionsPerAddress = 0) // a thousand clients, all from 127.0.0.1
    static class CrowdGateway {

        @SubscribeMessage("join")
        public boolean join(@MessageBody String room, @ConnectedSocket GatewayClient client) {
            client.join(room);
            return true;
        }
    }

    @Test
    void aThousandMembersOfARoomGetEveryOneOfTwoHundredBroadcastsInOrder(Clients clients, GatewayRuntime runtime)
            throws Exception {
        int members = 1000;
        int broadcasts = 200;
        List<GatewayTestClient> crowd = connectAndJoin(clients, members, "stage");
        GatewayServer server = runtime.server(CrowdGateway.class);
        assertThat(server.roomSize("stage")).isEqualTo(members);

        for (int i = 0; i < broadcasts; i++) {
            server.to("stage").emit("line", i);
        }

        for (GatewayTestClient c : crowd) {
            for (int i = 0; i < broadcasts; i++) {
                assertThat(c.awaitEvent("line", WAIT).data(Integer.class)).isEqualTo(i);
            }
        }
        crowd.forEach(GatewayTestClient::close);
    }

    @Test
    void fiveThousandConnectJoinDisconnectCyclesLeaveNoRoomAndNoClient(Clients clients, GatewayRuntime runtime) {
        DeployedGateway gateway = (DeployedGateway) runtime.server(CrowdGateway.class);
        int cycles = 5000;
        for (int i = 0; i < cycles; i++) {
            GatewayTestClient c = clients.connect("/crowd");
            c.request("join", "room-" + (i % 50));
            c.close();
            clients.forget(c);
        }
        long deadline = System.nanoTime() + WAIT.toNanos();
        while ((gateway.clientCount() > 0 || gateway.roomCount() > 0) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(1_000_000); // polls until the last disconnects ran
        }
        assertThat(gateway.clientCount()).isZero();
        assertThat(gateway.roomCount()).isZero();
        assertThat(gateway.rooms()).isEmpty();
    }

    private static List<GatewayTestClient> connectAndJoin(Clients clients, int n, String room) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<GatewayTestClient>> connecting = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                connecting.add(pool.submit(() -> {
                    GatewayTestClient c = clients.connect("/crowd");
                    c.request("join", room);
                    return c;
                }));
            }
            List<GatewayTestClient> connected = new ArrayList<>();
            for (Future<GatewayTestClient> f : connecting) {
                connected.add(f.get());
            }
            return connected;
        } finally {
            pool.shutdown();
        }
    }
}
