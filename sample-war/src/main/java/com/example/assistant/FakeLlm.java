package com.example.assistant;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Stands in for a large language model: answers a prompt token by token, 20 to 90 ms apart, from its own thread,
 * as the streaming APIs of model providers do. Counts the answers that were cancelled before they ended.
 */
// tag::llm[]
@ApplicationScoped
public class FakeLlm {

    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "fake-llm");
        t.setDaemon(true);
        return t;
    });
    private final AtomicInteger cancelled = new AtomicInteger();

    /** The answer to {@code prompt}, one token per item. */
    public Flow.Publisher<String> complete(String prompt) {
        List<String> tokens = answer(prompt);
        return subscriber -> subscriber.onSubscribe(new Flow.Subscription() {

            private final AtomicLong demand = new AtomicLong();
            private int next;
            private volatile boolean done;

            @Override
            public void request(long n) {
                if (demand.getAndAdd(n) == 0 && !done) {
                    schedule();
                }
            }

            @Override
            public void cancel() {
                if (!done) {
                    done = true;
                    cancelled.incrementAndGet(); // the client pressed Stop, or left
                }
            }

            private void schedule() {
                clock.schedule(this::emit, ThreadLocalRandom.current().nextInt(20, 90), TimeUnit.MILLISECONDS);
            }

            private void emit() { // one thread, one token at a time
                if (done) {
                    return;
                }
                if (next == tokens.size()) {
                    done = true;
                    subscriber.onComplete();
                    return;
                }
                subscriber.onNext(tokens.get(next++));
                if (demand.decrementAndGet() > 0) {
                    schedule();
                }
            }
        });
    }
    // end::llm[]

    /** How many answers were cancelled before their end. */
    public int cancelledCount() {
        return cancelled.get();
    }

    @PreDestroy
    void stop() {
        clock.shutdownNow();
    }

    private static List<String> answer(String prompt) {
        String text = "You asked: \"" + prompt.strip() + "\". Here is a long and thoughtful answer, written one token "
                + "at a time, the way a language model streams it. A gateway handler returns a Flow.Publisher, and "
                + "each token becomes a frame with the id of your request; the end of the answer is a frame of its "
                + "own. Press Stop at any moment: the page sends a cancel frame with the same id, the gateway "
                + "cancels the subscription, and the model stops producing tokens nobody will read. "
                        .repeat(3);
        List<String> tokens = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == ' ') {
                tokens.add(text.substring(start, Math.min(i + 1, text.length())));
                start = i + 1;
            }
        }
        return tokens;
    }
}
