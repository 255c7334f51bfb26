package org.cdigateway.internal.telemetry.otel;

import java.util.concurrent.ConcurrentHashMap;

import org.cdigateway.internal.telemetry.GatewayMetrics;

import io.opentelemetry.api.common.Attributes;

/**
 * The metrics of one gateway. Attribute sets are made once and reused: per gateway, per handler event and outcome,
 * per close code; events are those of the gateway's handlers (an unknown event is recorded without one), so the sets
 * stay few.
 */
final class OtelGatewayMetrics implements GatewayMetrics {

    private static final double NANOS_PER_SECOND = 1_000_000_000d;

    private final Instruments in;
    private final String gateway;
    private final Attributes base;
    private final Attributes connectionRefused;
    private final Attributes messageRefused;
    private final ConcurrentHashMap<String, ConcurrentHashMap<String, Attributes>> received = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Attributes> noEvent = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Attributes> durations = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Integer, Attributes> closes = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Attributes> streamEnds = new ConcurrentHashMap<>();

    OtelGatewayMetrics(Instruments in, String gateway) {
        this.in = in;
        this.gateway = gateway;
        this.base = Attributes.of(Instruments.GATEWAY, gateway);
        this.connectionRefused = Attributes.of(Instruments.GATEWAY, gateway, Instruments.PHASE, CONNECTION);
        this.messageRefused = Attributes.of(Instruments.GATEWAY, gateway, Instruments.PHASE, MESSAGE);
    }

    @Override
    public boolean timed() {
        return true;
    }

    @Override
    public void opened() {
        in.opened.add(1, base);
        in.active.add(1, base);
    }

    @Override
    public void closed(int code) {
        in.active.add(-1, base);
        in.closed.add(1, closes.computeIfAbsent(code,
                c -> Attributes.of(Instruments.GATEWAY, gateway, Instruments.CLOSE_CODE, (long) c)));
    }

    @Override
    public void received(String event, String outcome) {
        Attributes a;
        if (event == null) {
            a = noEvent.get(outcome);
            if (a == null) { // a get first: a capturing lambda would be made on every call
                a = noEvent.computeIfAbsent(outcome,
                        o -> Attributes.of(Instruments.GATEWAY, gateway, Instruments.OUTCOME, o));
            }
        } else {
            ConcurrentHashMap<String, Attributes> byOutcome = received.get(event);
            if (byOutcome == null) {
                byOutcome = received.computeIfAbsent(event, e -> new ConcurrentHashMap<>());
            }
            a = byOutcome.get(outcome);
            if (a == null) {
                a = byOutcome.computeIfAbsent(outcome, o -> Attributes.of(Instruments.GATEWAY, gateway,
                        Instruments.EVENT, event, Instruments.OUTCOME, o));
            }
        }
        in.received.add(1, a);
    }

    @Override
    public void handled(String event, long nanos) {
        Attributes a = durations.get(event);
        if (a == null) {
            a = durations.computeIfAbsent(event, e -> Attributes.builder()
                    .put(Instruments.GATEWAY, gateway)
                    .put(Instruments.EVENT, e)
                    .put(Instruments.MESSAGING_SYSTEM, "cdigateway")
                    .put(Instruments.MESSAGING_OPERATION, "process")
                    .build());
        }
        in.duration.record(nanos / NANOS_PER_SECOND, a);
    }

    @Override
    public void sent(long bytes) {
        in.sentFrames.add(1, base);
        in.sentBytes.add(bytes, base);
    }

    @Override
    public void dropped(long frames) {
        in.dropped.add(frames, base);
    }

    @Override
    public void slowConsumerClosed() {
        in.slowConsumers.add(1, base);
    }

    @Override
    public void guardRefused(String phase) {
        in.refusals.add(1, CONNECTION.equals(phase) ? connectionRefused : messageRefused);
    }

    @Override
    public void streamStarted() {
        in.activeStreams.add(1, base);
    }

    @Override
    public void streamEnded(String outcome) {
        in.activeStreams.add(-1, base);
        Attributes a = streamEnds.get(outcome);
        if (a == null) {
            a = streamEnds.computeIfAbsent(outcome,
                    o -> Attributes.of(Instruments.GATEWAY, gateway, Instruments.OUTCOME, o));
        }
        in.endedStreams.add(1, a);
    }

    @Override
    public void delivered(int clients) {
        if (clients > 0) {
            in.deliveries.add(clients, base);
        }
    }
}
