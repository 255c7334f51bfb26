package org.cdigateway.internal.telemetry.otel;

import java.util.List;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.DoubleHistogramBuilder;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.LongUpDownCounter;
import io.opentelemetry.api.metrics.Meter;

/**
 * The instruments every gateway records into, built once per application; the gateway's path is an attribute. Names
 * and units follow the OpenTelemetry semantic conventions where one fits ({@code messaging.process.duration}), else
 * carry the {@code cdigateway.} prefix.
 */
final class Instruments {

    static final AttributeKey<String> GATEWAY = AttributeKey.stringKey("cdigateway.gateway");
    static final AttributeKey<String> EVENT = AttributeKey.stringKey("cdigateway.event");
    static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("cdigateway.outcome");
    static final AttributeKey<Long> CLOSE_CODE = AttributeKey.longKey("cdigateway.close_code");
    static final AttributeKey<String> PHASE = AttributeKey.stringKey("cdigateway.phase");
    static final AttributeKey<String> DIRECTION = AttributeKey.stringKey("cdigateway.direction");
    static final AttributeKey<String> MESSAGING_SYSTEM = AttributeKey.stringKey("messaging.system");
    static final AttributeKey<String> MESSAGING_OPERATION = AttributeKey.stringKey("messaging.operation.name");

    /** Bucket bounds for handler durations, in seconds: those the semantic conventions advise for durations. */
    static final List<Double> DURATION_BUCKETS = List.of(0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1.0,
            2.5, 5.0, 7.5, 10.0);

    final LongUpDownCounter active;
    final LongCounter opened;
    final LongCounter closed;
    final LongCounter received;
    final DoubleHistogram duration;
    final LongCounter sentFrames;
    final LongCounter sentBytes;
    final LongCounter dropped;
    final LongCounter slowConsumers;
    final LongCounter refusals;
    final LongUpDownCounter activeStreams;
    final LongCounter endedStreams;
    final LongCounter deliveries;

    Instruments(Meter meter) {
        active = meter.upDownCounterBuilder("cdigateway.active_connections").setUnit("{connection}")
                .setDescription("Connections accepted and not yet closed").build();
        opened = meter.counterBuilder("cdigateway.opened.connections").setUnit("{connection}")
                .setDescription("Connections accepted").build();
        closed = meter.counterBuilder("cdigateway.closed.connections").setUnit("{connection}")
                .setDescription("Accepted connections that ended, by close code").build();
        received = meter.counterBuilder("cdigateway.received.messages").setUnit("{message}")
                .setDescription("Messages received, by event and outcome (ok or the error frame's code)").build();
        duration = durationHistogram(meter);
        sentFrames = meter.counterBuilder("cdigateway.sent.frames").setUnit("{frame}")
                .setDescription("Frames handed to the transport").build();
        sentBytes = meter.counterBuilder("cdigateway.sent.bytes").setUnit("By")
                .setDescription("Payload bytes handed to the transport (UTF-8 for text frames)").build();
        dropped = meter.counterBuilder("cdigateway.dropped.frames").setUnit("{frame}")
                .setDescription("Frames dropped by a slow-consumer policy (DROP_NEWEST, DROP_OLDEST)").build();
        slowConsumers = meter.counterBuilder("cdigateway.slow_consumer.closes").setUnit("{connection}")
                .setDescription("Connections closed (1013) for not reading fast enough").build();
        refusals = meter.counterBuilder("cdigateway.guard.refusals").setUnit("{refusal}")
                .setDescription("Connections and messages the guards refused").build();
        activeStreams = meter.upDownCounterBuilder("cdigateway.active_streams").setUnit("{stream}")
                .setDescription("Streams of handlers running").build();
        endedStreams = meter.counterBuilder("cdigateway.ended.streams").setUnit("{stream}")
                .setDescription("Streams that ended, by outcome (completed, cancelled, or the error frame's code)")
                .build();
        deliveries = meter.counterBuilder("cdigateway.broadcast.deliveries").setUnit("{delivery}")
                .setDescription("Frames of broadcasts queued for this node's clients, one per client reached")
                .build();
    }

    /**
     * Broadcasts lost between the nodes of a cluster, read from the broadcaster when metrics are collected:
     * {@code cdigateway.direction} {@code out} for this node's that did not reach the others, {@code in} for the
     * others' that did not reach this node.
     */
    static void observeLosses(Meter meter, org.cdigateway.spi.Broadcaster broadcaster) {
        io.opentelemetry.api.common.Attributes out = io.opentelemetry.api.common.Attributes.of(DIRECTION, "out");
        io.opentelemetry.api.common.Attributes in = io.opentelemetry.api.common.Attributes.of(DIRECTION, "in");
        meter.counterBuilder("cdigateway.cluster.lost.broadcasts").setUnit("{broadcast}")
                .setDescription("Broadcasts lost between the nodes: out = not published, in = did not arrive")
                .buildWithCallback(m -> {
                    m.record(broadcaster.unpublished(), out);
                    m.record(broadcaster.missed(), in);
                });
    }

    /**
     * The handler-duration histogram, with bucket boundaries in seconds advised where the API has the advice (1.32 and
     * later); servers that bring an older API (Payara 6) get the SDK's default boundaries.
     */
    private static DoubleHistogram durationHistogram(Meter meter) {
        DoubleHistogramBuilder builder = meter.histogramBuilder("messaging.process.duration").setUnit("s")
                .setDescription("How long a handler ran, by event");
        try {
            builder = builder.setExplicitBucketBoundariesAdvice(DURATION_BUCKETS);
        } catch (NoSuchMethodError | AbstractMethodError e) {
            // an API before the advice: the SDK's boundaries
        }
        return builder.build();
    }
}
