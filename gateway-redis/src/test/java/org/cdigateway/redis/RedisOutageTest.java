package org.cdigateway.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cdigateway.redis.RedisFixtures.WAIT;
import static org.cdigateway.redis.RedisFixtures.await;
import static org.cdigateway.redis.RedisFixtures.awaitReady;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.cdigateway.ConnectedSocket;
import org.cdigateway.GatewayClient;
import org.cdigateway.GatewayServer;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.junit5.RedisServer;
import org.cdigateway.junit5.client.GatewayTestClient;
import org.cdigateway.se.GatewayRuntime;
import org.junit.jupiter.api.Test;

/**
 * Redis is killed in the middle of a stream of broadcasts and started again: the emitting node's clients never miss
 * one, the other node's clients get them again within 5 s of Redis being back, and the other node counts exactly the
 * broadcasts it did not get.
 */
class RedisOutageTest {

    @WebSocketGateway("/ticker")
    public static class TickerGateway {

        @SubscribeMessage("watch")
        public boolean watch(@ConnectedSocket GatewayClient client) {
            client.join("ticks");
            return true;
        }
    }

    static GatewayRuntime node() throws Exception {
        GatewayRuntime runtime = GatewayRuntime.builder().port(0)
                .beanClasses(RedisBroadcaster.class, TickerGateway.class)
                .start();
        awaitReady(runtime);
        return runtime;
    }

    static List<Integer> ticks(GatewayTestClient c) {
        return c.frames().stream().filter(f -> "tick".equals(f.event())).map(f -> f.data(Integer.class)).toList();
    }

    @Test
    void localDeliveryGoesOnClusterDeliveryResumesWithinFiveSecondsAndTheLossIsCountedExactly() throws Exception {
        RedisServer redis = RedisServer.start();
        System.setProperty(RedisSettings.URI, redis.uri());
        System.setProperty(RedisSettings.HEARTBEAT, "200");
        GatewayRuntime a = null;
        GatewayRuntime b = null;
        ScheduledExecutorService emitter = Executors.newSingleThreadScheduledExecutor();
        try {
            a = node();
            b = node();
            RedisBroadcaster onA = a.select(RedisBroadcaster.class);
            RedisBroadcaster onB = b.select(RedisBroadcaster.class);
            await("the nodes know each other", WAIT, () -> onA.nodes().size() == 1 && onB.nodes().size() == 1);
            GatewayTestClient watcherA = GatewayTestClient.connect(a.wsUri("/ticker"));
            GatewayTestClient watcherB = GatewayTestClient.connect(b.wsUri("/ticker"));
            watcherA.request("watch", null);
            watcherB.request("watch", null);

            GatewayServer ticker = a.server(TickerGateway.class);
            AtomicInteger emitted = new AtomicInteger();
            emitter.scheduleAtFixedRate(() -> ticker.to("ticks").emit("tick", emitted.getAndIncrement()), 0, 2,
                    TimeUnit.MILLISECONDS);
            await("B's client gets the stream", WAIT, () -> ticks(watcherB).size() >= 200);

            redis.kill();
            int atKill = emitted.get();
            await("A's client gets 300 more while Redis is down", WAIT, () -> ticks(watcherA).size() >= atKill + 300);
            assertThat(onA.connected()).isFalse();
            int beforeRestart = ticks(watcherB).size();
            int emittedBeforeRestart = emitted.get();

            long restarted = System.nanoTime();
            redis.restart();
            await("B's client gets the stream again", WAIT,
                    () -> ticks(watcherB).stream().anyMatch(t -> t >= emittedBeforeRestart));
            long resumedAfter = System.nanoTime() - restarted;
            assertThat(Duration.ofNanos(resumedAfter)).isLessThan(Duration.ofSeconds(5));
            System.out.printf("cluster delivery resumed %d ms after Redis was started again%n",
                    TimeUnit.NANOSECONDS.toMillis(resumedAfter));
            int resumed = ticks(watcherB).size();
            await("B's client gets 300 more", WAIT, () -> ticks(watcherB).size() >= resumed + 300);

            emitter.shutdown();
            assertThat(emitter.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
            int total = emitted.get();
            await("A's client got every broadcast", WAIT, () -> ticks(watcherA).size() == total);
            await("B accounts for every broadcast of A", WAIT, () -> onB.received() + onB.missed() == total);
            // B counts a broadcast as it reads it from Redis, a moment before its client has the frame
            await("B's client has every broadcast B received", WAIT, () -> ticks(watcherB).size() == onB.received());

            List<Integer> gotByB = ticks(watcherB);
            assertThat(gotByB).hasSize((int) onB.received()).isSorted().doesNotHaveDuplicates();
            assertThat(onB.missed()).isPositive().isEqualTo(total - gotByB.size());
            assertThat(beforeRestart).isLessThan(total);
            assertThat(ticks(watcherA)).isSorted().hasSize(total);
            assertThat(onA.unpublished()).isPositive();
            watcherA.close();
            watcherB.close();
        } finally {
            emitter.shutdownNow();
            try {
                for (GatewayRuntime r : new GatewayRuntime[]{a, b}) {
                    if (r != null) {
                        r.close();
                    }
                }
            } finally {
                System.clearProperty(RedisSettings.URI);
                System.clearProperty(RedisSettings.HEARTBEAT);
                redis.close();
            }
        }
    }
}
