package org.cdigateway.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;

import org.cdigateway.ConnectedSocket;
import org.cdigateway.GatewayClient;
import org.cdigateway.MessageBody;
import org.cdigateway.OnGatewayConnection;
import org.cdigateway.OnGatewayDisconnect;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.junit5.Clients;
import org.cdigateway.junit5.GatewayTest;
import org.cdigateway.junit5.client.Frame;
import org.cdigateway.junit5.client.GatewayTestClient;
import org.cdigateway.se.GatewayRuntime;
import org.junit.jupiter.api.Test;

/** Connection churn leaves nothing behind, and concurrent clients only ever get their own replies. */
@GatewayTest(classes = Recorder.class)
class ConnectionsAtScaleTest {

    static final Duration WAIT = Duration.ofSeconds(10);

    @WebSocketGateway("/scale")
    static class ScaleGateway implements OnGatewayConnection, OnGatewayDisconnect {

        @Inject
        Recorder recorder;

        @Override
        public void handleConnection(GatewayClient client) {
            client.setAttribute("payload", new byte[1024]);
            recorder.record("scale-connect");
        }

        @Override
        public void handleDisconnect(GatewayClient client, CloseReason reason) {
            recorder.record("scale-disconnect");
        }

        @SubscribeMessage("echo")
        public String echo(@MessageBody String text, @ConnectedSocket GatewayClient client) {
            return text;
        }
    }

    @Test
    void twoThousandConnectDisconnectCyclesLeaveNoStateBehind(Clients clients, GatewayRuntime runtime) {
        Recorder recorder = runtime.select(Recorder.class);
        long connectsBefore = recorder.count("scale-connect");
        long disconnectsBefore = recorder.count("scale-disconnect");
        int cycles = 2000;
        for (int i = 0; i < cycles; i++) {
            GatewayTestClient client = clients.connect("/scale");
            if (i % 100 == 0) {
                assertThat(client.request("echo", "cycle " + i).data(String.class)).isEqualTo("cycle " + i);
            }
            client.close();
            clients.forget(client);
        }
        recorder.await("scale-disconnect", disconnectsBefore + cycles, WAIT);
        assertThat(recorder.count("scale-connect") - connectsBefore).isEqualTo(cycles);
        assertThat(recorder.count("scale-disconnect") - disconnectsBefore).isEqualTo(cycles);
        assertThat(runtime.server(ScaleGateway.class).clientCount()).isZero();
        assertThat(runtime.server(ScaleGateway.class).clients()).isEmpty();
        assertThat(runtime.connectedClients()).isZero();
    }

    @Test
    void fiftyConcurrentClientsGetOnlyTheirOwnReplies(Clients clients) throws Exception {
        int clientCount = 50;
        int messages = 40;
        List<GatewayTestClient> connected = new ArrayList<>();
        for (int c = 0; c < clientCount; c++) {
            connected.add(clients.connect("/scale"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(clientCount);
        try {
            List<Future<Void>> done = new ArrayList<>();
            for (int c = 0; c < clientCount; c++) {
                GatewayTestClient client = connected.get(c);
                String prefix = "client-" + c + "-";
                done.add(pool.submit((Callable<Void>) () -> {
                    for (int m = 0; m < messages; m++) {
                        Frame reply = client.request("echo", prefix + m);
                        assertThat(reply.data(String.class)).isEqualTo(prefix + m);
                    }
                    return null;
                }));
            }
            for (Future<Void> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        for (int c = 0; c < clientCount; c++) {
            String prefix = "client-" + c + "-";
            List<Frame> frames = connected.get(c).frames();
            assertThat(frames).hasSize(messages);
            assertThat(frames).allSatisfy(f -> assertThat(f.data(String.class)).startsWith(prefix));
        }
    }
}
