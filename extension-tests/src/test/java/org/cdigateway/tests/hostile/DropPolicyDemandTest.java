package org.cdigateway.tests.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.cdigateway.MessageBody;
import org.cdigateway.SlowConsumer;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.junit5.Clients;
import org.cdigateway.junit5.GatewayTest;
import org.cdigateway.junit5.client.GatewayTestClient;
import org.cdigateway.se.GatewayRuntime;
import org.junit.jupiter.api.Test;

/**
 * Under the drop policies a stream to a client that does not read is pulled only as fast as frames are written, not
 * as fast as they are dropped.
 */
@GatewayTest
class DropPolicyDemandTest {

    static final int ITEMS = 200_000;

    @ApplicationScoped
    static class Demand {

        private final AtomicLong requested = new AtomicLong();

        AtomicLong requested() {
            return requested;
        }
    }

    @WebSocketGateway(value = "/drop-newest", slowConsumer = SlowConsumer.DROP_NEWEST, maxQueuedFrames = 4)
    static class NewestGateway {

        @Inject
        Demand demand;

        @SubscribeMessage("big")
        public Flow.Publisher<String> big(@MessageBody int n) {
            return endless(demand);
        }
    }

    @WebSocketGateway(value = "/drop-oldest", slowConsumer = SlowConsumer.DROP_OLDEST, maxQueuedFrames = 4)
    static class OldestGateway {

        @Inject
        Demand demand;

        @SubscribeMessage("big")
        public Flow.Publisher<String> big(@MessageBody int n) {
            return endless(demand);
        }
    }

    /** Publishes items of 2 KB on a pool thread, as many as asked for, up to ITEMS. */
    static Flow.Publisher<String> endless(Demand demand) {
        String item = "x".repeat(2048);
        return subscriber -> subscriber.onSubscribe(new Flow.Subscription() {

            long sent;
            long owed;
            boolean running;
            volatile boolean cancelled;

            @Override
            public void request(long n) {
                demand.requested().addAndGet(n);
                synchronized (this) {
                    owed += n;
                    if (running) {
                        return;
                    }
                    running = true;
                }
                CompletableFuture.runAsync(() -> {
                    while (true) {
                        synchronized (this) {
                            if (cancelled || owed == 0 || sent >= ITEMS) {
                                running = false;
                                return;
                            }
                            owed--;
                            sent++;
                        }
                        subscriber.onNext(item);
                    }
                });
            }

            @Override
            public void cancel() {
                cancelled = true;
            }
        });
    }

    @Test
    void dropNewestPullsNoFasterThanTheClientReads(Clients clients, GatewayRuntime runtime) {
        assertDemandStalls(clients.connect("/drop-newest"), runtime.select(Demand.class));
    }

    @Test
    void dropOldestPullsNoFasterThanTheClientReads(Clients clients, GatewayRuntime runtime) {
        assertDemandStalls(clients.connect("/drop-oldest"), runtime.select(Demand.class));
    }

    private static void assertDemandStalls(GatewayTestClient client, Demand demand) {
        demand.requested().set(0);
        client.pauseReading();
        client.stream("big", 0);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        long previous = -1;
        long current = demand.requested().get();
        while (current != previous && current < ITEMS && System.nanoTime() < deadline) {
            previous = current;
            LockSupport.parkNanos(300_000_000); // until demand stops growing for 300 ms
            current = demand.requested().get();
        }
        // the socket buffers take a few hundred 2 KB frames; the rest waits for the reader
        assertThat(current).isLessThan(ITEMS / 10);
        client.abort();
    }
}
