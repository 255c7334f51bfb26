package org.cdigateway.tck.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.cdigateway.junit5.client.ClientOptions;
import org.cdigateway.junit5.client.GatewayTestClient;
import org.cdigateway.tck.Deployments;
import org.cdigateway.tck.WebSockets;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.trace.v1.Span;

/**
 * On a server with MicroProfile Telemetry exporting to the run's OTLP receiver ({@link OtlpReceiver}), the gateway's
 * metrics arrive with what a client did, and its message spans are children of the trace the client passed.
 */
@ExtendWith(ArquillianExtension.class)
class TelemetryIT {

    static final Duration WAIT = Duration.ofSeconds(60); // a few export intervals on a loaded machine
    static final String TRACE = "5bf92f3577b34da6a3ce929d0e0e4736";
    static final String CLIENT_SPAN = "10f067aa0ba902b7";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war("telemetry", TelemetryGateway.class);
    }

    @ArquillianResource
    URL base;

    @Test
    void theGatewaysMetricsAndSpansReachTheServersExporter() {
        Assumptions.assumeTrue(OtlpReceiver.running(), "no OTLP receiver in this run");
        try (GatewayTestClient client = WebSockets.connect(base, "/telemetry",
                ClientOptions.defaults().header("traceparent", "00-" + TRACE + "-" + CLIENT_SPAN + "-01"))) {
            assertThat(client.request("echo", "one").data(String.class)).isEqualTo("one");
            assertThat(client.request("echo", "two").data(String.class)).isEqualTo("two");
        }

        long received = await(() -> sum("cdigateway.received.messages", "echo"), 2);
        assertThat(received).isGreaterThanOrEqualTo(2);
        assertThat(await(() -> sum("cdigateway.opened.connections", null), 1)).isGreaterThanOrEqualTo(1);

        Span span = awaitSpan();
        assertThat(span.getName()).isEqualTo("process echo");
        assertThat(HexFormat.of().formatHex(span.getParentSpanId().toByteArray())).isEqualTo(CLIENT_SPAN);
        assertThat(attribute(span.getAttributesList(), "cdigateway.gateway")).contains("/telemetry");
    }

    /**
     * The newest cumulative value of a counter's points of this test's gateway (and {@code event} when not null);
     * 0 while none arrived.
     */
    static long sum(String name, String event) {
        List<Metric> found = OtlpReceiver.metrics().filter(m -> m.getName().equals(name)).toList();
        long newest = 0;
        for (Metric m : found) {
            long value = 0;
            for (NumberDataPoint p : m.getSum().getDataPointsList()) {
                if (attribute(p.getAttributesList(), "cdigateway.gateway").filter("/telemetry"::equals).isPresent()
                        && (event == null || attribute(p.getAttributesList(), "cdigateway.event")
                                .filter(event::equals).isPresent())
                        && attribute(p.getAttributesList(), "cdigateway.outcome").filter(o -> !o.equals("ok"))
                                .isEmpty()) {
                    value += p.getAsInt();
                }
            }
            newest = Math.max(newest, value);
        }
        return newest;
    }

    static Optional<String> attribute(List<KeyValue> attributes, String key) {
        return attributes.stream().filter(a -> a.getKey().equals(key)).map(a -> a.getValue().getStringValue())
                .findFirst();
    }

    static long await(Supplier<Long> value, long atLeast) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        long v = value.get();
        while (v < atLeast && System.nanoTime() < deadline) {
            pause();
            v = value.get();
        }
        assertThat(v).as("metric value within %s", WAIT).isGreaterThanOrEqualTo(atLeast);
        return v;
    }

    static Span awaitSpan() {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            Optional<Span> span = OtlpReceiver.spans()
                    .filter(s -> HexFormat.of().formatHex(s.getTraceId().toByteArray()).equals(TRACE))
                    .filter(s -> s.getName().startsWith("process")).findFirst();
            if (span.isPresent()) {
                return span.get();
            }
            assertThat(System.nanoTime()).as("a message span of the client's trace within %s", WAIT)
                    .isLessThan(deadline);
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
