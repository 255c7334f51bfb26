package org.cdigateway.client.js;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.websocket.server.PathParam;

import org.cdigateway.BearerToken;
import org.cdigateway.ConnectedSocket;
import org.cdigateway.EmitsEvent;
import org.cdigateway.GatewayClient;
import org.cdigateway.MessageBody;
import org.cdigateway.OnGatewayConnection;
import org.cdigateway.SubscribeBinary;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.WsException;

/** The gateway the client's tests talk to: replies, errors, emits, streams, binary frames and closes. */
@WebSocketGateway("/test/{room}")
@EmitsEvent(name = "shouted", payload = String.class, description = "The text of a shout, in capitals")
public class TestGateway implements OnGatewayConnection {

    /** The token "refused" is refused with 4401. */
    public static final String REFUSED = "refused";

    private static final ScheduledExecutorService TICKER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ticks");
        t.setDaemon(true);
        return t;
    });

    /** Completed when the last {@code ticks} stream was cancelled. */
    private static volatile CompletableFuture<Boolean> cancelled = new CompletableFuture<>();

    public record Echo(String text) {}

    public record Echoed(String text, String room) {}

    public record Who(String token, String via) {}

    @Override
    public void handleConnection(GatewayClient client) {
        String token = BearerToken.find(client).orElse(null);
        if (REFUSED.equals(token)) {
            client.close(4401, "Not authenticated");
            return;
        }
        String via = token == null
                ? null
                : client.header("Authorization") != null
                        ? "header"
                        : "bearer".equals(client.subprotocol()) ? "subprotocol" : "query";
        client.setAttribute("who", new Who(token, via));
    }

    @SubscribeMessage("echo")
    public Echoed echo(@MessageBody Echo echo, @PathParam("room") String room) {
        return new Echoed(echo.text(), room);
    }

    @SubscribeMessage("whoami")
    public Who whoami(@ConnectedSocket GatewayClient client) {
        return client.attribute("who");
    }

    @SubscribeMessage("fail")
    public String fail(@MessageBody String why) {
        throw new WsException(why);
    }

    @SubscribeMessage("shout")
    public void shout(@MessageBody String text, @ConnectedSocket GatewayClient client) {
        client.emit("shouted", text.toUpperCase());
    }

    @SubscribeMessage("silent")
    public void silent(@MessageBody String ignored) {}

    @SubscribeMessage("drop")
    public void drop(@ConnectedSocket GatewayClient client) {
        client.close(1001, "dropped");
    }

    @SubscribeMessage("kick")
    public void kick(@ConnectedSocket GatewayClient client) {
        client.close(4403, "Forbidden resource");
    }

    /** The numbers 1..n. */
    @SubscribeMessage("count")
    public Flow.Publisher<Integer> count(@MessageBody int n) {
        return new Ticks(n);
    }

    /** 1, 2, 3 ... every 20 ms until cancelled. */
    @SubscribeMessage("ticks")
    public Flow.Publisher<Integer> ticks() {
        cancelled = new CompletableFuture<>();
        return new Ticks(Integer.MAX_VALUE);
    }

    /** Whether the last {@code ticks} stream was cancelled, within 5 seconds. */
    @SubscribeMessage("cancelled")
    public CompletionStage<Boolean> wasCancelled() {
        return cancelled.completeOnTimeout(false, 5, TimeUnit.SECONDS);
    }

    @SubscribeBinary
    public byte[] reverse(byte[] payload) {
        byte[] reversed = new byte[payload.length];
        for (int i = 0; i < payload.length; i++) {
            reversed[i] = payload[payload.length - 1 - i];
        }
        return reversed;
    }

    /** Publishes 1..limit, one item per 20 ms when asked for; records a cancel. */
    static final class Ticks implements Flow.Publisher<Integer> {

        private final int limit;

        Ticks(int limit) {
            this.limit = limit;
        }

        @Override
        public void subscribe(Flow.Subscriber<? super Integer> subscriber) {
            subscriber.onSubscribe(new Flow.Subscription() {

                private int next = 1;
                private long demand;
                private boolean done;

                @Override
                public synchronized void request(long n) {
                    boolean idle = demand == 0;
                    demand = Math.min(Long.MAX_VALUE - n, demand) + n;
                    if (idle) {
                        schedule();
                    }
                }

                private void schedule() {
                    TICKER.schedule(this::tick, limit == Integer.MAX_VALUE ? 20 : 0, TimeUnit.MILLISECONDS);
                }

                private void tick() {
                    synchronized (this) {
                        if (done || demand == 0) {
                            return;
                        }
                        demand--;
                    }
                    subscriber.onNext(next);
                    synchronized (this) {
                        if (next++ == limit) {
                            done = true;
                            subscriber.onComplete();
                        } else if (demand > 0 && !done) {
                            schedule();
                        }
                    }
                }

                @Override
                public synchronized void cancel() {
                    done = true;
                    cancelled.complete(true);
                }
            });
        }
    }
}
