package org.cdigateway.tests.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InterceptorBinding;
import jakarta.interceptor.InvocationContext;

import org.cdigateway.CanActivate;
import org.cdigateway.ConnectedSocket;
import org.cdigateway.ExecutionContext;
import org.cdigateway.GatewayClient;
import org.cdigateway.MessageBody;
import org.cdigateway.OnGatewayConnection;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.UseGuards;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.junit5.Clients;
import org.cdigateway.junit5.GatewayTest;
import org.cdigateway.junit5.client.ClientOptions;
import org.cdigateway.junit5.client.Frame;
import org.cdigateway.junit5.client.GatewayTestClient;
import org.junit.jupiter.api.Test;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;

/**
 * The gateway's spans, read from an in-memory SDK the application hands over as a CDI bean: one per handled message, a
 * child of the trace the client passed at the handshake (header or query), current while guards and the handler run;
 * one per connection's admission; one per stream, from start to end.
 */
@GatewayTest
class TracingTest {

    static final InMemorySpanExporter SPANS = InMemorySpanExporter.create();
    static final OpenTelemetrySdk SDK = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(SPANS)).build())
            .build();
    static final Duration WAIT = Duration.ofSeconds(30);

    static final AttributeKey<String> GATEWAY = AttributeKey.stringKey("cdigateway.gateway");
    static final AttributeKey<String> EVENT = AttributeKey.stringKey("cdigateway.event");
    static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("cdigateway.outcome");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    static final AttributeKey<String> TAG = AttributeKey.stringKey("test.tag");
    static final AttributeKey<String> INTERCEPTED = AttributeKey.stringKey("test.intercepted");

    /** The client's trace: trace id and the id of the span the client made the connection in. */
    static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final String CLIENT_SPAN = "00f067aa0ba902b7";
    static final String TRACEPARENT = "00-" + TRACE + "-" + CLIENT_SPAN + "-01";

    /** The span id each guard saw as current, by the tag the client sent. */
    static final Map<String, String> SEEN_BY_GUARD = new ConcurrentHashMap<>();

    public static class TelemetryProducer {

        @Produces
        @Singleton
        OpenTelemetry openTelemetry() {
            return SDK;
        }
    }

    @InterceptorBinding
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD})
    public @interface Spanned {
    }

    /** An application's interceptor: it sees the message's span as the current one. */
    @Spanned
    @Interceptor
    @Priority(Interceptor.Priority.APPLICATION)
    public static class SpanInterceptor {

        @AroundInvoke
        public Object note(InvocationContext ctx) throws Exception {
            Span.current().setAttribute(INTERCEPTED, ctx.getMethod().getName());
            return ctx.proceed();
        }
    }

    /** Lets every message in, noting the span current while it decides. */
    public static class NotingGuard implements CanActivate {

        @Override
        public boolean canActivate(ExecutionContext context) {
            String tag = context.switchToWs().getData(String.class);
            SEEN_BY_GUARD.put(tag, Span.current().getSpanContext().getSpanId());
            return true;
        }
    }

    /** Refuses the connection unless the client says {@code open} in the query. */
    public static class QueryGuard implements CanActivate {

        @Override
        public boolean canActivate(ExecutionContext context) {
            Span.current().setAttribute(TAG, "in the guard");
            return "yes".equals(context.switchToWs().getClient().queryParam("open"));
        }
    }

    @WebSocketGateway("/traced")
    public static class TracedGateway {

        /** The id of the span current in the handler, and the tag as an attribute on it. */
        @Spanned
        @UseGuards(NotingGuard.class)
        @SubscribeMessage("span")
        public String span(@MessageBody String tag) {
            Span.current().setAttribute(TAG, tag);
            return Span.current().getSpanContext().getSpanId();
        }

        @SubscribeMessage("fail")
        public String fail() {
            throw new IllegalStateException("fails on purpose");
        }

        @SubscribeMessage("count")
        public Flow.Publisher<Integer> count(int n) {
            return subscriber -> subscriber.onSubscribe(new Flow.Subscription() {

                int next;
                final AtomicBoolean done = new AtomicBoolean();

                @Override
                public void request(long k) {
                    for (long i = 0; i < k && next < n && !done.get(); i++) {
                        subscriber.onNext(next++);
                    }
                    if (next >= n && n >= 0 && done.compareAndSet(false, true)) {
                        subscriber.onComplete();
                    }
                }

                @Override
                public void cancel() {
                    done.set(true);
                }
            });
        }
    }

    @WebSocketGateway("/admitted")
    @UseGuards(QueryGuard.class)
    public static class AdmittedGateway implements OnGatewayConnection {

        @Override
        public void handleConnection(GatewayClient client) {
            client.emit("welcome", Span.current().getSpanContext().getSpanId());
        }

        @SubscribeMessage("id")
        public String id(@ConnectedSocket GatewayClient client) {
            return client.id();
        }
    }

    // tag::parent[]
    @Test
    void aMessageSpanIsAChildOfTheTraceTheClientPassedAtTheHandshake(Clients clients) {
        GatewayTestClient c = clients.connect("/traced",
                ClientOptions.defaults().header("traceparent", TRACEPARENT));
        String inHandler = c.request("span", "by header").data(String.class);

        SpanData span = awaitSpan(s -> "by header".equals(s.getAttributes().get(TAG)));
        assertThat(span.getName()).isEqualTo("process span");
        assertThat(span.getKind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(span.getTraceId()).isEqualTo(TRACE);
        assertThat(span.getParentSpanId()).isEqualTo(CLIENT_SPAN);
        assertThat(span.getSpanId()).isEqualTo(inHandler); // current in the handler
        assertThat(SEEN_BY_GUARD.get("by header")).isEqualTo(inHandler); // and in its guard
        assertThat(span.getAttributes().get(INTERCEPTED)).isEqualTo("span"); // and in an interceptor
        assertThat(span.getAttributes().get(GATEWAY)).isEqualTo("/traced");
        assertThat(span.getAttributes().get(EVENT)).isEqualTo("span");
        assertThat(span.getAttributes().get(OUTCOME)).isEqualTo("ok");
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    }
    // end::parent[]

    @Test
    void theTraceCanComeInTheQueryWhereABrowserCannotSetHeaders(Clients clients) {
        String other = "0af7651916cd43dd8448eb211c80319c";
        GatewayTestClient c = clients.connect("/traced?traceparent=00-" + other + "-b7ad6b7169203331-01");
        c.request("span", "by query");

        SpanData span = awaitSpan(s -> "by query".equals(s.getAttributes().get(TAG)));
        assertThat(span.getTraceId()).isEqualTo(other);
        assertThat(span.getParentSpanId()).isEqualTo("b7ad6b7169203331");
    }

    @Test
    void withoutATraceEachMessageStartsOneAndAMalformedOneIsIgnored(Clients clients) {
        GatewayTestClient c = clients.connect("/traced",
                ClientOptions.defaults().header("traceparent", "00-not-a-trace-01"));
        c.request("span", "no trace 1");
        c.request("span", "no trace 2");

        SpanData first = awaitSpan(s -> "no trace 1".equals(s.getAttributes().get(TAG)));
        SpanData second = awaitSpan(s -> "no trace 2".equals(s.getAttributes().get(TAG)));
        assertThat(first.getParentSpanContext().isValid()).isFalse();
        assertThat(second.getParentSpanContext().isValid()).isFalse();
        assertThat(first.getTraceId()).isNotEqualTo(second.getTraceId());
    }

    @Test
    void aFailedMessageHasTheErrorCodeAndStatus(Clients clients) {
        GatewayTestClient c = clients.connect("/traced", ClientOptions.defaults().header("traceparent", TRACEPARENT));
        assertThat(c.request("fail", null).errorCode()).isEqualTo("INTERNAL");

        SpanData span = awaitSpan(s -> s.getName().equals("process fail") && s.getTraceId().equals(TRACE));
        assertThat(span.getAttributes().get(OUTCOME)).isEqualTo("INTERNAL");
        assertThat(span.getAttributes().get(ERROR_TYPE)).isEqualTo("INTERNAL");
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    }

    @Test
    void aStreamHasASpanFromItsStartToItsEndAChildOfItsMessage(Clients clients) {
        GatewayTestClient c = clients.connect("/traced", ClientOptions.defaults().header("traceparent", TRACEPARENT));
        String id = c.stream("count", 3);
        int items = 0;
        Frame f;
        while (!(f = c.awaitStreamFrame(id, WAIT)).isEnd()) {
            items++;
        }
        assertThat(items).isEqualTo(3);

        SpanData stream = awaitSpan(s -> s.getName().equals("stream count") && s.getTraceId().equals(TRACE)
                && "completed".equals(s.getAttributes().get(OUTCOME)));
        SpanData message = awaitSpan(s -> s.getSpanId().equals(stream.getParentSpanId()));
        assertThat(message.getName()).isEqualTo("process count");
        assertThat(message.getParentSpanId()).isEqualTo(CLIENT_SPAN);
        assertThat(stream.getEndEpochNanos()).isGreaterThanOrEqualTo(message.getStartEpochNanos());
    }

    @Test
    void aCancelledStreamSaysSo(Clients clients) {
        String trace = "11111111111111111111111111111111";
        GatewayTestClient c = clients.connect("/traced",
                ClientOptions.defaults().header("traceparent", "00-" + trace + "-2222222222222222-01"));
        String id = c.stream("count", Integer.MAX_VALUE);
        c.awaitStreamFrame(id, WAIT);
        c.cancel("count", id);

        SpanData stream = awaitSpan(s -> s.getName().equals("stream count") && s.getTraceId().equals(trace));
        assertThat(stream.getAttributes().get(OUTCOME)).isEqualTo("cancelled");
        assertThat(stream.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
        long t0 = System.nanoTime();
        c.request("span", "after cancel");
        System.err.println("DEBUG request after cancel " + (System.nanoTime() - t0) / 1000000 + " ms, frames "
                + c.frames().size());
        t0 = System.nanoTime();
        c.close();
        System.err.println("DEBUG close " + (System.nanoTime() - t0) / 1000000 + " ms " + c.closeStatus());
    }

    @Test
    void aConnectionsAdmissionHasASpanCurrentInItsGuardsAndHandleConnection(Clients clients) {
        String trace = "33333333333333333333333333333333";
        GatewayTestClient c = clients.connect("/admitted?open=yes",
                ClientOptions.defaults().header("traceparent", "00-" + trace + "-4444444444444444-01"));
        String inHandleConnection = c.awaitEvent("welcome", WAIT).data(String.class);

        SpanData span = awaitSpan(s -> s.getName().equals("connect /admitted") && s.getTraceId().equals(trace));
        assertThat(span.getKind()).isEqualTo(SpanKind.SERVER);
        assertThat(span.getParentSpanId()).isEqualTo("4444444444444444");
        assertThat(span.getSpanId()).isEqualTo(inHandleConnection);
        assertThat(span.getAttributes().get(TAG)).isEqualTo("in the guard");
        assertThat(span.getAttributes().get(OUTCOME)).isEqualTo("ok");
    }

    @Test
    void aRefusedConnectionsSpanHasTheRefusal(Clients clients) {
        String trace = "55555555555555555555555555555555";
        clients.connect("/admitted?open=no",
                ClientOptions.defaults().header("traceparent", "00-" + trace + "-6666666666666666-01"))
                .expectClose(4403);

        SpanData span = awaitSpan(s -> s.getName().equals("connect /admitted") && s.getTraceId().equals(trace));
        assertThat(span.getAttributes().get(OUTCOME)).isEqualTo("FORBIDDEN");
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    }

    /** Waits for an ended span that matches (the server ends some after the client saw the reply). */
    static SpanData awaitSpan(Predicate<SpanData> matching) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            List<SpanData> found = SPANS.getFinishedSpanItems().stream().filter(matching).toList();
            if (!found.isEmpty()) {
                assertThat(found).as("spans that match").hasSize(1);
                return found.get(0);
            }
            assertThat(System.nanoTime()).as("a matching span before the timeout; ended: %s",
                    SPANS.getFinishedSpanItems()).isLessThan(deadline);
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
