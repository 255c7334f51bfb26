package org.cdigateway.tests.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.junit5.client.GatewayTestClient;
import org.cdigateway.se.GatewayRuntime;
import org.junit.jupiter.api.Test;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;

/**
 * An application on the embedded runtime without an {@code OpenTelemetry} bean: the gateway records into
 * {@link GlobalOpenTelemetry}, as registered before the runtime starts.
 */
class GlobalOpenTelemetryTest {

    @WebSocketGateway("/global")
    public static class GlobalGateway {

        @SubscribeMessage("ping")
        public String ping() {
            return "pong";
        }
    }

    @Test
    void withoutABeanTheGatewayRecordsIntoGlobalOpenTelemetry() {
        InMemoryMetricReader reader = InMemoryMetricReader.create();
        GlobalOpenTelemetry.resetForTest();
        try {
            // tag::global[]
            OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
                    .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(reader).build())
                    .buildAndRegisterGlobal(); // before the runtime starts: the gateways take it at deployment
            try (GatewayRuntime runtime = GatewayRuntime.builder().port(0).beanClasses(GlobalGateway.class)
                    .start()) {
                // end::global[]
                GatewayTestClient client = GatewayTestClient.connect(runtime.wsUri("/global"));
                assertThat(client.request("ping", null).data(String.class)).isEqualTo("pong");
                client.close();
                Attributes ok = Attributes.of(AttributeKey.stringKey("cdigateway.gateway"), "/global",
                        AttributeKey.stringKey("cdigateway.event"), "ping",
                        AttributeKey.stringKey("cdigateway.outcome"),
                        "ok");
                MetricsTest.awaitValue(() -> received(reader, ok), 1);
            }
            sdk.close();
        } finally {
            GlobalOpenTelemetry.resetForTest();
        }
    }

    private static long received(InMemoryMetricReader reader, Attributes attributes) {
        return reader.collectAllMetrics().stream().filter(m -> m.getName().equals("cdigateway.received.messages"))
                .map(MetricData::getLongSumData).flatMap(d -> d.getPoints().stream())
                .filter(p -> p.getAttributes().equals(attributes)).mapToLong(LongPointData::getValue).sum();
    }
}
