package org.cdigateway.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.cdigateway.ConnectedSocket;
import org.cdigateway.GatewayClient;
import org.cdigateway.MessageBody;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.WsException;
import org.cdigateway.internal.client.SessionClient;
import org.cdigateway.internal.stream.StreamReply;
import org.cdigateway.junit5.Clients;
import org.cdigateway.junit5.GatewayTest;
import org.cdigateway.junit5.client.Frame;
import org.cdigateway.junit5.client.GatewayTestClient;
import org.cdigateway.se.GatewayRuntime;
import org.junit.jupiter.api.Test;

/** Streamed replies: items with the request's id, then the end; errors; flow control; cancellation. */
@GatewayTest
class StreamingTest {

    static final Duration WAIT = Duration.ofSeconds(10);

    /**
     * Publishes 0..count-1 (or "i:" and {@code padding} characters) as fast as it is asked, on a pool thread as real
     * publishers do; counts what was requested and published, and records a cancel.
     */
    static final class Numbers implements Flow.Publisher<Object> {

        final int count;
        final String padding;
        final AtomicLong requested = new AtomicLong();
        final AtomicLong published = new AtomicLong();
        final CountDownLatch cancelled = new CountDownLatch(1);
        final AtomicBoolean stop = new AtomicBoolean();

        Numbers(int count, int padding) {
            this.count = count;
            this.padding = padding == 0 ? null : "x".repeat(padding);
        }

        @Override
        public void subscribe(Flow.Subscriber<? super Object> subscriber) {
            subscriber.onSubscribe(new Flow.Subscription() {

                long next;
                long demand;
                boolean emitting;

                @Override
                public void request(long n) {
                    requested.addAndGet(n);
                    synchronized (this) {
                        demand += n;
                        if (emitting) {
                            return; // the running loop picks the demand up
                        }
                        emitting = true;
                    }
                    CompletableFuture.runAsync(this::emit);
                }

                private void emit() {
                    while (true) {
                        int item;
                        synchronized (this) {
                            if (stop.get() || demand == 0 || next >= count) {
                                emitting = false;
                                return;
                            }
                            demand--;
                            item = (int) next++;
                        }
                        published.incrementAndGet();
                        subscriber.onNext(padding == null ? (Object) item : item + ":" + padding);
                        if (item == count - 1) {
                            subscriber.onComplete();
                        }
                    }
                }

                @Override
                public void cancel() {
                    stop.set(true);
                    cancelled.countDown();
                }
            });
            if (count == 0) {
                subscriber.onComplete();
            }
        }
    }

    @ApplicationScoped
    static class Streams {

        private volatile Numbers last;

        /** The publisher of the latest request (read through a method: the test holds a client proxy). */
        Numbers last() {
            return last;
        }

        Numbers numbers(int count, int padding) {
            Numbers n = new Numbers(count, padding);
            last = n;
            return n;
        }
    }

    // tag::tokens[]
    /** A stand-in for a language model: answers a prompt token by token, with a delay between tokens. */
    @ApplicationScoped
    static class FakeModel {

        Flow.Publisher<String> complete(String prompt) {
            SubmissionPublisher<String> tokens = new SubmissionPublisher<>();
            CompletableFuture.runAsync(() -> {
                try (tokens) {
                    for (String token : ("You asked: " + prompt).split("(?<= )")) {
                        TimeUnit.MILLISECONDS.sleep(5); // the model thinking
                        tokens.submit(token);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            return tokens;
        }
    }

    @WebSocketGateway("/chat-ai")
    static class AssistantGateway {

        @Inject
        FakeModel model;

        @SubscribeMessage("prompt")
        public Flow.Publisher<String> prompt(@MessageBody String prompt) {
            return model.complete(prompt); // <1>
        }
    }
    // end::tokens[]

    @WebSocketGateway("/numbers")
    static class NumbersGateway {

        @Inject
        Streams streams;

        @SubscribeMessage("count")
        public Flow.Publisher<Object> count(@MessageBody int n) {
            return streams.numbers(n, 0);
        }

        /** Items of about 1 KB, enough to fill the kernel's socket buffers. */
        @SubscribeMessage("big")
        public Flow.Publisher<Object> big(@MessageBody int n) {
            return streams.numbers(n, 1000);
        }

        @SubscribeMessage("fail")
        public Flow.Publisher<Integer> fail(@MessageBody boolean ws) {
            return subscriber -> {
                subscriber.onSubscribe(new Flow.Subscription() {

                    boolean sent;

                    @Override
                    public void request(long n) {
                        if (!sent) {
                            sent = true;
                            subscriber.onNext(1);
                            subscriber.onError(ws
                                    ? new WsException("Quota exceeded")
                                    : new IllegalStateException("secret detail"));
                        }
                    }

                    @Override
                    public void cancel() {}
                });
            };
        }

        @SubscribeMessage("whoami")
        public String whoami(@ConnectedSocket GatewayClient client) {
            return client.id();
        }

        /**
         * A naive publisher that sends from within {@code request}: with writes that complete at once, each item's
         * write asks for the next while the previous call is still on the stack.
         */
        @SubscribeMessage("eager")
        public Flow.Publisher<Integer> eager(@MessageBody int n) {
            return subscriber -> subscriber.onSubscribe(new Flow.Subscription() {

                int next;
                volatile boolean cancelled;

                @Override
                public void request(long k) {
                    for (long i = 0; i < k && next < n && !cancelled; i++) {
                        subscriber.onNext(next++);
                    }
                    if (next == n && !cancelled) {
                        next++;
                        subscriber.onComplete();
                    }
                }

                @Override
                public void cancel() {
                    cancelled = true;
                }
            });
        }
    }

    @Test
    void aPublisherThatSendsFromWithinRequestDoesNotRecurseAndTheConnectionGoesOn(Clients clients) {
        GatewayTestClient client = clients.connect("/numbers");
        int n = 20_000; // deep enough to overflow any thread's stack one item per level
        String id = client.stream("eager", n);
        int expected = 0;
        Frame frame;
        while (!(frame = client.awaitStreamFrame(id, WAIT)).isEnd()) {
            assertThat(frame.data(Integer.class)).isEqualTo(expected++);
        }
        assertThat(expected).isEqualTo(n);
        assertThat(client.request("whoami", null).isError()).isFalse();

        String endless = client.stream("eager", Integer.MAX_VALUE);
        client.awaitStreamFrame(endless, WAIT);
        client.cancel("eager", endless);
        assertThat(client.request("whoami", null).isError()).isFalse(); // answered after the cancel
    }

    @Test
    void tokensArriveInOrderThenTheEnd(Clients clients) {
        GatewayTestClient client = clients.connect("/chat-ai");
        String id = client.stream("prompt", "what is a gateway?");
        StringBuilder answer = new StringBuilder();
        Frame frame;
        while (!(frame = client.awaitStreamFrame(id, WAIT)).isEnd()) {
            assertThat(frame.event()).isEqualTo("prompt");
            answer.append(frame.data(String.class));
        }
        assertThat(answer).hasToString("You asked: what is a gateway?");
        assertThat(frame.event()).isEqualTo("prompt");
        assertThat(frame.raw()).isEqualTo("{\"event\":\"prompt\",\"id\":\"" + id + "\",\"end\":true}");
    }

    @Test
    void anEmptyStreamSendsOnlyTheEnd(Clients clients) {
        GatewayTestClient client = clients.connect("/numbers");
        String id = client.stream("count", 0);
        assertThat(client.awaitStreamFrame(id, WAIT).isEnd()).isTrue();
        client.assertNoFrame(Duration.ofMillis(200));
    }

    @Test
    void aFailingPublisherEndsTheStreamWithAnErrorFrameForItsId(Clients clients) {
        GatewayTestClient client = clients.connect("/numbers");
        String ws = client.stream("fail", true);
        assertThat(client.awaitStreamFrame(ws, WAIT).data(Integer.class)).isEqualTo(1);
        Frame error = client.awaitStreamFrame(ws, WAIT);
        assertThat(error.isError()).isTrue();
        assertThat(error.errorMessage()).isEqualTo("Quota exceeded");

        String other = client.stream("fail", false);
        client.awaitStreamFrame(other, WAIT);
        Frame internal = client.awaitStreamFrame(other, WAIT);
        assertThat(internal.errorCode()).isEqualTo("INTERNAL");
        assertThat(internal.raw()).doesNotContain("secret detail");
        client.assertNoFrame(Duration.ofMillis(200)); // no end frame after an error
    }

    @Test
    void aFastPublisherIsHeldToTheWindowWhileTheClientDoesNotRead(Clients clients, GatewayRuntime runtime) {
        GatewayTestClient client = clients.connect("/numbers");
        String clientId = client.request("whoami", null).data(String.class);
        SessionClient server = (SessionClient) runtime.server(NumbersGateway.class).client(clientId).orElseThrow();
        Streams streams = runtime.select(Streams.class);
        int items = 10_000;

        client.pauseReading();
        String id = client.stream("big", items);
        // the kernel's buffers take some frames; then the writes stall and so do the requests
        long stalledAt = awaitStall(streams);
        assertThat(server.outbound().queuedFrames()).isLessThanOrEqualTo(StreamReply.WINDOW);
        assertThat(streams.last().requested.get()).isLessThanOrEqualTo(stalledAt + StreamReply.WINDOW);
        assertThat(stalledAt).isLessThan(items);

        client.resumeReading();
        for (int i = 0; i < items; i++) {
            assertThat(client.awaitStreamFrame(id, WAIT).data(String.class)).startsWith(i + ":");
        }
        assertThat(client.awaitStreamFrame(id, WAIT).isEnd()).isTrue();
        assertThat(streams.last().requested.get()).isLessThanOrEqualTo(items + StreamReply.WINDOW);
        assertThat(server.activeStreams()).isZero();
    }

    @Test
    void aDisconnectMidStreamCancelsThePublisher(Clients clients, GatewayRuntime runtime) throws Exception {
        GatewayTestClient client = clients.connect("/numbers");
        Streams streams = runtime.select(Streams.class);
        client.pauseReading();
        client.stream("big", 1_000_000);
        awaitStall(streams);

        client.abort();

        assertThat(streams.last().cancelled.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(streams.last().published.get()).isLessThan(1_000_000);
    }

    @Test
    void aCancelFrameCancelsThatStreamOnly(Clients clients, GatewayRuntime runtime) throws Exception {
        GatewayTestClient client = clients.connect("/numbers");
        String clientId = client.request("whoami", null).data(String.class);
        SessionClient server = (SessionClient) runtime.server(NumbersGateway.class).client(clientId).orElseThrow();
        Streams streams = runtime.select(Streams.class);

        String endless = client.stream("count", Integer.MAX_VALUE);
        assertThat(client.awaitStreamFrame(endless, WAIT).data(Integer.class)).isZero();
        Numbers endlessPublisher = streams.last();
        String shortOne = client.stream("count", 3);

        client.cancel("count", endless);

        assertThat(endlessPublisher.cancelled.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        for (int i = 0; i < 3; i++) {
            assertThat(client.awaitStreamFrame(shortOne, WAIT).data(Integer.class)).isEqualTo(i);
        }
        assertThat(client.awaitStreamFrame(shortOne, WAIT).isEnd()).isTrue();
        // whatever was in flight when the cancel arrived came before this round trip; after it, nothing more
        client.request("whoami", null);
        long inFlight = client.frames().stream().filter(f -> endless.equals(f.idAsString())).count();
        client.request("whoami", null);
        long later = System.nanoTime() + Duration.ofMillis(300).toNanos();
        while (System.nanoTime() < later) { // an endless stream still running would send ~a frame a microsecond
            client.request("whoami", null);
        }
        List<Frame> seen = client.frames();
        assertThat(seen.stream().filter(f -> endless.equals(f.idAsString())).count()).isEqualTo(inFlight);
        assertThat(seen).noneMatch(f -> endless.equals(f.idAsString()) && f.isEnd());
        assertThat(server.activeStreams()).isZero();
    }

    /** Waits until the publisher stops being asked for more: the writes have backed up. */
    private static long awaitStall(Streams streams) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (streams.last() == null && System.nanoTime() < deadline) {
            LockSupport.parkNanos(1_000_000);
        }
        long previous = -1;
        long current = streams.last().requested.get();
        while (current != previous && System.nanoTime() < deadline) {
            previous = current;
            LockSupport.parkNanos(200_000_000); // polls until requests stop growing for 200 ms
            current = streams.last().requested.get();
        }
        return current;
    }
}
