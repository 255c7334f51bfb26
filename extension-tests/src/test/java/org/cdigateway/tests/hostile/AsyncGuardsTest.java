package org.cdigateway.tests.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.cdigateway.CanActivateAsync;
import org.cdigateway.ExecutionContext;
import org.cdigateway.MessageBody;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.UseGuards;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.junit5.Clients;
import org.cdigateway.junit5.GatewayTest;
import org.cdigateway.junit5.client.Frame;
import org.cdigateway.junit5.client.GatewayTestClient;
import org.cdigateway.se.GatewayRuntime;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Asynchronous guards never hold a container thread: while their answers are on their way, other clients are served,
 * and the guarded connection's messages wait (bounded) and then run in order.
 */
@GatewayTest
class AsyncGuardsTest {

    static final Duration WAIT = Duration.ofSeconds(10);

    /** The answers the guard gives, completed by the tests. */
    @ApplicationScoped
    static class Gate {

        private volatile CompletableFuture<Boolean> connection = new CompletableFuture<>();
        private volatile CompletableFuture<Boolean> message = new CompletableFuture<>();
        private final AtomicInteger handled = new AtomicInteger();

        void reset() {
            connection = new CompletableFuture<>();
            message = new CompletableFuture<>();
            handled.set(0);
        }

        CompletableFuture<Boolean> connection() {
            return connection;
        }

        CompletableFuture<Boolean> message() {
            return message;
        }

        AtomicInteger handled() {
            return handled;
        }
    }

    @ApplicationScoped
    static class SlowGuard implements CanActivateAsync {

        @Inject
        Gate gate;

        @Override
        public CompletionStage<Boolean> canActivate(ExecutionContext context) {
            if (context.getPhase() == ExecutionContext.Phase.CONNECTION) {
                return gate.connection();
            }
            return "slow".equals(context.switchToWs().getPattern())
                    ? gate.message()
                    : CompletableFuture.completedFuture(true);
        }
    }

    @WebSocketGateway(value = "/gated", maxWaitingMessages = 5, guardTimeout = 60_000)
    @UseGuards(SlowGuard.class)
    static class GatedGateway {

        @Inject
        Gate gate;

        @SubscribeMessage("echo")
        public String echo(@MessageBody String text) {
            gate.handled().incrementAndGet();
            return text;
        }

        @SubscribeMessage("slow")
        public String slow(@MessageBody String text) {
            gate.handled().incrementAndGet();
            return text;
        }
    }

    @WebSocketGateway(value = "/hurried", guardTimeout = 300)
    @UseGuards(SlowGuard.class)
    static class HurriedGateway {

        @SubscribeMessage("echo")
        public String echo(@MessageBody String text) {
            return text;
        }
    }

    @WebSocketGateway("/open")
    static class OpenGateway {

        @SubscribeMessage("echo")
        public String echo(@MessageBody String text) {
            return text;
        }
    }

    Gate gate;

    @BeforeEach
    void reset(GatewayRuntime runtime) {
        gate = runtime.select(Gate.class);
        gate.reset();
    }

    @Test
    void manyHandshakesWaitingForAGuardDoNotStallOtherClients(Clients clients) {
        List<GatewayTestClient> waiting = new ArrayList<>();
        for (int i = 0; i < 40; i++) { // ten times the embedded runtime's worker threads
            GatewayTestClient c = clients.connect("/gated");
            c.sendText("{\"event\":\"echo\",\"data\":\"a\",\"id\":1}");
            c.sendText("{\"event\":\"echo\",\"data\":\"b\",\"id\":2}");
            c.sendText("{\"event\":\"echo\",\"data\":\"c\",\"id\":3}");
            waiting.add(c);
        }
        GatewayTestClient other = clients.connect("/open");
        assertThat(other.request("echo", "served", Duration.ofSeconds(5)).data(String.class)).isEqualTo("served");
        assertThat(gate.handled()).hasValue(0); // nothing of the guarded connections ran yet

        gate.connection().complete(true);

        for (GatewayTestClient c : waiting) {
            assertThat(c.awaitFrame(WAIT).idAsString()).isEqualTo("1");
            assertThat(c.awaitFrame(WAIT).idAsString()).isEqualTo("2");
            assertThat(c.awaitFrame(WAIT).idAsString()).isEqualTo("3");
        }
        assertThat(gate.handled()).hasValue(120);
    }

    @Test
    void aConnectionRefusedLaterRunsNoneOfItsWaitingMessages(Clients clients) {
        GatewayTestClient c = clients.connect("/gated");
        c.sendText("{\"event\":\"echo\",\"data\":\"a\",\"id\":1}");
        c.sendText("{\"event\":\"echo\",\"data\":\"b\",\"id\":2}");

        gate.connection().complete(false);

        assertThat(c.awaitClose(WAIT).code()).isEqualTo(4403);
        GatewayTestClient other = clients.connect("/open");
        other.request("echo", "after");
        assertThat(gate.handled()).hasValue(0);
        assertThat(c.frames()).isEmpty();
    }

    @Test
    void messagesBehindAMessageWaitingForItsGuardRunInOrderAfterIt(Clients clients) {
        gate.connection().complete(true);
        GatewayTestClient c = clients.connect("/gated");
        c.sendText("{\"event\":\"slow\",\"data\":\"a\",\"id\":1}");
        c.sendText("{\"event\":\"echo\",\"data\":\"b\",\"id\":2}");
        c.sendText("{\"event\":\"echo\",\"data\":\"c\",\"id\":3}");
        GatewayTestClient other = clients.connect("/open");
        assertThat(other.request("echo", "served").data(String.class)).isEqualTo("served");
        assertThat(c.frames()).isEmpty();

        gate.message().complete(true);

        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Frame f = c.awaitFrame(WAIT);
            assertThat(f.isError()).as(f.raw()).isFalse();
            ids.add(f.idAsString());
        }
        assertThat(ids).containsExactly("1", "2", "3");
    }

    @Test
    void aMessageRefusedLaterIsForbiddenAndTheNextOnesStillRun(Clients clients) {
        gate.connection().complete(true);
        GatewayTestClient c = clients.connect("/gated");
        c.sendText("{\"event\":\"slow\",\"data\":\"a\",\"id\":1}");
        c.sendText("{\"event\":\"echo\",\"data\":\"b\",\"id\":2}");

        gate.message().complete(false);

        Frame refused = c.awaitFrame(WAIT);
        assertThat(refused.errorCode()).isEqualTo("FORBIDDEN");
        assertThat(refused.idAsString()).isEqualTo("1");
        assertThat(c.awaitFrame(WAIT).idAsString()).isEqualTo("2");
        assertThat(gate.handled()).hasValue(1);
    }

    @Test
    void aClientSendingMoreThanMayWaitIsClosedWith1013(Clients clients) {
        GatewayTestClient c = clients.connect("/gated");
        for (int i = 1; i <= 6; i++) {
            c.sendText("{\"event\":\"echo\",\"data\":\"x\",\"id\":" + i + "}");
        }
        assertThat(c.awaitClose(WAIT).code()).isEqualTo(1013);
        gate.connection().complete(true);
        assertThat(gate.handled()).hasValue(0);
    }

    @Test
    void aGuardThatDoesNotAnswerInTimeRefuses(Clients clients) {
        GatewayTestClient c = clients.connect("/hurried");
        c.sendText("{\"event\":\"echo\",\"data\":\"x\",\"id\":1}");
        assertThat(c.awaitClose(WAIT).code()).isEqualTo(4403);
        assertThat(c.frames()).isEmpty();
    }
}
