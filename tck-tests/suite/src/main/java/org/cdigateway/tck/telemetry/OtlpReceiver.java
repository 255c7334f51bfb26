package org.cdigateway.tck.telemetry;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.trace.v1.Span;

/**
 * An OTLP/HTTP (protobuf) receiver on the loopback port named by {@code cdigateway.tck.otlpPort}, started when the
 * test run starts, before the server: a server with MicroProfile Telemetry exports its metrics and spans to it, and
 * the tests read what arrived. Nothing starts when the property is not set.
 */
public final class OtlpReceiver implements LauncherSessionListener {

    static final String PORT = "cdigateway.tck.otlpPort";

    private static final List<Metric> METRICS = new CopyOnWriteArrayList<>();
    private static final List<Span> SPANS = new CopyOnWriteArrayList<>();
    private static volatile HttpServer server;

    @Override
    public synchronized void launcherSessionOpened(LauncherSession session) {
        String port = System.getProperty(PORT);
        if (port == null || port.isBlank() || server != null) {
            return;
        }
        try {
            HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                    Integer.parseInt(port.trim())), 16);
            s.createContext("/v1/metrics", exchange -> receive(exchange, true));
            s.createContext("/v1/traces", exchange -> receive(exchange, false));
            s.setExecutor(Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "otlp-receiver");
                t.setDaemon(true);
                return t;
            }));
            s.start();
            server = s;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot receive OTLP on port " + port, e);
        }
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        HttpServer s = server;
        if (s != null) {
            s.stop(0);
        }
    }

    /** Whether the receiver runs in this test run. */
    public static boolean running() {
        return server != null;
    }

    /** Every metric data point batch received so far, newest last. */
    public static Stream<Metric> metrics() {
        return METRICS.stream();
    }

    /** Every span received so far. */
    public static Stream<Span> spans() {
        return SPANS.stream();
    }

    private static void receive(HttpExchange exchange, boolean metrics) throws IOException {
        try (exchange;
                InputStream raw = exchange.getRequestBody();
                InputStream body = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))
                        ? new GZIPInputStream(raw)
                        : raw) {
            byte[] answer;
            if (metrics) {
                ExportMetricsServiceRequest request = ExportMetricsServiceRequest.parseFrom(body);
                request.getResourceMetricsList().forEach(r -> r.getScopeMetricsList()
                        .forEach(s -> METRICS.addAll(s.getMetricsList())));
                answer = ExportMetricsServiceResponse.getDefaultInstance().toByteArray();
            } else {
                ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(body);
                request.getResourceSpansList().forEach(r -> r.getScopeSpansList()
                        .forEach(s -> SPANS.addAll(s.getSpansList())));
                answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
            }
            exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
        } catch (IOException | RuntimeException e) { // an unreadable request: refused, and said why
            System.err.println("OTLP receiver: cannot read " + exchange.getRequestURI() + " "
                    + exchange.getRequestHeaders().entrySet() + ": " + e);
            exchange.sendResponseHeaders(400, -1);
        }
    }
}
