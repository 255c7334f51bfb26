package org.cdigateway.tests.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;

import org.cdigateway.CanActivate;
import org.cdigateway.ClientConnected;
import org.cdigateway.ClientDisconnected;
import org.cdigateway.ConnectedSocket;
import org.cdigateway.ExecutionContext;
import org.cdigateway.GatewayClient;
import org.cdigateway.OnGatewayConnection;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.UseGuards;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.junit5.Clients;
import org.cdigateway.junit5.GatewayTest;
import org.cdigateway.junit5.client.GatewayTestClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Any bean of the application observes clients connecting and disconnecting as CDI events, synchronously and
 * asynchronously; a failing observer changes nothing for the client; a refused client is not reported.
 */
@GatewayTest
class ClientEventsTest {

    static final Duration WAIT = Duration.ofSeconds(10);
    static final BlockingQueue<String> SEEN = new LinkedBlockingQueue<>();
    static final BlockingQueue<String> SEEN_ASYNC = new LinkedBlockingQueue<>();

    // tag::observer[]
    @ApplicationScoped
    public static class Presence {

        void joined(@Observes ClientConnected e) {
            SEEN.add("connected " + e.gateway().getSimpleName() + " " + e.client().id());
        }

        void left(@Observes ClientDisconnected e) {
            SEEN.add("disconnected " + e.gateway().getSimpleName() + " " + e.client().id() + " "
                    + e.reason().getCloseCode().getCode());
        }

        void joinedLater(@ObservesAsync ClientConnected e) {
            SEEN_ASYNC.add("connected " + e.client().id());
        }
    }
    // end::observer[]

    /** An observer that fails for one gateway's clients. */
    @ApplicationScoped
    public static class Failing {

        void joined(@Observes ClientConnected e) {
            if (e.gateway() == FailingObserverGateway.class) {
                throw new IllegalStateException("fails on purpose");
            }
        }
    }

    @WebSocketGateway("/events")
    public static class EventsGateway implements OnGatewayConnection {

        @Override
        public void handleConnection(GatewayClient client) {
            SEEN.add("handleConnection " + client.id());
        }

        @SubscribeMessage("id")
        public String id(@ConnectedSocket GatewayClient client) {
            return client.id();
        }
    }

    @WebSocketGateway("/failing-observer")
    public static class FailingObserverGateway {

        @SubscribeMessage("id")
        public String id(@ConnectedSocket GatewayClient client) {
            return client.id();
        }
    }

    public static class Deny implements CanActivate {

        @Override
        public boolean canActivate(ExecutionContext context) {
            return false;
        }
    }

    @WebSocketGateway("/refusing-events")
    @UseGuards(Deny.class)
    public static class RefusingGateway {

        @SubscribeMessage("id")
        public String id() {
            return "never";
        }
    }

    /** The next event of the client {@code id}, skipping those of other tests' clients (they end after their test). */
    static String next(BlockingQueue<String> events, String id) throws InterruptedException {
        return next(events, id, WAIT);
    }

    static String next(BlockingQueue<String> events, String id, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            String e = events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (e == null || e.contains(id)) {
                return e;
            }
        }
    }

    @BeforeEach
    void clear() {
        SEEN.clear();
        SEEN_ASYNC.clear();
    }

    @Test
    void observersSeeAClientConnectAfterHandleConnectionAndDisconnectWithItsCode(Clients clients) throws Exception {
        GatewayTestClient c = clients.connect("/events");
        String id = c.request("id", null).data(String.class);

        assertThat(next(SEEN, id)).isEqualTo("handleConnection " + id);
        assertThat(next(SEEN, id)).isEqualTo("connected EventsGateway " + id);
        assertThat(next(SEEN_ASYNC, id)).isEqualTo("connected " + id);

        c.close(4000, "bye");
        assertThat(SEEN.poll(WAIT.toSeconds(), TimeUnit.SECONDS))
                .isEqualTo("disconnected EventsGateway " + id + " 4000");
        assertThat(next(SEEN, id, Duration.ofMillis(500))).isNull(); // once
    }

    @Test
    void aFailingObserverChangesNothingForTheClient(Clients clients) throws Exception {
        GatewayTestClient c = clients.connect("/failing-observer");
        String id = c.request("id", null).data(String.class);
        assertThat(next(SEEN, id)).isEqualTo("connected FailingObserverGateway " + id);
        assertThat(c.request("id", null).data(String.class)).isEqualTo(id);
        assertThat(c.isOpen()).isTrue();
    }

    @Test
    void aRefusedClientIsNeitherConnectedNorDisconnected(Clients clients) throws Exception {
        clients.connect("/refusing-events").expectClose(4403);
        GatewayTestClient c = clients.connect("/events"); // a later event shows the refused one left none behind
        String id = c.request("id", null).data(String.class);
        assertThat(next(SEEN, id)).isEqualTo("handleConnection " + id);
        assertThat(next(SEEN, id)).isEqualTo("connected EventsGateway " + id);
    }
}
