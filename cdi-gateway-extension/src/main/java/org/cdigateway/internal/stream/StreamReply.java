package org.cdigateway.internal.stream;

import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.json.JsonValue;

import org.cdigateway.internal.client.SessionClient;
import org.cdigateway.internal.dispatch.Attachments;
import org.cdigateway.internal.dispatch.MessageRefusedException;
import org.cdigateway.internal.json.JsonCodec;
import org.cdigateway.internal.protocol.WireProtocol;

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

    private final SessionClient client;
    private final String quotedEvent;
    private final JsonValue id;
    private final JsonCodec json;
    private final Consumer<Throwable> failure;
    private final String key;
    private final AtomicReference<Flow.Subscription> subscription = new AtomicReference<>();
    private final AtomicBoolean done = new AtomicBoolean();
    private final AtomicLong owed = new AtomicLong();
    private final Runnable cancel = this::cancel;

    private StreamReply(SessionClient client, String quotedEvent, JsonValue id, JsonCodec json,
            Consumer<Throwable> failure) {
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
     * @throws MessageRefusedException DUPLICATE_ID when a stream with that id is still running; the publisher is not
     *                                 subscribed to
     */
    public static <T> void start(Flow.Publisher<T> publisher, SessionClient client, String quotedEvent, JsonValue id,
            JsonCodec json, Consumer<Throwable> failure) {
        StreamReply<T> reply = new StreamReply<>(client, quotedEvent, id, json, failure);
        if (!client.addStream(reply.key, reply.cancel)) {
            throw duplicate(id);
        }
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
        s.request(WINDOW);
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
            s.request(1 + owed.getAndSet(0));
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
            failure.accept(error);
        }
    }

    @Override
    public void onComplete() {
        if (done.compareAndSet(false, true)) {
            client.removeStream(key, cancel);
            client.sendText(client.protocol().streamEnd(quotedEvent, id));
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
        }
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
