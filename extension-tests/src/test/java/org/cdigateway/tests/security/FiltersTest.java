package org.cdigateway.tests.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;

import jakarta.enterprise.context.ApplicationScoped;

import org.cdigateway.CanActivate;
import org.cdigateway.ExecutionContext;
import org.cdigateway.GatewayClient;
import org.cdigateway.Global;
import org.cdigateway.OnGatewayConnection;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.UseFilters;
import org.cdigateway.UseGuards;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.WsExceptionFilter;
import org.cdigateway.junit5.Clients;
import org.cdigateway.junit5.GatewayTest;
import org.cdigateway.junit5.client.Frame;
import org.cdigateway.junit5.client.GatewayTestClient;
import org.junit.jupiter.api.Test;

/**
 * Exception filters: the most specific exception type wins, method over class over global on a tie; they see
 * failures of handlers, asynchronous replies, streams and handleConnection, and reply with the request's id.
 */
@GatewayTest
class FiltersTest {

    static final Duration WAIT = Duration.ofSeconds(5);

    public static class OutOfStockException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        public OutOfStockException(String item) {
            super(item + " is out of stock");
        }
    }

    // tag::filter[]
    @ApplicationScoped
    public static class OutOfStockFilter implements WsExceptionFilter<OutOfStockException> {

        @Override
        public void catchException(OutOfStockException e, ExecutionContext context) {
            context.switchToWs().reply("exception", // <1>
                    Map.of("status", "error", "code", "OUT_OF_STOCK", "message", e.getMessage()));
        }
    }
    // end::filter[]

    /** Answers with who handled what, so the tests can tell the filters apart. */
    abstract static class Answering<T extends Throwable> implements WsExceptionFilter<T> {

        @Override
        public void catchException(T e, ExecutionContext context) {
            context.switchToWs().reply("handled", Map.of("by", getClass().getSimpleName(), "type",
                    e.getClass().getSimpleName(), "phase", context.getPhase().toString()));
        }
    }

    @ApplicationScoped
    public static class MethodIllegalArgument extends Answering<IllegalArgumentException> {}

    @ApplicationScoped
    public static class ClassIllegalArgument extends Answering<IllegalArgumentException> {}

    @ApplicationScoped
    public static class ClassRuntime extends Answering<RuntimeException> {}

    @Global
    @ApplicationScoped
    public static class GlobalIllegalState extends Answering<IllegalStateException> {}

    @ApplicationScoped
    public static class DenyGuard implements CanActivate {

        @Override
        public boolean canActivate(ExecutionContext context) {
            return false;
        }
    }

    @ApplicationScoped
    public static class FailingFilter implements WsExceptionFilter<UnsupportedOperationException> {

        @Override
        public void catchException(UnsupportedOperationException e, ExecutionContext context) {
            throw new IllegalStateException("the filter's own bug");
        }
    }

    @WebSocketGateway("/shop")
    @UseFilters({ClassIllegalArgument.class, ClassRuntime.class, OutOfStockFilter.class, FailingFilter.class})
    public static class ShopGateway implements OnGatewayConnection {

        @Override
        public void handleConnection(GatewayClient client) {
            if ("fail".equals(client.queryParam("on-connect"))) {
                throw new IllegalStateException("could not load the basket");
            }
        }

        @SubscribeMessage("buy")
        public String buy(String item) {
            throw new OutOfStockException(item);
        }

        @SubscribeMessage("method-level")
        @UseFilters(MethodIllegalArgument.class)
        public String methodLevel() {
            throw new IllegalArgumentException("tie between method and class");
        }

        @SubscribeMessage("class-level")
        public String classLevel() {
            throw new NumberFormatException("a subclass of IllegalArgumentException");
        }

        @SubscribeMessage("global-level")
        public String globalLevel() {
            throw new IllegalStateException("more specific than the class's RuntimeException filter");
        }

        @SubscribeMessage("later")
        public CompletionStage<String> later() {
            return CompletableFuture.supplyAsync(() -> {
                throw new OutOfStockException("later");
            });
        }

        @SubscribeMessage("stream")
        public Flow.Publisher<String> stream() {
            SubmissionPublisher<String> publisher = new SubmissionPublisher<>();
            CompletableFuture.runAsync(() -> publisher.closeExceptionally(new OutOfStockException("stream")));
            return publisher;
        }

        @SubscribeMessage("denied")
        @UseGuards(DenyGuard.class)
        public String denied() {
            return "never";
        }

        @SubscribeMessage("filter-fails")
        public String filterFails() {
            throw new UnsupportedOperationException("no");
        }
    }

    @WebSocketGateway("/plain")
    public static class PlainGateway {

        @SubscribeMessage("boom")
        public String boom() {
            throw new IllegalStateException("only the global filter applies here");
        }

        @SubscribeMessage("other")
        public String other() {
            throw new ArithmeticException("no filter: the default one");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> handled(Frame frame) {
        assertThat(frame.event()).as(frame.raw()).isEqualTo("handled");
        return (Map<String, String>) frame.data(Map.class);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> dataOf(Frame frame) {
        return (Map<String, Object>) frame.data(Map.class);
    }

    @Test
    void aFilterRepliesToTheRequestWithItsId(Clients clients) {
        GatewayTestClient client = clients.connect("/shop");
        client.sendText("{\"event\":\"buy\",\"data\":\"tea\",\"id\":\"r-1\"}");
        Frame frame = client.awaitFrame(java.time.Duration.ofSeconds(10)); // whatever comes next, with or without id
        assertThat(frame.event()).isEqualTo("exception");
        assertThat(frame.idAsString()).isEqualTo("r-1");
        assertThat(dataOf(frame)).containsEntry("code", "OUT_OF_STOCK")
                .containsEntry("message", "tea is out of stock");
    }

    @Test
    void theMostSpecificTypeWinsAndOnATieTheMethodsFilter(Clients clients) {
        GatewayTestClient client = clients.connect("/shop");
        assertThat(handled(client.request("method-level", null))).containsEntry("by", "MethodIllegalArgument");
        assertThat(handled(client.request("class-level", null))).containsEntry("by", "ClassIllegalArgument")
                .containsEntry("type", "NumberFormatException");
        assertThat(handled(client.request("global-level", null))).containsEntry("by", "GlobalIllegalState");
    }

    @Test
    void unknownEventsAndGuardRefusalsGoThroughTheFilters(Clients clients) {
        GatewayTestClient client = clients.connect("/shop");
        assertThat(handled(client.request("no-such-event", null))).containsEntry("by", "ClassRuntime");
        assertThat(handled(client.request("denied", null))).containsEntry("by", "ClassRuntime")
                .containsEntry("type", "ForbiddenException");
    }

    @Test
    void failuresOfAsynchronousRepliesAndStreamsGoThroughTheFilters(Clients clients) {
        GatewayTestClient client = clients.connect("/shop");
        Frame later = client.request("later", null);
        assertThat(dataOf(later)).containsEntry("message", "later is out of stock");

        String id = client.stream("stream", null);
        Frame failed = client.awaitStreamFrame(id, WAIT);
        assertThat(dataOf(failed)).containsEntry("code", "OUT_OF_STOCK");
    }

    @Test
    void anExceptionInHandleConnectionIsHandledByAFilterAndTheConnectionLives(Clients clients) {
        GatewayTestClient client = clients.connect("/shop?on-connect=fail");
        Map<String, String> handled = handled(client.awaitFrame(WAIT));
        assertThat(handled).containsEntry("by", "GlobalIllegalState").containsEntry("phase", "CONNECTION");
        assertThat(dataOf(client.request("buy", "milk"))).containsEntry("code", "OUT_OF_STOCK");
    }

    @Test
    void aFilterThatFailsLeavesTheAnswerToTheDefaultFilter(Clients clients) {
        GatewayTestClient client = clients.connect("/shop");
        Frame frame = client.request("filter-fails", null);
        assertThat(frame.errorCode()).isEqualTo("INTERNAL");
        assertThat(frame.errorMessage()).isEqualTo("Internal server error");
    }

    @Test
    void aGatewayWithoutFiltersHasTheGlobalOnesThenTheDefault(Clients clients) {
        GatewayTestClient client = clients.connect("/plain");
        assertThat(handled(client.request("boom", null))).containsEntry("by", "GlobalIllegalState");
        assertThat(client.request("other", null).errorCode()).isEqualTo("INTERNAL");
        assertThat(client.request("nothing", null).errorCode()).isEqualTo("UNKNOWN_EVENT");
    }
}
