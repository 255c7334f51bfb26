package org.cdigateway.internal.stream;

import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.json.JsonValue;

import org.cdigateway.internal.client.SessionClient;
import org.cdigateway.internal.dispatch.Attachments;
import org.cdigateway.internal.dispatch.MessageRefusedException;
import org.cdigateway.internal.filter.ErrorFrames;
import org.cdigateway.internal.json.JsonCodec;
import org.cdigateway.internal.protocol.WireProtocol;
import org.cdigateway.internal.telemetry.GatewayMetrics;
import org.cdigateway.internal.telemetry.GatewayTracer;
import org.cdigateway.internal.telemetry.TraceSpan;

/**
 * Streams what a handler's {@link Flow.Publisher} publishes to the client that asked: one frame per item with the
 * handler's event and the request's id, then {@code {"event":..,"id":..,"end":true}}, or an error frame for that id.
 *
 * <p>
 * Flow control: it asks for {@link #WINDOW} items, then for more only as items' frames are written to the socket, so
 * a fast publisher never has more than the window waiting in the client's buffer. A frame the slow-consumer policy
 * drops is owed, not asked for at once: the next completed write asks for itself and for what was dropped, so a
 * stream to a client that does not read is pulled no faster than the client reads. It cancels the subscription when
 * the client sends {@code "cancel":true} for the id, disconnects, or the application stops; after that it ignores the
 * publisher.
 *
 * <p>
 * One connection runs one stream per id at a time: a request whose id is the id of a running stream is refused
 * ({@code DUPLICATE_ID}) without subscribing to its publisher, so a cancel always names exactly one stream.
 */
public final class StreamReply<T> implements Flow.Subscriber<T> {

    private static final Logger LOG = Logger.getLogger(StreamReply.class.getName());
    private static final AtomicLong ANONYMOUS = new AtomicLong();

    /** Items requested ahead of the writes. */
    public static final int WINDOW = 8;

    /** Calls of {@code request} in one loop on one thread before the loop moves to a gateway thread. */
    static final int INLINE_ROUNDS = 64;

    private final SessionClient client;
    private final String quotedEvent;
    private final JsonValue id;
    private final JsonCodec json;
    private final Consumer<Throwable> failure;
    private final String key;
    private final AtomicReference<Flow.Subscription> subscription = new AtomicReference<>();
    private final AtomicBoolean done = new AtomicBoolean();
    private final AtomicLong owed = new AtomicLong();
    /** Demand not yet passed to the subscription; see {@link #request}. */
    private final AtomicLong unrequested = new AtomicLong();
    private final AtomicInteger requesting = new AtomicInteger();
    private final Runnable cancel = this::cancel;
    private final GatewayMetrics metrics;
    private final TraceSpan span;
    private final Executor executor;

    private StreamReply(SessionClient client, String quotedEvent, JsonValue id, JsonCodec json,
            Consumer<Throwable> failure, GatewayMetrics metrics, TraceSpan span, Executor executor) {
        this.executor = executor;
        this.metrics = metrics;
        this.span = span;
        this.client = client;
        this.quotedEvent = quotedEvent;
        this.id = id;
        this.json = json;
        this.failure = failure;
        this.key = id == JsonValue.NULL ? "\0anonymous-" + ANONYMOUS.incrementAndGet() : key(id);
    }

    /** The key a stream with this request id is kept under. */
    public static String key(JsonValue id) {
        return id.toString();
    }

    /**
     * Subscribes to the publisher a handler returned and streams it to the client.
     *
     * @param failure answers the client when the publisher fails (through the exception filters)
     * @param metrics counts the stream while it runs, and how it ended
     * @param span    the stream's span, ended with it
     * @param executor where a publisher that sends from within {@code request} goes on (see {@link #request})
     * @throws MessageRefusedException DUPLICATE_ID when a stream with that id is still running; the publisher is not
     *                                 subscribed to
     */
    public static <T> void start(Flow.Publisher<T> publisher, SessionClient client, String quotedEvent, JsonValue id,
            JsonCodec json, Consumer<Throwable> failure, GatewayMetrics metrics, TraceSpan span, Executor executor) {
        StreamReply<T> reply = new StreamReply<>(client, quotedEvent, id, json, failure, metrics, span, executor);
        if (!client.addStream(reply.key, reply.cancel)) {
            span.end(ErrorFrames.code(duplicate(id)), true);
            throw duplicate(id);
        }
        metrics.streamStarted();
        try {
            publisher.subscribe(reply);
        } catch (RuntimeException e) {
            reply.onError(e);
        }
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        if (!subscription.compareAndSet(null, s) || done.get()) {
            s.cancel(); // a second subscription, or cancelled before it arrived
            return;
        }
        request(WINDOW);
    }

    /**
     * Passes demand to the subscription, one call at a time, and never from inside a call of its own: a publisher that
     * sends items from within {@code request}, whose writes complete at once, would otherwise recurse item by item
     * (request, onNext, written, request...) until the stack overflows. Demand that arrives during a call is passed
     * on by the caller's loop once the call returns. A publisher that keeps that loop going (its items written at once,
     * each asking for the next) is moved to a gateway thread after {@link #INLINE_ROUNDS} rounds, so that it does not
     * hold the container's thread, which the connection's next messages (a cancel) need.
     */
    private void request(long n) {
        unrequested.addAndGet(n);
        if (requesting.getAndIncrement() != 0) {
            return;
        }
        drainRequests(1);
    }

    private void drainRequests(int missedBefore) {
        int missed = missedBefore;
        int rounds = 0;
        do {
            if (++rounds > INLINE_ROUNDS) {
                int carried = missed; // the loop goes on there: requesting stays held
                executor.execute(() -> drainRequests(carried));
                return;
            }
            long k = unrequested.getAndSet(0);
            Flow.Subscription s = subscription.get();
            if (k > 0 && s != null && !done.get()) {
                try {
                    s.request(k);
                } catch (RuntimeException e) { // a publisher's defect: the stream fails as if it had signalled it
                    cancelUpstream();
                    fail(e);
                }
            }
            missed = requesting.addAndGet(-missed);
        } while (missed != 0);
    }

    @Override
    public void onNext(T item) {
        if (done.get()) {
            return;
        }
        String frame;
        try {
            WireProtocol protocol = client.protocol();
            frame = protocol.sendsBinaries() && Attachments.held(item)
                    ? protocol.withBinaries(WireProtocol.Kind.STREAM_ITEM, quotedEvent, item, id, json)
                    : protocol.streamItem(quotedEvent, json.encode(item), id);
        } catch (RuntimeException | StackOverflowError e) {
            cancelUpstream();
            fail(e);
            return;
        }
        synchronized (this) { // with cancel: once a cancel returned, no item of this stream is queued any more
            if (done.get()) {
                return;
            }
            client.sendText(frame, this::written);
        }
    }

    /** The refusal of a second stream with the id of a running one. */
    public static MessageRefusedException duplicate(JsonValue id) {
        return new MessageRefusedException(MessageRefusedException.DUPLICATE_ID, "A stream with the id " + id
                + " is still running: cancel it first ({\"cancel\":true,\"id\":" + id + "}) or use another id");
    }

    /**
     * One item's frame left the buffer: written, ask for the next and for any dropped before it; dropped, owe it.
     * Nothing more is asked for once the stream or the client is gone.
     */
    private void written(boolean written) {
        Flow.Subscription s = subscription.get();
        if (done.get() || s == null) {
            return;
        }
        if (client.hasEnded()) {
            cancel();
        } else if (written) {
            request(1 + owed.getAndSet(0));
        } else {
            owed.incrementAndGet();
        }
    }

    @Override
    public void onError(Throwable error) {
        fail(error);
    }

    private void fail(Throwable error) {
        if (done.compareAndSet(false, true)) {
            client.removeStream(key, cancel);
            try {
                failure.accept(error);
            } finally {
                ended(ErrorFrames.code(error), true);
            }
        }
    }

    @Override
    public void onComplete() {
        if (done.compareAndSet(false, true)) {
            client.removeStream(key, cancel);
            client.sendText(client.protocol().streamEnd(quotedEvent, id));
            ended(GatewayTracer.COMPLETED, false);
        }
    }

    /** Stops the stream: nothing more is sent for it, not even an end frame. Idempotent. */
    public void cancel() {
        boolean first;
        synchronized (this) {
            first = done.compareAndSet(false, true);
        }
        if (first) {
            client.removeStream(key, cancel);
            cancelUpstream();
            LOG.log(Level.FINE, () -> "Stream " + key + " of " + quotedEvent + " to " + client + " cancelled");
            ended(GatewayTracer.CANCELLED, false);
        }
    }

    /** Counts the stream's end and ends its span; once, by whichever of complete, fail and cancel came first. */
    private void ended(String outcome, boolean error) {
        metrics.streamEnded(outcome);
        span.end(outcome, error);
    }

    private void cancelUpstream() {
        Flow.Subscription s = subscription.get();
        if (s != null) {
            try {
                s.cancel();
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "Cancelling a subscription failed", e);
            }
        }
    }
}
