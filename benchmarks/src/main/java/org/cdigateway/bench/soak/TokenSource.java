package org.cdigateway.bench.soak;

import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * A stand-in for a slow producer such as a language model: numbered tokens at a fixed pace on a timer thread, as many
 * as the subscriber asked for. Counts each subscription and how it ended, cancelled or complete; one that never ends
 * keeps ticking, which is what the soak's "open subscriptions" catches.
 */
@ApplicationScoped
public class TokenSource {

    @Inject
    Tallies tallies;

    private ScheduledThreadPoolExecutor timer;

    @PostConstruct
    void start() {
        timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "soak-tokens");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true); // a cancelled stream leaves nothing in the timer's queue
    }

    /** {@code count} tokens, one every {@code everyMillis}; {@code count <= 0} for tokens until cancelled. */
    Flow.Publisher<Integer> tokens(int count, int everyMillis) {
        return subscriber -> {
            Ticks ticks = new Ticks(subscriber, count <= 0 ? Long.MAX_VALUE : count);
            tallies.streamStarted();
            subscriber.onSubscribe(ticks);
            ticks.start(Math.max(1, everyMillis));
        };
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }

    private final class Ticks implements Flow.Subscription {

        private final Flow.Subscriber<? super Integer> subscriber;
        private final long count;
        private final AtomicLong demand = new AtomicLong();
        private final AtomicBoolean done = new AtomicBoolean();
        private volatile ScheduledFuture<?> schedule;
        private long next; // only the timer thread

        Ticks(Flow.Subscriber<? super Integer> subscriber, long count) {
            this.subscriber = subscriber;
            this.count = count;
        }

        void start(int everyMillis) {
            if (done.get()) {
                return; // cancelled within onSubscribe
            }
            schedule = timer.scheduleAtFixedRate(this::tick, everyMillis, everyMillis, TimeUnit.MILLISECONDS);
            if (done.get()) {
                stopTicking();
            }
        }

        private void tick() {
            if (done.get() || demand.get() == 0) {
                return;
            }
            demand.decrementAndGet();
            subscriber.onNext((int) next++);
            if (next == count && done.compareAndSet(false, true)) {
                stopTicking();
                tallies.streamCompleted();
                subscriber.onComplete();
            }
        }

        @Override
        public void request(long n) {
            demand.accumulateAndGet(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
        }

        @Override
        public void cancel() {
            if (done.compareAndSet(false, true)) {
                tallies.streamCancelled();
                stopTicking();
            }
        }

        private void stopTicking() {
            ScheduledFuture<?> s = schedule;
            if (s != null) {
                s.cancel(false);
            }
        }
    }
}
