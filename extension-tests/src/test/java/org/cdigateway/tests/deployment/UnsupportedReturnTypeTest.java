package org.cdigateway.tests.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import jakarta.websocket.Session;

import org.cdigateway.GatewayClient;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.junit5.DeploymentFailure;
import org.cdigateway.junit5.GatewayTest;
import org.junit.jupiter.api.Test;

/** GW-0105: a handler returns data, a CompletionStage of data, or nothing; each other kind has its own fix. */
@GatewayTest
class UnsupportedReturnTypeTest {

    static final String PREFIX = "org.cdigateway.tests.deployment.UnsupportedReturnTypeTest.RepliesGateway#";
    static final String CANNOT = ", which a handler cannot reply with. ";

    @WebSocketGateway("/replies")
    static class RepliesGateway {

        @SubscribeMessage("future")
        public Future<String> future() {
            return null;
        }

        @SubscribeMessage("stream")
        public Stream<String> stream() {
            return null;
        }

        @SubscribeMessage("ints")
        public IntStream ints() {
            return null;
        }

        @SubscribeMessage("iterator")
        public Iterator<String> iterator() {
            return null;
        }

        @SubscribeMessage("optional")
        public Optional<String> optional() {
            return null;
        }

        @SubscribeMessage("client")
        public GatewayClient client(GatewayClient client) {
            return client;
        }

        @SubscribeMessage("session")
        public Session session(Session session) {
            return session;
        }

        @SubscribeMessage("entry")
        public Optional<Map.Entry<String, String>> entry() {
            return null;
        }
    }

    @Test
    void rejectsEachUnsupportedReturnType(DeploymentFailure failure) {
        assertThat(failure.ids()).containsExactly("GW-0105", "GW-0105", "GW-0105", "GW-0105", "GW-0105", "GW-0105",
                "GW-0105", "GW-0105");
    }

    @Test
    void futureThatIsNotACompletionStage(DeploymentFailure failure) {
        assertThat(failure.message()).contains("GW-0105 " + PREFIX + "future() returns Future<String>" + CANNOT
                + "Return a CompletionStage (such as CompletableFuture) to reply when the work completes.");
    }

    @Test
    void streamsAndIterators(DeploymentFailure failure) {
        String fix = "Return a List (or another collection) of the items.";
        assertThat(failure.message()).contains(PREFIX + "stream() returns Stream<String>" + CANNOT + fix,
                PREFIX + "ints() returns IntStream" + CANNOT + fix,
                PREFIX + "iterator() returns Iterator<String>" + CANNOT + fix);
    }

    @Test
    void optional(DeploymentFailure failure) {
        assertThat(failure.message()).contains(PREFIX + "optional() returns Optional<String>" + CANNOT
                + "Return the value itself, or null to send no reply.");
    }

    @Test
    void theConnectionItself(DeploymentFailure failure) {
        String fix = "Return the data to send to the client.";
        assertThat(failure.message()).contains(PREFIX + "client(GatewayClient) returns GatewayClient" + CANNOT + fix,
                PREFIX + "session(Session) returns Session" + CANNOT + fix);
    }

    @Test
    void namesNestedTypesWithDotsLikeEveryOtherMessage(DeploymentFailure failure) {
        assertThat(failure.message()).doesNotContain("$")
                .contains(PREFIX + "entry() returns Optional<Map.Entry<String, String>>" + CANNOT);
    }
}
