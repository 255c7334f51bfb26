package org.cdigateway.tests.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;

import org.cdigateway.ConnectedSocket;
import org.cdigateway.GatewayClient;
import org.cdigateway.MessageBody;
import org.cdigateway.OnGatewayDisconnect;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.junit5.Clients;
import org.cdigateway.junit5.GatewayTest;
import org.cdigateway.junit5.client.Frame;
import org.cdigateway.junit5.client.GatewayTestClient;
import org.cdigateway.se.GatewayRuntime;
import org.cdigateway.tests.Recorder;
import org.junit.jupiter.api.Test;

/**
 * What a silent or greedy client can hold is capped by default: heartbeats close a peer that stops answering pings,
 * and a connection's pending replies and a remote address's connections are capped, each with its own answer.
 */
@GatewayTest(classes = Recorder.class)
class HeartbeatsAndCapsTest {

    static final Duration WAIT = Duration.ofSeconds(10);

    @WebSocketGateway(value = "/beats", pingInterval = 200, pingTimeout = 2_000) // room for a loaded machine
    static class BeatsGateway implements OnGatewayDisconnect {

        @Inject
        Recorder recorder;

        @SubscribeMessage("whoami")
        public String whoami(@ConnectedSocket GatewayClient client) {
            return client.id();
        }

        @Override
        public void handleDisconnect(GatewayClient client, CloseReason reason) {
            recorder.record("beats:" + client.id() + ":" + reason.getCloseCode().getCode());
        }
    }

    @WebSocketGateway(value = "/later", maxPendingRepliesPerConnection = 2, maxConnectionsPerAddress = 3)
    static class LaterGateway {

        final List<CompletableFuture<String>> pending = new ArrayList<>();

        @SubscribeMessage("later")
        public synchronized CompletionStage<String> later(@MessageBody String text) {
            CompletableFuture<String> f = new CompletableFuture<>();
            pending.add(f);
            return f;
        }

        synchronized void completeAll() {
            pending.forEach(f -> f.complete("done"));
            pending.clear();
        }

        @SubscribeMessage("echo")
        public String echo(@MessageBody String text) {
            return text;
        }
    }

    @Test
    void aClientThatAnswersPingsStaysConnected(Clients clients) {
        GatewayTestClient client = clients.connect("/beats");
        client.awaitPings(12, WAIT); // longer than interval and timeout together
        assertThat(client.isOpen()).isTrue();
        assertThat(client.request("whoami", null).data(String.class)).isNotBlank();
    }

    @Test
    void aClientThatStopsAnsweringPingsIsDisconnectedWith1006(Clients clients, GatewayRuntime runtime) {
        GatewayTestClient client = clients.connect("/beats");
        String id = client.request("whoami", null).data(String.class);
        client.pauseReading(); // reads nothing more, so answers no ping

        Recorder recorder = runtime.select(Recorder.class);
        recorder.await("beats:" + id + ":1006", 1, WAIT);
        assertThat(runtime.server(BeatsGateway.class).client(id)).isEmpty();
        assertThat(recorder.count("beats:" + id)).isEqualTo(1);
    }

    @Test
    void repliesPendingBeyondTheCapAreRefused(Clients clients, GatewayRuntime runtime) {
        GatewayTestClient client = clients.connect("/later");
        client.sendText("{\"event\":\"later\",\"data\":\"a\",\"id\":1}");
        client.sendText("{\"event\":\"later\",\"data\":\"b\",\"id\":2}");
        client.sendText("{\"event\":\"later\",\"data\":\"c\",\"id\":3}");
        Frame refused = client.awaitFrame(WAIT);
        assertThat(refused.errorCode()).isEqualTo("LIMIT_EXCEEDED");
        assertThat(refused.idAsString()).isEqualTo("3");

        runtime.select(LaterGateway.class).completeAll();
        List<String> ids = List.of(client.awaitFrame(WAIT).idAsString(), client.awaitFrame(WAIT).idAsString());
        assertThat(ids).containsExactlyInAnyOrder("1", "2");
        client.sendText("{\"event\":\"later\",\"data\":\"d\",\"id\":4}"); // room again
        client.request("echo", "after 4"); // the server took it
        runtime.select(LaterGateway.class).completeAll();
        Frame done = client.awaitFrame(WAIT);
        assertThat(done.idAsString()).isEqualTo("4");
        assertThat(done.isError()).isFalse();
    }

    @Test
    void connectionsBeyondTheCapOfAnAddressAreClosedWith1013(Clients clients, GatewayRuntime runtime) {
        List<GatewayTestClient> three = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            three.add(clients.connect("/later"));
        }
        for (GatewayTestClient c : three) {
            // a reply shows the server counted the connection: the handshake's response leaves before the server
            // opens the connection, so a fourth could otherwise be counted before the third and the third refused
            assertThat(c.request("echo", "in").data(String.class)).isEqualTo("in");
        }
        GatewayTestClient fourth = clients.connect("/later");
        assertThat(fourth.awaitClose(WAIT).code()).isEqualTo(1013);
        for (GatewayTestClient c : three) {
            assertThat(c.request("echo", "ok").data(String.class)).isEqualTo("ok");
        }
        three.get(0).close();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (runtime.server(LaterGateway.class).clients().size() > 2 && System.nanoTime() < deadline) {
            Thread.onSpinWait(); // until the server ran the disconnect
        }
        GatewayTestClient again = clients.connect("/later");
        assertThat(again.request("echo", "ok").data(String.class)).isEqualTo("ok");
    }
}
