package org.cdigateway.tck.streaming;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Publishes "0".."n-1" on a pool thread, as asked; an endless one stops on cancel and reports it to a listener.
 */
public final class Counter implements Flow.Publisher<String> {

    private final long count;
    private final Runnable onCancel;

    public Counter(long count, Runnable onCancel) {
        this.count = count;
        this.onCancel = onCancel;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super String> subscriber) {
        subscriber.onSubscribe(new Flow.Subscription() {

            private final AtomicBoolean stopped = new AtomicBoolean();
            private long next;
            private long demand;
            private boolean emitting;

            @Override
            public void request(long n) {
                synchronized (this) {
                    demand += n;
                    if (emitting) {
                        return;
                    }
                    emitting = true;
                }
                CompletableFuture.runAsync(this::emit);
            }

            private void emit() {
                while (true) {
                    long item;
                    synchronized (this) {
                        if (stopped.get() || demand == 0 || next >= count) {
                            emitting = false;
                            return;
                        }
                        demand--;
                        item = next++;
                    }
                    subscriber.onNext(Long.toString(item));
                    if (item == count - 1) {
                        subscriber.onComplete();
                    }
                }
            }

            @Override
            public void cancel() {
                if (stopped.compareAndSet(false, true)) {
                    onCancel.run();
                }
            }
        });
        if (count == 0) {
            subscriber.onComplete();
        }
    }
}
