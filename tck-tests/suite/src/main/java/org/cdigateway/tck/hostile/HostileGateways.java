package org.cdigateway.tck.hostile;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.cdigateway.CanActivateAsync;
import org.cdigateway.ConnectedSocket;
import org.cdigateway.ExecutionContext;
import org.cdigateway.Gateway;
import org.cdigateway.GatewayClient;
import org.cdigateway.GatewayServer;
import org.cdigateway.MessageBody;
import org.cdigateway.SlowConsumer;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.UseGuards;
import org.cdigateway.WebSocketGateway;

/** The gateways the hostile-client tests attack, and the probes they read the server's side through. */
public final class HostileGateways {

    private HostileGateways() {}

    /** What the server did, for the probe gateway to report. */
    @ApplicationScoped
    public static class State {

        private volatile CompletableFuture<Boolean> gate = new CompletableFuture<>();
        private final AtomicInteger handled = new AtomicInteger();
        private final AtomicLong requested = new AtomicLong();
        private final AtomicLong dropped = new AtomicLong(-1);
        private final List<CompletableFuture<String>> pending = new CopyOnWriteArrayList<>();

        public CompletableFuture<Boolean> gate() {
            return gate;
        }

        public void reset() {
            gate = new CompletableFuture<>();
            handled.set(0);
            requested.set(0);
            dropped.set(-1);
        }

        public AtomicInteger handled() {
            return handled;
        }

        public AtomicLong requested() {
            return requested;
        }

        /** Frames the last flood dropped, or -1 before it ended. */
        public AtomicLong dropped() {
            return dropped;
        }

        public List<CompletableFuture<String>> pending() {
            return pending;
        }
    }

    /** Publishes 0, 1, 2, ... every 5 ms on its own thread until cancelled. */
    public static Flow.Publisher<Integer> ticks() {
        return subscriber -> {
            Thread[] thread = new Thread[1];
            subscriber.onSubscribe(new Flow.Subscription() {

                private long demand;
                private volatile boolean cancelled;

                @Override
                public synchronized void request(long n) {
                    demand += n;
                    notifyAll();
                    if (thread[0] == null) {
                        thread[0] = new Thread(this::run, "ticks");
                        thread[0].setDaemon(true);
                        thread[0].start();
                    }
                }

                private void run() {
                    for (int i = 0; !cancelled && i < 100_000; i++) {
                        synchronized (this) {
                            while (demand == 0 && !cancelled) {
                                try {
                                    wait(100);
                                } catch (InterruptedException e) {
                                    return;
                                }
                            }
                            demand--;
                        }
                        subscriber.onNext(i);
                        try {
                            Thread.sleep(5); // a token source pacing itself
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }

                @Override
                public void cancel() {
                    cancelled = true;
                }
            });
        };
    }

    @WebSocketGateway(value = "/target/{room}", maxStreamsPerConnection = 3, maxPendingRepliesPerConnection = 2, maxConnectionsPerAddress = 20, maxNestingDepth = 64)
    public static class TargetGateway implements org.cdigateway.OnGatewayConnection {

        @Inject
        GatewayServer server;

        @Inject
        State state;

        @Override
        public void handleConnection(GatewayClient client) {
            client.join(client.pathParam("room"));
        }

        @SubscribeMessage("echo")
        public Object echo(@MessageBody Object data) {
            return data;
        }

        @SubscribeMessage("list")
        public int list(@MessageBody List<Object> items) {
            return items.size();
        }

        @SubscribeMessage("map")
        public int map(@MessageBody Map<String, Object> items) {
            return items.size();
        }

        @SubscribeMessage("error")
        public String error(@MessageBody String kind) {
            throw new AssertionError("an Error from a handler");
        }

        @SubscribeMessage("ticks")
        public Flow.Publisher<Integer> ticks(@MessageBody String ignored) {
            return HostileGateways.ticks();
        }

        @SubscribeMessage("later")
        public CompletionStage<String> later(@MessageBody String text) {
            CompletableFuture<String> f = new CompletableFuture<>();
            state.pending().add(f);
            return f;
        }

        @SubscribeMessage("whoami")
        public String whoami(@ConnectedSocket GatewayClient client) {
            return client.id();
        }

        @SubscribeMessage("join")
        public String join(@MessageBody String room, @ConnectedSocket GatewayClient client) {
            client.join(room);
            return "joined";
        }

        @SubscribeMessage("tell")
        public String tell(@MessageBody String id) {
            server.to(id).emit("private", "for " + id);
            server.to().emit("private", "for nobody");
            return "told";
        }

        @SubscribeMessage("close")
        public String close(@MessageBody int code, @ConnectedSocket GatewayClient client) {
            try {
                client.close(code, "x".repeat(124));
                return "closed";
            } catch (IllegalArgumentException e) {
                return e.getMessage();
            }
        }
    }

    @ApplicationScoped
    public static class GateGuard implements CanActivateAsync {

        @Inject
        State state;

        @Override
        public CompletionStage<Boolean> canActivate(ExecutionContext context) {
            return context.getPhase() == ExecutionContext.Phase.CONNECTION
                    ? state.gate()
                    : CompletableFuture.completedFuture(true);
        }
    }

    @WebSocketGateway(value = "/gated", guardTimeout = 60_000)
    @UseGuards(GateGuard.class)
    public static class GatedGateway {

        @Inject
        State state;

        @SubscribeMessage("echo")
        public String echo(@MessageBody String text) {
            state.handled().incrementAndGet();
            return text;
        }
    }

    @WebSocketGateway(value = "/beats", pingInterval = 200, pingTimeout = 2_000) // room for a loaded machine
    public static class BeatsGateway {

        @SubscribeMessage("whoami")
        public String whoami(@ConnectedSocket GatewayClient client) {
            return client.id();
        }
    }

    @WebSocketGateway(value = "/drop", slowConsumer = SlowConsumer.DROP_NEWEST, maxQueuedFrames = 4)
    public static class DropGateway {

        @Inject
        State state;

        /**
         * {@code [count, length]}: that many frames of that many characters to the caller at once; the frames it drops
         * are kept for the probe.
         */
        @SubscribeMessage("flood")
        public void flood(@MessageBody List<Integer> data, @ConnectedSocket GatewayClient client) {
            String frame = "f".repeat(data.get(1));
            for (int i = 0; i < data.get(0); i++) {
                client.emit("flood", frame);
            }
            state.dropped().set(client.droppedFrames());
        }

        @SubscribeMessage("big")
        public Flow.Publisher<String> big(@MessageBody int n) {
            String item = "x".repeat(2048);
            return subscriber -> subscriber.onSubscribe(new Flow.Subscription() {

                private long sent;
                private volatile boolean cancelled;

                @Override
                public void request(long k) {
                    state.requested().addAndGet(k);
                    CompletableFuture.runAsync(() -> {
                        for (long i = 0; i < k && !cancelled; i++) {
                            synchronized (this) {
                                if (sent++ >= n) {
                                    return;
                                }
                            }
                            subscriber.onNext(item);
                        }
                    });
                }

                @Override
                public void cancel() {
                    cancelled = true;
                }
            });
        }
    }

    /** Reads the server's side for the tests and resets the shared state. */
    @WebSocketGateway("/probe")
    public static class ProbeGateway {

        @Inject
        State state;

        @Inject
        @Gateway(BeatsGateway.class)
        GatewayServer beats;

        @Inject
        @Gateway(TargetGateway.class)
        GatewayServer target;

        @SubscribeMessage("target-clients")
        public int targetClients() {
            return target.clients().size();
        }

        @SubscribeMessage("reset")
        public String reset() {
            state.reset();
            state.pending().forEach(f -> f.complete("done"));
            state.pending().clear();
            return "reset";
        }

        @SubscribeMessage("open-gate")
        public String openGate(@MessageBody boolean allow) {
            state.gate().complete(allow);
            return "opened";
        }

        @SubscribeMessage("handled")
        public int handled() {
            return state.handled().get();
        }

        @SubscribeMessage("requested")
        public long requested() {
            return state.requested().get();
        }

        @SubscribeMessage("dropped")
        public long dropped() {
            return state.dropped().get();
        }

        @SubscribeMessage("complete-later")
        public int completeLater() {
            int n = state.pending().size();
            state.pending().forEach(f -> f.complete("done"));
            state.pending().clear();
            return n;
        }

        @SubscribeMessage("beating")
        public boolean beating(@MessageBody String id) {
            return beats.client(id).isPresent();
        }
    }
}
