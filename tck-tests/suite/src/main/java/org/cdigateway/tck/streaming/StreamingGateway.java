package org.cdigateway.tck.streaming;

import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;

import org.cdigateway.MessageBody;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.WsException;

/** Streamed replies: a finite count, an endless one to cancel, a failing one; a probe of cancellations. */
@WebSocketGateway("/streams")
public class StreamingGateway {

    private final AtomicInteger cancellations = new AtomicInteger();

    @SubscribeMessage("count")
    public Flow.Publisher<String> count(@MessageBody long n) {
        return new Counter(n, cancellations::incrementAndGet);
    }

    @SubscribeMessage("fail")
    public Flow.Publisher<String> fail() {
        return subscriber -> subscriber.onSubscribe(new Flow.Subscription() {

            private boolean done;

            @Override
            public void request(long n) {
                if (!done) {
                    done = true;
                    subscriber.onNext("first");
                    subscriber.onError(new WsException("Quota exceeded"));
                }
            }

            @Override
            public void cancel() {}
        });
    }

    @SubscribeMessage("cancellations")
    public int cancellations() {
        return cancellations.get();
    }
}
