package org.cdigateway.bench.jmh;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.OpenTelemetrySdkBuilder;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * An OpenTelemetry SDK registered globally before the bench gateway starts, as an application would: {@code metrics}
 * (a meter provider read every minute) or {@code traces} (that, and a tracer provider whose spans go through a batch
 * processor). Loaded only when {@code -Dbench.telemetry} asks for it, with target/otel-lib on the class path.
 */
final class BenchTelemetry {

    private BenchTelemetry() {}

    static void install(String mode) {
        OpenTelemetrySdkBuilder sdk = OpenTelemetrySdk.builder().setMeterProvider(SdkMeterProvider.builder()
                .registerMetricReader(PeriodicMetricReader.create(new Discarding())).build());
        if (mode.equals("traces")) {
            sdk.setTracerProvider(SdkTracerProvider.builder()
                    .addSpanProcessor(BatchSpanProcessor.builder(SpanExporter.composite()).build()).build());
        } else if (!mode.equals("metrics")) {
            throw new IllegalArgumentException("bench.telemetry is metrics or traces, not " + mode);
        }
        GlobalOpenTelemetry.set(sdk.build());
    }

    /** Takes the metrics and drops them: what an exporter costs is not the gateway's. */
    private static final class Discarding implements MetricExporter {

        @Override
        public io.opentelemetry.sdk.common.CompletableResultCode export(
                java.util.Collection<io.opentelemetry.sdk.metrics.data.MetricData> metrics) {
            return io.opentelemetry.sdk.common.CompletableResultCode.ofSuccess();
        }

        @Override
        public io.opentelemetry.sdk.common.CompletableResultCode flush() {
            return io.opentelemetry.sdk.common.CompletableResultCode.ofSuccess();
        }

        @Override
        public io.opentelemetry.sdk.common.CompletableResultCode shutdown() {
            return io.opentelemetry.sdk.common.CompletableResultCode.ofSuccess();
        }

        @Override
        public io.opentelemetry.sdk.metrics.data.AggregationTemporality getAggregationTemporality(
                io.opentelemetry.sdk.metrics.InstrumentType type) {
            return io.opentelemetry.sdk.metrics.data.AggregationTemporality.CUMULATIVE;
        }
    }
}
