package org.cdigateway.tests.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.cdigateway.ConnectedSocket;
import org.cdigateway.GatewayClient;
import org.cdigateway.MessageBody;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.internal.client.SessionClient;
import org.cdigateway.junit5.Clients;
import org.cdigateway.junit5.GatewayTest;
import org.cdigateway.junit5.client.Frame;
import org.cdigateway.junit5.client.GatewayTestClient;
import org.cdigateway.se.GatewayRuntime;
import org.junit.jupiter.api.Test;

/**
 * A request whose id is the id of a running stream is refused with DUPLICATE_ID, so a cancel and a disconnect always
 * reach every live stream; and a connection runs at most its cap of streams at once.
 */
@GatewayTest
class StreamIdsTest {

    static final Duration WAIT = Duration.ofSeconds(10);

    /** Publishers the gateway made, each publishing every 5 ms until cancelled. */
    @ApplicationScoped
    static class Tickers {

        private final List<Ticker> made = new CopyOnWriteArrayList<>();

        List<Ticker> made() {
            return made;
        }

        Ticker next() {
            Ticker t = new Ticker();
            made.add(t);
            return t;
        }
    }

    static final class Ticker extends SubmissionPublisher<Integer> {

        volatile boolean cancelled;
        private final Thread thread;

        Ticker() {
            thread = new Thread(() -> {
                int i = 0;
                while (!isClosed() && !cancelled) {
                    if (getNumberOfSubscribers() == 0 && i > 0) {
                        cancelled = true; // the subscriber cancelled
                        break;
                    }
                    submit(i++);
                    try {
                        TimeUnit.MILLISECONDS.sleep(5); // a token source pacing itself
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            thread.setDaemon(true);
        }

        @Override
        public void subscribe(Flow.Subscriber<? super Integer> subscriber) {
            super.subscribe(subscriber);
            thread.start();
        }
    }

    @WebSocketGateway(value = "/ticks", maxStreamsPerConnection = 3)
    static class TicksGateway {

        @Inject
        Tickers tickers;

        @SubscribeMessage("ticks")
        public Flow.Publisher<Integer> ticks(@MessageBody String ignored) {
            return tickers.next();
        }

        @SubscribeMessage("whoami")
        public String whoami(@ConnectedSocket GatewayClient client) {
            return client.id();
        }
    }

    @Test
    void aSecondStreamWithTheIdOfARunningOneIsRefusedAndTheCancelStopsTheFirst(Clients clients,
            GatewayRuntime runtime) {
        Tickers tickers = runtime.select(Tickers.class);
        int before = tickers.made().size();
        GatewayTestClient client = clients.connect("/ticks");
        client.sendText("{\"event\":\"ticks\",\"data\":\"a\",\"id\":\"s1\"}");
        assertThat(client.awaitStreamFrame("s1", WAIT).data(Integer.class)).isZero();

        client.sendText("{\"event\":\"ticks\",\"data\":\"b\",\"id\":\"s1\"}");
        Frame refused = awaitError(client, "s1");
        assertThat(refused.errorCode()).isEqualTo("DUPLICATE_ID");
        assertThat(tickers.made()).hasSize(before + 1); // the handler did not run for the second

        client.sendText("{\"event\":\"ticks\",\"id\":\"s1\",\"cancel\":true}");
        Ticker first = tickers.made().get(before);
        awaitCancelled(first);
        assertNoMoreFramesFor(client, "s1");
        assertThat(server(client, runtime).activeStreams()).isZero();
    }

    @Test
    void aDisconnectCancelsEveryRunningStream(Clients clients, GatewayRuntime runtime) {
        Tickers tickers = runtime.select(Tickers.class);
        int before = tickers.made().size();
        GatewayTestClient client = clients.connect("/ticks");
        for (int id = 1; id <= 3; id++) {
            client.sendText("{\"event\":\"ticks\",\"data\":\"x\",\"id\":\"s" + id + "\"}");
            client.awaitStreamFrame("s" + id, WAIT);
        }
        client.sendText("{\"event\":\"ticks\",\"data\":\"b\",\"id\":\"s2\"}"); // refused: must not hide stream 2
        assertThat(awaitError(client, "s2").errorCode()).isEqualTo("DUPLICATE_ID");

        client.abort();

        for (Ticker t : tickers.made().subList(before, before + 3)) {
            awaitCancelled(t);
        }
        assertThat(tickers.made()).hasSize(before + 3);
    }

    @Test
    void moreStreamsThanTheCapAreRefused(Clients clients, GatewayRuntime runtime) {
        GatewayTestClient client = clients.connect("/ticks");
        for (int id = 1; id <= 3; id++) {
            client.sendText("{\"event\":\"ticks\",\"data\":\"x\",\"id\":\"s" + id + "\"}");
            client.awaitStreamFrame("s" + id, WAIT);
        }
        client.sendText("{\"event\":\"ticks\",\"data\":\"x\",\"id\":\"s4\"}");
        Frame refused = awaitError(client, "s4");
        assertThat(refused.errorCode()).isEqualTo("LIMIT_EXCEEDED");
        assertThat(refused.errorMessage()).contains("3 streams");

        client.sendText("{\"event\":\"ticks\",\"id\":\"s1\",\"cancel\":true}");
        assertNoMoreFramesFor(client, "s1");
        client.sendText("{\"event\":\"ticks\",\"data\":\"x\",\"id\":\"s5\"}"); // room again
        assertThat(client.awaitStreamFrame("s5", WAIT).data(Integer.class)).isZero();
        assertThat(server(client, runtime).activeStreams()).isEqualTo(3);
    }

    private static SessionClient server(GatewayTestClient client, GatewayRuntime runtime) {
        String id = client.request("whoami", null).data(String.class);
        return (SessionClient) runtime.server(TicksGateway.class).client(id).orElseThrow();
    }

    private static Frame awaitError(GatewayTestClient client, String id) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Frame f = client.awaitStreamFrame(id, WAIT);
            if (f.isError()) {
                return f;
            }
        }
        throw new AssertionError("no error frame for id " + id);
    }

    private static void awaitCancelled(Ticker t) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!t.cancelled && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            try {
                TimeUnit.MILLISECONDS.sleep(1); // polling a flag the publisher's own thread sets
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
        assertThat(t.cancelled).as("publisher cancelled").isTrue();
    }

    /** After a round trip, no frame for {@code id} arrives for 300 ms (the ticker would send ~60 meanwhile). */
    private static void assertNoMoreFramesFor(GatewayTestClient client, String id) {
        client.request("whoami", null);
        long seen = client.frames().stream().filter(f -> id.equals(f.idAsString())).count();
        long deadline = System.nanoTime() + Duration.ofMillis(300).toNanos();
        while (System.nanoTime() < deadline) {
            client.request("whoami", null);
        }
        assertThat(client.frames().stream().filter(f -> id.equals(f.idAsString())).count()).isEqualTo(seen);
    }
}
