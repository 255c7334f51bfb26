package org.cdigateway.tests.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.websocket.CloseReason;

import org.cdigateway.CanActivateAsync;
import org.cdigateway.ConnectedSocket;
import org.cdigateway.ExecutionContext;
import org.cdigateway.GatewayClient;
import org.cdigateway.MessageBody;
import org.cdigateway.OnGatewayConnection;
import org.cdigateway.OnGatewayDisconnect;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.UseGuards;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.junit5.client.GatewayTestClient;
import org.cdigateway.se.GatewayRuntime;
import org.junit.jupiter.api.Test;

/**
 * Shutdown stops accepting, closes everyone with 1001 (connections whose guards are still deciding too), runs each
 * handleDisconnect once, and dispatches nothing after it.
 */
class ShutdownOrderTest {

    static final Duration WAIT = Duration.ofSeconds(10);

    /** What happened, in order; static so it outlives the runtime. */
    static final List<String> EVENTS = new CopyOnWriteArrayList<>();

    @ApplicationScoped
    static class NeverGuard implements CanActivateAsync {

        @Override
        public CompletionStage<Boolean> canActivate(ExecutionContext context) {
            return new CompletableFuture<>(); // still deciding when the server stops
        }
    }

    @WebSocketGateway(value = "/undecided", guardTimeout = 600_000)
    @UseGuards(NeverGuard.class)
    static class UndecidedGateway implements OnGatewayConnection, OnGatewayDisconnect {

        @Override
        public void handleConnection(GatewayClient client) {
            EVENTS.add("undecided-connect:" + client.id());
        }

        @Override
        public void handleDisconnect(GatewayClient client, CloseReason reason) {
            EVENTS.add("undecided-disconnect:" + client.id());
        }
    }

    @WebSocketGateway(value = "/busy", maxWaitingMessages = 1_000_000)
    static class BusyGateway implements OnGatewayConnection, OnGatewayDisconnect {

        @Override
        public void handleConnection(GatewayClient client) {
            EVENTS.add("connect:" + client.id());
        }

        @SubscribeMessage("work")
        public void work(@MessageBody int n, @ConnectedSocket GatewayClient client) {
            EVENTS.add("message:" + client.id());
        }

        @SubscribeMessage("whoami")
        public String whoami(@ConnectedSocket GatewayClient client) {
            return client.id();
        }

        @Override
        public void handleDisconnect(GatewayClient client, CloseReason reason) {
            EVENTS.add("disconnect:" + client.id() + ":" + reason.getCloseCode().getCode());
        }
    }

    @Test
    void shutdownClosesEveryoneOnceAndDispatchesNothingAfterTheDisconnect() throws Exception {
        EVENTS.clear();
        GatewayRuntime runtime = GatewayRuntime.builder().port(0)
                .beanClasses(NeverGuard.class, UndecidedGateway.class, BusyGateway.class).start();
        List<GatewayTestClient> undecided = new ArrayList<>();
        List<GatewayTestClient> busy = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        List<Thread> senders = new ArrayList<>();
        CountDownLatch sending = new CountDownLatch(5);
        try {
            for (int i = 0; i < 3; i++) {
                undecided.add(GatewayTestClient.connect(runtime.wsUri("/undecided")));
            }
            for (int i = 0; i < 5; i++) {
                GatewayTestClient c = GatewayTestClient.connect(runtime.wsUri("/busy"));
                ids.add(c.request("whoami", null).data(String.class));
                busy.add(c);
                Thread t = new Thread(() -> {
                    sending.countDown();
                    for (int n = 0; n < 100_000 && c.isOpen(); n++) {
                        try {
                            c.sendText("{\"event\":\"work\",\"data\":" + n + "}");
                        } catch (RuntimeException | AssertionError e) {
                            return; // closed under us: expected
                        }
                    }
                });
                t.setDaemon(true);
                t.start();
                senders.add(t);
            }
            assertThat(sending.await(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            runtime.close();
        }
        java.net.URI stopped = runtime.wsUri("/busy");
        for (GatewayTestClient c : undecided) {
            assertThat(c.awaitClose(WAIT).code()).isEqualTo(1001);
        }
        for (GatewayTestClient c : busy) {
            // a client that is writing when the server closes may see its connection end before the close frame
            assertThat(c.awaitClose(WAIT).code()).isIn(1001, GatewayTestClient.ABNORMAL_CLOSURE);
        }
        for (Thread t : senders) {
            t.join(WAIT.toMillis());
        }
        assertThat(EVENTS).noneMatch(e -> e.startsWith("undecided-"));
        for (String id : ids) {
            List<String> mine = EVENTS.stream().filter(e -> e.contains(":" + id)).toList();
            assertThat(mine.stream().filter(e -> e.startsWith("disconnect:"))).containsExactly("disconnect:" + id
                    + ":1001");
            int disconnect = mine.indexOf("disconnect:" + id + ":1001");
            assertThat(mine.subList(disconnect + 1, mine.size())).as("dispatched after the disconnect").isEmpty();
            assertThat(mine.get(0)).isEqualTo("connect:" + id);
        }
        assertThatThrownBy(() -> GatewayTestClient.connect(stopped)).isNotNull();
    }
}
