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
import org.cdigateway.SlowConsumer;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.internal.client.OutboundQueue;
import org.cdigateway.internal.client.SessionClient;
import org.cdigateway.junit5.Clients;
import org.cdigateway.junit5.GatewayTest;
import org.cdigateway.junit5.client.GatewayTestClient;
import org.cdigateway.se.GatewayRuntime;
import org.junit.jupiter.api.Test;

/**
 * A client that stops reading never delays the others and never holds more than its outbound buffer: the default
 * policy closes it with 1013, the drop policies keep it and count what it missed.
 *
 * <p>
 * The kernel's socket buffers absorb about 4 MB per connection on a Linux machine before the gateway's own buffer sees
 * any back-pressure. So that the 200 others need not receive gigabytes, the slow client also follows a private feed
 * (8 MB in all) next to the room's broadcast.
 */
@GatewayTest
class SlowConsumerTest {

    static final int OTHERS = 200;
    static final int FRAMES = 500;
    static final int PRIVATE_PER_TICK = 4;
    static final int MAX_FRAMES = 32;
    static final long MAX_BYTES = 64 * 1024;
    static final String PAYLOAD = "x".repeat(500);
    static final String PRIVATE = "p".repeat(4000);
    static final Duration WAIT = Duration.ofSeconds(30);

    // tag::policy[]
    @WebSocketGateway(value = "/feed", maxQueuedFrames = MAX_FRAMES, maxQueuedBytes = MAX_BYTES)
    static class ClosingFeed extends Feed {}

    @WebSocketGateway(value = "/latest", slowConsumer = SlowConsumer.DROP_OLDEST, maxQueuedFrames = MAX_FRAMES, maxQueuedBytes = MAX_BYTES)
    static class DroppingFeed extends Feed {}
    // end::policy[]

    public static class Feed {

        @SubscribeMessage("subscribe")
        public String subscribe(@ConnectedSocket GatewayClient client) {
            client.join("ticks");
            return client.id();
        }
    }

    /** What the test reads of the slow client's buffer while the broadcast runs. */
    static final class Watch {

        int maxFrames;
        long maxBytes;

        void look(OutboundQueue q) {
            maxFrames = Math.max(maxFrames, q.queuedFrames());
            maxBytes = Math.max(maxBytes, q.queuedBytes());
        }
    }

    @Test
    void theDefaultClosesTheSlowClientWith1013AndTheOthersGetEverything(Clients clients, GatewayRuntime runtime)
            throws Exception {
        var server = runtime.server(ClosingFeed.class);
        List<GatewayTestClient> others = connectOthers(clients, "/feed");
        GatewayTestClient slow = clients.connect("/feed");
        String slowId = slow.request("subscribe", null).data(String.class);
        OutboundQueue slowQueue = ((SessionClient) server.client(slowId).orElseThrow()).outbound();
        slow.pauseReading();

        Watch watch = new Watch();
        for (int i = 0; i < FRAMES; i++) {
            server.to("ticks").emit("tick", i + ":" + PAYLOAD);
            for (int p = 0; p < PRIVATE_PER_TICK; p++) {
                server.to(slowId).emit("private", PRIVATE);
            }
            watch.look(slowQueue);
        }

        // the server let go of it at once; the close frame waits behind what the kernel already buffered
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (server.client(slowId).isPresent() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(1_000_000); // polls until the disconnect ran
        }
        assertThat(server.client(slowId)).isEmpty();
        assertThat(slowQueue.queuedFrames()).isZero();
        slow.resumeReading();
        assertThat(slow.awaitClose(WAIT).code()).isEqualTo(1013);
        assertThat(watch.maxFrames).isLessThanOrEqualTo(MAX_FRAMES);
        assertThat(watch.maxBytes).isLessThanOrEqualTo(MAX_BYTES);
        assertEveryoneGotEverything(others);
    }

    @Test
    void aDroppingGatewayKeepsTheSlowClientAndCountsWhatItMissed(Clients clients, GatewayRuntime runtime)
            throws Exception {
        var server = runtime.server(DroppingFeed.class);
        List<GatewayTestClient> others = connectOthers(clients, "/latest");
        GatewayTestClient slow = clients.connect("/latest");
        String slowId = slow.request("subscribe", null).data(String.class);
        SessionClient slowClient = (SessionClient) server.client(slowId).orElseThrow();
        slow.pauseReading();

        Watch watch = new Watch();
        for (int i = 0; i < FRAMES; i++) {
            server.to("ticks").emit("tick", i + ":" + PAYLOAD);
            for (int p = 0; p < PRIVATE_PER_TICK; p++) {
                server.to(slowId).emit("private", PRIVATE);
            }
            watch.look(slowClient.outbound());
        }
        server.to("ticks").emit("end", null);
        assertEveryoneGotEverything(others);

        assertThat(slowClient.droppedFrames()).isPositive();
        assertThat(watch.maxFrames).isLessThanOrEqualTo(MAX_FRAMES);
        assertThat(watch.maxBytes).isLessThanOrEqualTo(MAX_BYTES);
        assertThat(slow.isOpen()).isTrue();

        // reading again, it gets what was kept, the newest last: each frame sent was either received or dropped
        slow.resumeReading();
        int received = 0;
        String event;
        do {
            event = slow.awaitFrame(WAIT).event();
            received++;
        } while (!"end".equals(event));
        assertThat(received + slowClient.droppedFrames()).isEqualTo(FRAMES * (1 + PRIVATE_PER_TICK) + 1L);
    }

    private static List<GatewayTestClient> connectOthers(Clients clients, String path) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<GatewayTestClient>> connecting = new ArrayList<>();
            for (int i = 0; i < OTHERS; i++) {
                connecting.add(pool.submit(() -> {
                    GatewayTestClient c = clients.connect(path);
                    c.request("subscribe", null);
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

    private static void assertEveryoneGotEverything(List<GatewayTestClient> others) {
        for (GatewayTestClient c : others) {
            for (int i = 0; i < FRAMES; i++) {
                String tick = c.awaitEvent("tick", WAIT).data(String.class);
                assertThat(tick).startsWith(i + ":");
            }
        }
    }
}
