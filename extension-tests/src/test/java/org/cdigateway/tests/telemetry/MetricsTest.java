package org.cdigateway.tests.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;

import org.cdigateway.CanActivate;
import org.cdigateway.ConnectedSocket;
import org.cdigateway.ExecutionContext;
import org.cdigateway.GatewayClient;
import org.cdigateway.SlowConsumer;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.UseGuards;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.internal.client.SessionClient;
import org.cdigateway.junit5.Clients;
import org.cdigateway.junit5.GatewayTest;
import org.cdigateway.junit5.client.Frame;
import org.cdigateway.junit5.client.GatewayTestClient;
import org.cdigateway.se.GatewayRuntime;
import org.cdigateway.spi.Broadcast;
import org.cdigateway.spi.Broadcaster;
import org.cdigateway.spi.LocalDelivery;
import org.junit.jupiter.api.Test;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;

/**
 * The gateway's OpenTelemetry metrics, read from an in-memory SDK the application hands over as a CDI bean: each moves
 * by exactly what real clients did over real sockets. The SDK is shared by the tests, which compare before and after.
 */
@GatewayTest
class MetricsTest {

    static final InMemoryMetricReader READER = InMemoryMetricReader.create();
    static final OpenTelemetrySdk SDK = OpenTelemetrySdk.builder()
            .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(READER).build())
            .build();
    static final Duration WAIT = Duration.ofSeconds(30);

    static final AttributeKey<String> GATEWAY = AttributeKey.stringKey("cdigateway.gateway");
    static final AttributeKey<String> EVENT = AttributeKey.stringKey("cdigateway.event");
    static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("cdigateway.outcome");
    static final AttributeKey<Long> CLOSE_CODE = AttributeKey.longKey("cdigateway.close_code");
    static final AttributeKey<String> PHASE = AttributeKey.stringKey("cdigateway.phase");

    // tag::bean[]
    /** The application's OpenTelemetry, as a bean: the gateway records into it (else into GlobalOpenTelemetry). */
    public static class TelemetryProducer {

        @Produces
        @Singleton
        OpenTelemetry openTelemetry() {
            return SDK; // built by the application: its readers and exporters
        }
    }
    // end::bean[]

    public record Item(@NotBlank String name, @Positive int quantity) {}

    /** The application's broadcaster: this node only, with the cluster counts a broker-backed one would keep. */
    @jakarta.enterprise.context.ApplicationScoped
    public static class CountingBroadcaster implements Broadcaster {

        final AtomicLong unpublished = new AtomicLong();
        final AtomicLong missed = new AtomicLong();
        private volatile LocalDelivery local;

        @Override
        public void start(LocalDelivery local) {
            this.local = local;
        }

        @Override
        public void broadcast(Broadcast broadcast) {
            local.deliver(broadcast);
        }

        /** What a broker outage would count: this node's broadcasts not published, the others' not received. */
        public void lose(long notPublished, long notReceived) {
            unpublished.addAndGet(notPublished);
            missed.addAndGet(notReceived);
        }

        @Override
        public long unpublished() {
            return unpublished.get();
        }

        @Override
        public long missed() {
            return missed.get();
        }
    }

    public static class DenyGuard implements CanActivate {

        @Override
        public boolean canActivate(ExecutionContext context) {
            return false;
        }
    }

    @WebSocketGateway("/metered")
    public static class MeteredGateway {

        @SubscribeMessage("id")
        public String id(@ConnectedSocket GatewayClient client) {
            return client.id();
        }

        @SubscribeMessage("echo")
        public String echo(String text) {
            return text;
        }

        @SubscribeMessage("slow")
        public String slow(int millis) throws InterruptedException {
            Thread.sleep(millis);
            return "done";
        }

        @SubscribeMessage("order")
        public int order(@Valid Item item) {
            return item.quantity();
        }

        @SubscribeMessage("fail")
        public String fail() {
            throw new IllegalStateException("fails on purpose");
        }

        @SubscribeMessage("join")
        public String join(String room, @ConnectedSocket GatewayClient client) {
            client.join(room);
            return room;
        }

        @SubscribeMessage("numbers")
        public Flow.Publisher<Integer> numbers(int n) {
            SubmissionPublisher<Integer> publisher = new SubmissionPublisher<>();
            if (n >= 0) {
                CompletableFuture.runAsync(() -> {
                    for (int i = 0; i < n; i++) {
                        publisher.submit(i);
                    }
                    publisher.close();
                });
            }
            return publisher; // n < 0: runs until cancelled
        }

        @UseGuards(DenyGuard.class)
        @SubscribeMessage("secret")
        public String secret() {
            return "secret";
        }
    }

    @WebSocketGateway("/refusing")
    @UseGuards(DenyGuard.class)
    public static class RefusingGateway {

        @SubscribeMessage("id")
        public String id(@ConnectedSocket GatewayClient client) {
            return client.id();
        }
    }

    @WebSocketGateway(value = "/dropping", slowConsumer = SlowConsumer.DROP_NEWEST, maxQueuedFrames = 8, maxQueuedBytes = 64
            * 1024)
    public static class DroppingGateway {

        @SubscribeMessage("id")
        public String id(@ConnectedSocket GatewayClient client) {
            return client.id();
        }
    }

    @WebSocketGateway(value = "/closing", maxQueuedFrames = 8, maxQueuedBytes = 64 * 1024)
    public static class ClosingGateway {

        @SubscribeMessage("id")
        public String id(@ConnectedSocket GatewayClient client) {
            return client.id();
        }
    }

    @Test
    void connectionsGoUpAndDownAndClosesCountByCode(Clients clients) {
        Attributes gw = Attributes.of(GATEWAY, "/metered");
        Attributes normal = Attributes.of(GATEWAY, "/metered", CLOSE_CODE, 1000L);
        long active = sum("cdigateway.active_connections", gw);
        long opened = sum("cdigateway.opened.connections", gw);
        long closed = sum("cdigateway.closed.connections", normal);

        GatewayTestClient a = clients.connect("/metered");
        GatewayTestClient b = clients.connect("/metered");
        a.request("id", null);
        b.request("id", null);
        assertThat(sum("cdigateway.active_connections", gw)).isEqualTo(active + 2);
        assertThat(sum("cdigateway.opened.connections", gw)).isEqualTo(opened + 2);

        a.close();
        awaitValue(() -> sum("cdigateway.active_connections", gw), active + 1);
        awaitValue(() -> sum("cdigateway.closed.connections", normal), closed + 1);
        b.close();
        awaitValue(() -> sum("cdigateway.active_connections", gw), active);
        awaitValue(() -> sum("cdigateway.closed.connections", normal), closed + 2);
        assertThat(sum("cdigateway.opened.connections", gw)).isEqualTo(opened + 2);
    }

    @Test
    void messagesCountByEventAndOutcome(Clients clients) {
        Attributes echoOk = received("echo", "ok");
        Attributes invalid = received("order", "VALIDATION_FAILED");
        Attributes orderOk = received("order", "ok");
        Attributes internal = received("fail", "INTERNAL");
        Attributes unknown = Attributes.of(GATEWAY, "/metered", OUTCOME, "UNKNOWN_EVENT");
        Attributes bad = Attributes.of(GATEWAY, "/metered", OUTCOME, "BAD_FRAME");
        long[] before = {sum("cdigateway.received.messages", echoOk), sum("cdigateway.received.messages", invalid),
                sum("cdigateway.received.messages", orderOk), sum("cdigateway.received.messages", internal),
                sum("cdigateway.received.messages", unknown), sum("cdigateway.received.messages", bad)};

        GatewayTestClient c = clients.connect("/metered");
        c.request("echo", "one");
        c.request("echo", "two");
        assertThat(c.request("order", new Item("", 1)).errorCode()).isEqualTo("VALIDATION_FAILED");
        c.request("order", new Item("pen", 2));
        assertThat(c.request("fail", null).errorCode()).isEqualTo("INTERNAL");
        assertThat(c.request("no-such-event", null).errorCode()).isEqualTo("UNKNOWN_EVENT");
        c.sendText("not a frame");
        assertThat(c.awaitFrame(WAIT).errorCode()).isEqualTo("BAD_FRAME");

        awaitValue(() -> sum("cdigateway.received.messages", echoOk), before[0] + 2);
        awaitValue(() -> sum("cdigateway.received.messages", invalid), before[1] + 1);
        awaitValue(() -> sum("cdigateway.received.messages", orderOk), before[2] + 1);
        awaitValue(() -> sum("cdigateway.received.messages", internal), before[3] + 1);
        awaitValue(() -> sum("cdigateway.received.messages", unknown), before[4] + 1);
        awaitValue(() -> sum("cdigateway.received.messages", bad), before[5] + 1);
    }

    @Test
    void aHandlersDurationIsRecordedWithItsEvent(Clients clients) {
        Attributes slow = Attributes.builder().put(GATEWAY, "/metered").put(EVENT, "slow")
                .put("messaging.system", "cdigateway").put("messaging.operation.name", "process").build();
        HistogramPointData before = histogram("messaging.process.duration", slow);
        long count = before == null ? 0 : before.getCount();
        double total = before == null ? 0 : before.getSum();

        GatewayTestClient c = clients.connect("/metered");
        assertThat(c.request("slow", 120).data(String.class)).isEqualTo("done");

        HistogramPointData after = histogram("messaging.process.duration", slow);
        assertThat(after).isNotNull();
        assertThat(after.getCount()).isEqualTo(count + 1);
        assertThat(after.getSum() - total).isBetween(0.12, 10.0); // seconds
        MetricData metric = metric("messaging.process.duration");
        assertThat(metric.getUnit()).isEqualTo("s");
    }

    @Test
    void aGuardRefusalCounts(Clients clients) {
        Attributes refusal = Attributes.of(GATEWAY, "/metered", PHASE, "message");
        Attributes forbidden = received("secret", "FORBIDDEN");
        long refusals = sum("cdigateway.guard.refusals", refusal);
        long messages = sum("cdigateway.received.messages", forbidden);

        GatewayTestClient c = clients.connect("/metered");
        assertThat(c.request("secret", null).errorCode()).isEqualTo("FORBIDDEN");
        assertThat(c.request("secret", null).errorCode()).isEqualTo("FORBIDDEN");

        awaitValue(() -> sum("cdigateway.guard.refusals", refusal), refusals + 2);
        awaitValue(() -> sum("cdigateway.received.messages", forbidden), messages + 2);
    }

    @Test
    void aConnectionRefusalCountsAndTheConnectionNeverOpens(Clients clients) {
        Attributes gw = Attributes.of(GATEWAY, "/refusing");
        Attributes refusal = Attributes.of(GATEWAY, "/refusing", PHASE, "connection");
        long refusals = sum("cdigateway.guard.refusals", refusal);

        clients.connect("/refusing").expectClose(4403);
        clients.connect("/refusing").expectClose(4403);

        awaitValue(() -> sum("cdigateway.guard.refusals", refusal), refusals + 2);
        assertThat(sum("cdigateway.opened.connections", gw)).isZero();
        assertThat(sum("cdigateway.active_connections", gw)).isZero();
        assertThat(sum("cdigateway.closed.connections", Attributes.of(GATEWAY, "/refusing", CLOSE_CODE, 4403L)))
                .isZero();
    }

    @Test
    void framesAndBytesOutCount(Clients clients, GatewayRuntime runtime) {
        Attributes gw = Attributes.of(GATEWAY, "/metered");
        GatewayTestClient c = clients.connect("/metered");
        String id = c.request("id", null).data(String.class);
        long frames = sum("cdigateway.sent.frames", gw);
        long bytes = sum("cdigateway.sent.bytes", gw);

        runtime.server(MeteredGateway.class).to(id).emit("news", "caf\u00e9 \u20ac"); // 2- and 3-byte characters
        Frame news = c.awaitEvent("news", WAIT);

        awaitValue(() -> sum("cdigateway.sent.frames", gw), frames + 1);
        assertThat(sum("cdigateway.sent.bytes", gw) - bytes)
                .isEqualTo(news.raw().getBytes(StandardCharsets.UTF_8).length);
        assertThat(metric("cdigateway.sent.bytes").getUnit()).isEqualTo("By");
    }

    @Test
    void droppedFramesCountAndEveryOtherFrameWasSent(Clients clients, GatewayRuntime runtime) {
        Attributes gw = Attributes.of(GATEWAY, "/dropping");
        GatewayTestClient slow = clients.connect("/dropping");
        String id = slow.request("id", null).data(String.class);
        var server = runtime.server(DroppingGateway.class);
        SessionClient client = (SessionClient) server.client(id).orElseThrow();
        long dropped = sum("cdigateway.dropped.frames", gw);
        long sent = sum("cdigateway.sent.frames", gw);
        slow.pauseReading();

        int frames = 3_000; // 12 MB: more than the kernel's socket buffers take
        String payload = "p".repeat(4_000);
        for (int i = 0; i < frames; i++) {
            server.to(id).emit("private", payload);
        }
        assertThat(client.droppedFrames()).isPositive();
        assertThat(sum("cdigateway.dropped.frames", gw) - dropped).isEqualTo(client.droppedFrames());

        slow.resumeReading();
        long expectedSent = sent + frames - client.droppedFrames();
        awaitValue(() -> client.outbound().queuedFrames() == 0 ? sum("cdigateway.sent.frames", gw) : -1,
                expectedSent);
        assertThat(slow.isOpen()).isTrue();
    }

    @Test
    void aSlowConsumerCloseCounts(Clients clients, GatewayRuntime runtime) {
        Attributes gw = Attributes.of(GATEWAY, "/closing");
        GatewayTestClient slow = clients.connect("/closing");
        String id = slow.request("id", null).data(String.class);
        var server = runtime.server(ClosingGateway.class);
        long closes = sum("cdigateway.slow_consumer.closes", gw);
        long active = sum("cdigateway.active_connections", gw);
        Attributes closedSlow = Attributes.of(GATEWAY, "/closing", CLOSE_CODE, 1013L);
        long closed = sum("cdigateway.closed.connections", closedSlow);
        slow.pauseReading();

        String payload = "p".repeat(4_000);
        for (int i = 0; i < 5_000 && server.client(id).isPresent(); i++) {
            server.to(id).emit("private", payload);
        }
        awaitValue(() -> server.client(id).isPresent() ? -1 : sum("cdigateway.slow_consumer.closes", gw),
                closes + 1);
        awaitValue(() -> sum("cdigateway.active_connections", gw), active - 1);
        awaitValue(() -> sum("cdigateway.closed.connections", closedSlow), closed + 1);
        slow.resumeReading();
        assertThat(slow.awaitClose(WAIT).code()).isEqualTo(1013);
    }

    @Test
    void streamsCountWhileTheyRunAndByHowTheyEnded(Clients clients) {
        Attributes gw = Attributes.of(GATEWAY, "/metered");
        Attributes completed = Attributes.of(GATEWAY, "/metered", OUTCOME, "completed");
        Attributes cancelled = Attributes.of(GATEWAY, "/metered", OUTCOME, "cancelled");
        long active = sum("cdigateway.active_streams", gw);
        long completedBefore = sum("cdigateway.ended.streams", completed);
        long cancelledBefore = sum("cdigateway.ended.streams", cancelled);

        GatewayTestClient c = clients.connect("/metered");
        String endless = c.stream("numbers", -1);
        String three = c.stream("numbers", 3);
        while (!c.awaitStreamFrame(three, WAIT).isEnd()) {
            // the three items
        }
        awaitValue(() -> sum("cdigateway.ended.streams", completed), completedBefore + 1);
        awaitValue(() -> sum("cdigateway.active_streams", gw), active + 1); // the endless one
        c.cancel("numbers", endless);
        awaitValue(() -> sum("cdigateway.ended.streams", cancelled), cancelledBefore + 1);
        awaitValue(() -> sum("cdigateway.active_streams", gw), active);
    }

    @Test
    void broadcastDeliveriesCountOnePerClientReached(Clients clients, GatewayRuntime runtime) {
        Attributes gw = Attributes.of(GATEWAY, "/metered");
        GatewayTestClient a = clients.connect("/metered");
        GatewayTestClient b = clients.connect("/metered");
        GatewayTestClient outside = clients.connect("/metered");
        a.request("join", "lobby");
        b.request("join", "lobby");
        outside.request("id", null);
        long deliveries = sum("cdigateway.broadcast.deliveries", gw);

        runtime.server(MeteredGateway.class).to("lobby").emit("news", 1);
        runtime.server(MeteredGateway.class).to("nobody-here").emit("news", 2);
        a.awaitEvent("news", WAIT);
        b.awaitEvent("news", WAIT);

        awaitValue(() -> sum("cdigateway.broadcast.deliveries", gw), deliveries + 2);
    }

    @Test
    void clusterLossesAreReadFromTheBroadcaster(GatewayRuntime runtime) {
        CountingBroadcaster broadcaster = runtime.select(CountingBroadcaster.class);
        Attributes out = Attributes.of(AttributeKey.stringKey("cdigateway.direction"), "out");
        Attributes in = Attributes.of(AttributeKey.stringKey("cdigateway.direction"), "in");
        long outBefore = sum("cdigateway.cluster.lost.broadcasts", out);
        long inBefore = sum("cdigateway.cluster.lost.broadcasts", in);

        broadcaster.lose(3, 5); // through its CDI proxy

        assertThat(sum("cdigateway.cluster.lost.broadcasts", out)).isEqualTo(outBefore + 3);
        assertThat(sum("cdigateway.cluster.lost.broadcasts", in)).isEqualTo(inBefore + 5);
    }

    static Attributes received(String event, String outcome) {
        return Attributes.of(GATEWAY, "/metered", EVENT, event, OUTCOME, outcome);
    }

    static MetricData metric(String name) {
        return READER.collectAllMetrics().stream().filter(m -> m.getName().equals(name)).findFirst().orElse(null);
    }

    /**
     * The value of a counter's (or up-down counter's) point with exactly these attributes; 0 when none. Summed over
     * every metric of that name the reader holds (a second stream of the same name, should the SDK make one, is not
     * taken for the whole).
     */
    static long sum(String name, Attributes attributes) {
        return READER.collectAllMetrics().stream().filter(m -> m.getName().equals(name))
                .flatMap(m -> m.getLongSumData().getPoints().stream())
                .filter(p -> p.getAttributes().equals(attributes)).mapToLong(LongPointData::getValue).sum();
    }

    static HistogramPointData histogram(String name, Attributes attributes) {
        MetricData m = metric(name);
        if (m == null) {
            return null;
        }
        return m.getHistogramData().getPoints().stream().filter(p -> p.getAttributes().equals(attributes))
                .findFirst().orElse(null);
    }

    /** Waits until {@code value} reads {@code expected} (the server records some after the client saw the result). */
    static void awaitValue(LongSupplier value, long expected) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        long v = value.getAsLong();
        while (v != expected && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            v = value.getAsLong();
        }
        assertThat(v).isEqualTo(expected);
    }
}
