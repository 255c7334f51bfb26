package org.cdigateway.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;

import org.cdigateway.ConnectedSocket;
import org.cdigateway.GatewayClient;
import org.cdigateway.GatewayServer;
import org.cdigateway.OnGatewayConnection;
import org.cdigateway.OnGatewayDisconnect;
import org.cdigateway.OnGatewayInit;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.junit5.Clients;
import org.cdigateway.junit5.Connect;
import org.cdigateway.junit5.GatewayTest;
import org.cdigateway.junit5.client.GatewayTestClient;
import org.cdigateway.se.GatewayRuntime;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** afterInit once, handleConnection before the first message, handleDisconnect exactly once however it ended. */
@GatewayTest(classes = Recorder.class)
class LifecycleTest {

    static final Duration WAIT = Duration.ofSeconds(5);

    // tag::lifecycle[]
    @WebSocketGateway("/lifecycle")
    static class LifecycleGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect {

        @Inject
        Recorder recorder;

        @Override
        public void afterInit(GatewayServer server) {
            recorder.record(
                    "init:" + System.identityHashCode(server) + ":" + server.path() + ":" + server.clientCount());
        }

        @Override
        public void handleConnection(GatewayClient client) {
            if (client.queryParam("fail") != null) {
                throw new IllegalStateException("refusing " + client.id());
            }
            client.setAttribute("greeted", Boolean.TRUE);
            client.emit("welcome", client.id());
            recorder.record("connect:" + client.id());
        }

        @Override
        public void handleDisconnect(GatewayClient client, CloseReason reason) {
            recorder.record("disconnect:" + client.id() + ":" + reason.getCloseCode().getCode() + ":"
                    + client.isOpen());
        }

        @SubscribeMessage("greeted")
        public Object greeted(@ConnectedSocket GatewayClient client) {
            recorder.record("message:" + client.id());
            return client.attribute("greeted");
        }

        @SubscribeMessage("kick")
        public void kick(@ConnectedSocket GatewayClient client) {
            client.close(4000, "bye");
        }
    }
    // end::lifecycle[]

    Recorder recorder;

    @BeforeEach
    void recorder(GatewayRuntime runtime) {
        recorder = runtime.select(Recorder.class);
    }

    private static String welcomeId(GatewayTestClient client) {
        return client.awaitEvent("welcome", WAIT).data(String.class);
    }

    @Test
    void afterInitRanOnceWithTheGatewaysServer(GatewayRuntime runtime) {
        GatewayServer server = runtime.server(LifecycleGateway.class);
        String init = "init:" + System.identityHashCode(server) + ":";
        assertThat(recorder.events()).filteredOn(e -> e.startsWith(init)).containsExactly(init + "/lifecycle:0");
    }

    @Test
    void handleConnectionRunsBeforeTheFirstMessage(@Connect("/lifecycle") GatewayTestClient client) {
        assertThat(client.request("greeted", null).data(Boolean.class)).isTrue();
        assertThat(client.frames().get(0).event()).isEqualTo("welcome");
        String id = client.frames().get(0).data(String.class);
        List<String> mine = recorder.events().stream().filter(e -> e.contains(id)).toList();
        assertThat(mine).containsExactly("connect:" + id, "message:" + id);
    }

    @Test
    void disconnectOnceWhenTheClientCloses(Clients clients) {
        GatewayTestClient client = clients.connect("/lifecycle");
        String id = welcomeId(client);
        client.close();
        recorder.await("disconnect:" + id, 1, WAIT);
        assertThat(recorder.events()).filteredOn(e -> e.startsWith("disconnect:" + id))
                .containsExactly("disconnect:" + id + ":1000:false");
    }

    @Test
    void disconnectOnceWhenTheServerCloses(Clients clients) {
        GatewayTestClient client = clients.connect("/lifecycle");
        String id = welcomeId(client);
        client.emit("kick", null);
        assertThat(client.expectClose(4000).reason()).isEqualTo("bye");
        recorder.await("disconnect:" + id, 1, WAIT);
        assertThat(recorder.count("disconnect:" + id)).isEqualTo(1);
        assertThat(recorder.events()).contains("disconnect:" + id + ":4000:false");
    }

    @Test
    void disconnectOnceWhenTheConnectionDrops(Clients clients) {
        GatewayTestClient client = clients.connect("/lifecycle");
        String id = welcomeId(client);
        client.abort();
        recorder.await("disconnect:" + id, 1, WAIT);
        assertThat(recorder.count("disconnect:" + id)).isEqualTo(1);
        assertThat(recorder.events()).contains("disconnect:" + id + ":1006:false");
    }

    @Test
    void aFailingHandleConnectionClosesWith1011BeforeAnyMessage(Clients clients) {
        GatewayTestClient client = clients.connect("/lifecycle?fail=1");
        try {
            client.sendText("{\"event\":\"greeted\",\"id\":1}");
        } catch (IllegalStateException | UncheckedIOException e) {
            // the server may have closed already: then the frame cannot even be sent, which is what this test wants
        }
        client.expectClose(1011);
        assertThat(client.frames()).isEmpty();
        assertThat(recorder.events()).noneMatch(e -> e.startsWith("message:")
                && recorder.count("connect:" + e.substring("message:".length())) == 0);
    }

    @Test
    void stoppingTheRuntimeClosesEveryClientWith1001AndDisconnectsEach() {
        GatewayRuntime own = GatewayRuntime.builder().port(0).beanClasses(LifecycleGateway.class, Recorder.class)
                .start();
        List<GatewayTestClient> clients = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                GatewayTestClient c = GatewayTestClient.connect(own.wsUri("/lifecycle"));
                clients.add(c);
                ids.add(welcomeId(c));
            }
            own.close();
            for (GatewayTestClient c : clients) {
                c.expectClose(1001);
            }
            for (String id : ids) {
                assertThat(recorder.events()).filteredOn(e -> e.startsWith("disconnect:" + id))
                        .containsExactly("disconnect:" + id + ":1001:false");
            }
            assertThat(own.connectedClients()).isZero();
        } finally {
            own.close();
            clients.forEach(GatewayTestClient::close);
        }
    }
}
