package org.cdigateway.tck.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import org.cdigateway.junit5.client.Frame;
import org.cdigateway.junit5.client.GatewayTestClient;
import org.cdigateway.tck.Deployments;
import org.cdigateway.tck.WebSockets;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code afterInit} once, {@code handleConnection} before the first message, {@code handleDisconnect} exactly once per
 * connection however it ended. What the server saw is reported by probe events to a second client, the observer.
 */
@ExtendWith(ArquillianExtension.class)
class LifecycleIT {

    static final Duration WAIT = Duration.ofSeconds(10);
    static final Duration QUIET = Duration.ofMillis(300);

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war("lifecycle", LifecycleGateway.class, LifecycleLog.class);
    }

    @ArquillianResource
    URL base;

    GatewayTestClient observer;

    @BeforeEach
    void connectObserver() {
        observer = WebSockets.connect(base, "lifecycle");
        observer.awaitEvent("welcome", WAIT);
    }

    @AfterEach
    void closeObserver() {
        observer.close();
    }

    private GatewayTestClient connect(String query) {
        return WebSockets.connect(base, "lifecycle" + query);
    }

    private static String welcomeId(GatewayTestClient client) {
        return client.awaitEvent("welcome", WAIT).data(String.class);
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Frame reply) {
        assertThat(reply.isError()).as("probe reply %s", reply).isFalse();
        return reply.data(List.class);
    }

    private List<String> history(String clientId) {
        return strings(observer.request("history", clientId));
    }

    /** Asks the server again and again, within {@link #WAIT}, until the history of the client matches. */
    private List<String> awaitHistory(String probe, String key, Predicate<List<String>> done, String expected) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<String> seen;
        do {
            seen = strings(observer.request(probe, key));
            if (done.test(seen)) {
                return seen;
            }
        } while (System.nanoTime() < deadline);
        throw new AssertionError("expected " + expected + " for " + key + " within " + WAIT.toSeconds()
                + " s, the server reports " + seen);
    }

    private List<String> awaitDisconnect(String clientId) {
        awaitHistory("history", clientId, h -> h.stream().anyMatch(e -> e.startsWith("disconnect:")),
                "a disconnect");
        // a second handleDisconnect would follow right after the first: give it a moment to show, then look again
        observer.assertNoFrame(QUIET);
        return history(clientId);
    }

    @Test
    void afterInitRanOnceBeforeAnyConnection() {
        assertThat(strings(observer.request("inits", null))).containsExactly("/lifecycle:0");
        GatewayTestClient another = connect("");
        try {
            welcomeId(another);
            assertThat(strings(another.request("inits", null))).containsExactly("/lifecycle:0");
        } finally {
            another.close();
        }
    }

    @Test
    void handleConnectionRunsBeforeTheFirstMessage() {
        GatewayTestClient client = connect("");
        try {
            // sent as soon as the connection is open, without waiting for the welcome
            assertThat(client.request("greeted", null).data(Boolean.class)).isTrue();
            assertThat(client.frames()).hasSize(2);
            Frame first = client.frames().get(0);
            assertThat(first.event()).isEqualTo("welcome");
            String id = first.data(String.class);
            assertThat(history(id)).containsExactly("connect", "message");
        } finally {
            client.close();
        }
    }

    @Test
    void disconnectOnceWhenTheClientCloses() {
        GatewayTestClient client = connect("");
        String id = welcomeId(client);
        client.close();
        assertThat(awaitDisconnect(id)).containsExactly("connect", "disconnect:1000:false");
    }

    @Test
    void disconnectOnceWhenTheClientDropsTheConnection() {
        GatewayTestClient client = connect("");
        String id = welcomeId(client);
        client.abort();
        assertThat(awaitDisconnect(id)).containsExactly("connect", "disconnect:1006:false");
    }

    @Test
    void disconnectOnceWhenTheGatewayClosesWithItsOwnCode() {
        GatewayTestClient client = connect("");
        String id = welcomeId(client);
        client.emit("kick", null);
        assertThat(client.expectClose(4000).reason()).isEqualTo("bye");
        assertThat(awaitDisconnect(id)).containsExactly("connect", "disconnect:4000:false");
    }

    @Test
    void aFailingHandleConnectionClosesWith1011BeforeAnyMessage() {
        String tag = UUID.randomUUID().toString();
        GatewayTestClient client = connect("?fail=1&tag=" + tag);
        try {
            client.sendText("{\"event\":\"greeted\",\"id\":1}");
        } catch (IllegalStateException | UncheckedIOException alreadyClosed) {
            // the server may have closed already, so the frame cannot even be sent: what this test wants anyway
        }
        assertThat(client.expectClose(1011).code()).isEqualTo(1011);
        assertThat(client.frames()).isEmpty();
        List<String> history = awaitHistory("history-of-tag", tag,
                h -> h.stream().anyMatch(e -> e.startsWith("disconnect:")), "a disconnect");
        assertThat(history).containsExactly("connect", "disconnect:1011:false");
    }

    @Test
    void eachOfManyConnectionsIsDisconnectedOnce() {
        List<GatewayTestClient> clients = List.of(connect(""), connect(""), connect(""));
        List<String> ids = clients.stream().map(LifecycleIT::welcomeId).toList();
        clients.get(0).close();
        clients.get(1).abort();
        clients.get(2).emit("kick", null);
        clients.get(2).expectClose(4000);
        for (String id : ids) {
            awaitHistory("history", id, h -> h.stream().anyMatch(e -> e.startsWith("disconnect:")), "a disconnect");
        }
        observer.assertNoFrame(QUIET);
        assertThat(history(ids.get(0))).containsExactly("connect", "disconnect:1000:false");
        assertThat(history(ids.get(1))).containsExactly("connect", "disconnect:1006:false");
        assertThat(history(ids.get(2))).containsExactly("connect", "disconnect:4000:false");
    }
}
