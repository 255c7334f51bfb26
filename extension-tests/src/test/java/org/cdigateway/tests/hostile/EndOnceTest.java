package org.cdigateway.tests.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.websocket.CloseReason;

import org.cdigateway.ConnectedSocket;
import org.cdigateway.GatewayClient;
import org.cdigateway.MessageBody;
import org.cdigateway.OnGatewayDisconnect;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.junit5.client.GatewayTestClient;
import org.cdigateway.se.GatewayRuntime;
import org.junit.jupiter.api.Test;

/**
 * A connection ends once, whichever paths race to end it: the client's close against the server's shutdown, a
 * dropped connection against a failing send. Each accepted connection gets exactly one handleDisconnect.
 */
class EndOnceTest {

    static final Duration WAIT = Duration.ofSeconds(20);
    static final Map<String, AtomicInteger> DISCONNECTS = new ConcurrentHashMap<>();

    @WebSocketGateway(value = "/end", pingInterval = 0)
    static class EndGateway implements OnGatewayDisconnect {

        @SubscribeMessage("whoami")
        public String whoami(@ConnectedSocket GatewayClient client) {
            return client.id();
        }

        /** Frames as fast as the socket takes them, until the client is gone. */
        @SubscribeMessage("firehose")
        public Flow.Publisher<String> firehose(@MessageBody int size) {
            SubmissionPublisher<String> p = new SubmissionPublisher<>();
            Thread t = new Thread(() -> {
                String item = "y".repeat(size);
                for (int i = 0; i < 1_000_000 && !p.isClosed(); i++) {
                    if (p.submit(item) < 0 || p.getNumberOfSubscribers() == 0 && i > 0) {
                        break;
                    }
                }
                p.close();
            });
            t.setDaemon(true);
            t.start();
            return p;
        }

        @Override
        public void handleDisconnect(GatewayClient client, CloseReason reason) {
            DISCONNECTS.computeIfAbsent(client.id(), id -> new AtomicInteger()).incrementAndGet();
        }
    }

    @Test
    void closesRacingTheShutdownEndEachConnectionOnce() throws Exception {
        DISCONNECTS.clear();
        GatewayRuntime runtime = GatewayRuntime.builder().port(0).beanClasses(EndGateway.class).start();
        List<String> ids = new ArrayList<>();
        List<GatewayTestClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 60; i++) {
                GatewayTestClient c = GatewayTestClient.connect(runtime.wsUri("/end"));
                ids.add(c.request("whoami", null).data(String.class));
                clients.add(c);
            }
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> closers = new ArrayList<>();
            for (int i = 0; i < clients.size(); i++) {
                GatewayTestClient c = clients.get(i);
                boolean abort = i % 2 == 0;
                Thread t = new Thread(() -> {
                    try {
                        go.await();
                        if (abort) {
                            c.abort();
                        } else {
                            c.close();
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                t.start();
                closers.add(t);
            }
            go.countDown();
            runtime.close(); // races the closes
            for (Thread t : closers) {
                t.join(WAIT.toMillis());
            }
        } finally {
            runtime.close();
        }
        for (String id : ids) {
            assertThat(DISCONNECTS.get(id)).as("disconnects of " + id).isNotNull().hasValue(1);
        }
    }

    @Test
    void aDroppedConnectionRacingAFailingSendEndsOnce() throws Exception {
        DISCONNECTS.clear();
        GatewayRuntime runtime = GatewayRuntime.builder().port(0).beanClasses(EndGateway.class).start();
        try {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                GatewayTestClient c = GatewayTestClient.connect(runtime.wsUri("/end"));
                ids.add(c.request("whoami", null).data(String.class));
                c.stream("firehose", 4096);
                c.awaitFrame(WAIT); // the firehose runs
                c.abort(); // the server's sends now fail while the container notices the drop
            }
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (runtime.connectedClients() > 0 && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(10); // polling the server's count until the drops were noticed
            }
            assertThat(runtime.connectedClients()).isZero();
            for (String id : ids) {
                assertThat(DISCONNECTS.get(id)).as("disconnects of " + id).isNotNull().hasValue(1);
            }
        } finally {
            runtime.close();
        }
    }
}
