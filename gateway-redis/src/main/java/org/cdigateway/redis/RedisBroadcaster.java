package org.cdigateway.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.spi.JsonProvider;

import org.cdigateway.ClusterException;
import org.cdigateway.spi.Broadcast;
import org.cdigateway.spi.Broadcaster;
import org.cdigateway.spi.ClusterAnswer;
import org.cdigateway.spi.ClusterRequest;
import org.cdigateway.spi.LocalDelivery;

import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;

/**
 * Carries the broadcasts and the cluster-wide operations of the application's gateways to every node through Redis
 * pub/sub. Each broadcast is delivered to the clients of this node at once, and published on the channel
 * {@code <prefix>:<gateway path>} with the id of this node and its sequence number; every other node delivers it to
 * its own clients, and a node ignores what it published itself. Nodes say they are alive on {@code <prefix>#nodes}
 * (heartbeats, which also carry the last sequence numbers), where cluster-wide requests go too; each node answers on
 * the asker's {@code <prefix>#answers:<node>}. The format is that of {@link Message}.
 *
 * <p>
 * On when {@code cdigateway.redis.uri} is set (MicroProfile Config, else a system property); without it, broadcasts
 * and cluster-wide operations stay on this node. No thread of the message path ever waits for Redis: while Redis cannot
 * be reached, broadcasts still reach this node's clients, what could not be published is counted
 * ({@link #unpublished()}), what this node did not receive of the others' broadcasts is counted ({@link #missed()}),
 * each outage is logged once, and the connections are re-established by themselves.
 */
@ApplicationScoped
public class RedisBroadcaster implements Broadcaster {

    private static final Logger LOG = Logger.getLogger(RedisBroadcaster.class.getName());

    /** Publishes under way at most; beyond, a broadcast is counted as not published rather than queued. */
    static final int MAX_IN_FLIGHT = 10_000;

    /** Requests of other nodes waiting to be performed at most; beyond, a request is not answered. */
    static final int MAX_QUEUED_REQUESTS = 1_000;

    private static final Duration RETRY = Duration.ofSeconds(1);

    private static final long MISSED_LOG_INTERVAL = TimeUnit.MINUTES.toNanos(1);

    private static final long COUNTED_FOR = TimeUnit.HOURS.toNanos(1);

    private final String node = UUID.randomUUID().toString();
    private volatile String head = "\u0000"; // the start of this node's broadcasts, once the JSON provider is known
    private final LongAdder unpublished = new LongAdder();
    private final LongAdder unreadable = new LongAdder();
    private final LongAdder missed = new LongAdder();
    private final LongAdder delivered = new LongAdder();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean outage = new AtomicBoolean();
    private final AtomicLong missedLogged = new AtomicLong(System.nanoTime() - MISSED_LOG_INTERVAL);
    private final AtomicLong requestIds = new AtomicLong();
    private final CompletableFuture<Void> subscribed = new CompletableFuture<>();
    private final CompletableFuture<Void> publishing = new CompletableFuture<>();
    private final Map<String, Sequence> sequences = new ConcurrentHashMap<>();
    /** The nodes alive, as far as this one knows. */
    private final Map<String, Peer> peers = new ConcurrentHashMap<>();
    /**
     * Every node heard of, alive or not: a node forgotten for its silence (a partition, a long outage) keeps its
     * numbering, so that what it sent meanwhile is counted as missed when it is heard of again. Dropped when the node
     * says bye, or after {@link #COUNTED_FOR} without a word.
     */
    private final Map<String, Peer> counted = new ConcurrentHashMap<>();
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();

    private volatile LocalDelivery local;
    private volatile RedisSettings settings;
    private volatile JsonProvider json;
    private volatile ClientResources resources;
    private volatile RedisLink link;
    private volatile ThreadPoolExecutor requests;
    private volatile ScheduledFuture<?> heartbeats;
    private volatile boolean connected;
    private volatile boolean stopped;
    private volatile long lostBeforeOutage;

    /** The numbering of one gateway's broadcasts; publishes of one gateway are numbered and sent in one order. */
    private static final class Sequence {

        final String channel;
        long last;

        Sequence(String channel) {
            this.channel = channel;
        }
    }

    @Override
    public void start(LocalDelivery local) {
        this.local = local;
        RedisSettings s = RedisSettings.read(RedisBroadcaster.class);
        settings = s;
        if (s.uri().isEmpty()) {
            LOG.info(() -> "CDI Gateway: " + RedisSettings.URI
                    + " is not set: broadcasts reach this node's clients only");
            return;
        }
        json = JsonProvider.provider();
        head = Message.broadcastHead(json, node);
        resources = ClientResources.builder()
                .reconnectDelay(
                        Delay.exponential(Duration.ofMillis(100), Duration.ofSeconds(2), 2, TimeUnit.MILLISECONDS))
                .build();
        AtomicInteger threads = new AtomicInteger();
        requests = new ThreadPoolExecutor(1, 2, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(MAX_QUEUED_REQUESTS),
                r -> {
                    Thread t = new Thread(r, "cdigateway-redis-" + threads.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        List<String> channels = new ArrayList<>();
        for (String gateway : local.gateways()) {
            channels.add(s.channel(gateway));
        }
        channels.add(s.nodesChannel());
        channels.add(s.answerChannel(node));
        link = RedisLink.of(s, resources, MAX_IN_FLIGHT, new RedisLink.Events() {

            @Override
            public void message(String channel, String message) {
                receive(message);
            }

            @Override
            public void disconnected() {
                connected = false;
                outage(null);
            }

            @Override
            public void connected() {
                connected = true;
            }
        }, channels);
        connectPublisher();
        connectSubscriber();
        long every = s.heartbeat().toMillis();
        heartbeats = resources.eventExecutorGroup().scheduleAtFixedRate(this::heartbeat, every, every,
                TimeUnit.MILLISECONDS);
    }

    private void connectPublisher() {
        link.connectPublisher().whenComplete((ok, failure) -> {
            if (failure != null) {
                outage(failure);
                retry(this::connectPublisher);
            } else {
                connected = true;
                publishing.complete(null);
                hello(Message.Hello.GREET);
            }
        });
    }

    private void connectSubscriber() {
        link.connectSubscriber().whenComplete((ok, failure) -> {
            if (failure != null) {
                outage(failure);
                retry(this::connectSubscriber);
            } else {
                subscribed.complete(null);
                hello(Message.Hello.GREET);
            }
        });
    }

    private void retry(Runnable connect) {
        if (!stopped) {
            resources.eventExecutorGroup().schedule(() -> {
                if (!stopped) {
                    connect.run();
                }
            }, RETRY.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    // Broadcasts

    @Override
    public void broadcast(Broadcast broadcast) {
        local.deliver(broadcast);
        RedisLink l = link;
        if (l == null) {
            return;
        }
        Sequence sequence = sequences.get(broadcast.gateway());
        if (sequence == null) {
            sequence = sequences.computeIfAbsent(broadcast.gateway(), g -> new Sequence(settings.channel(g)));
        }
        String tail = stopped ? null : Message.broadcastTail(json, broadcast); // written outside the lock
        synchronized (sequence) { // numbered and handed to the connection in one order
            long seq = ++sequence.last;
            if (stopped) {
                lost(null);
                return;
            }
            if (inFlight.incrementAndGet() > MAX_IN_FLIGHT) {
                inFlight.decrementAndGet();
                lost(null);
                return;
            }
            CompletionStage<Long> sent;
            try {
                sent = l.publish(sequence.channel, head + seq + tail);
            } catch (RuntimeException e) {
                inFlight.decrementAndGet();
                lost(e);
                return;
            }
            if (sent == null) {
                inFlight.decrementAndGet();
                lost(null);
                return;
            }
            sent.whenComplete((receivers, e) -> {
                inFlight.decrementAndGet();
                if (e != null) {
                    lost(e);
                } else {
                    published();
                }
            });
        }
    }

    private void receive(String text) {
        if (text.startsWith(head)) {
            return; // this node's own broadcast, back from Redis
        }
        Message m;
        try {
            m = Message.decode(json, text);
        } catch (RuntimeException e) {
            unreadable.increment();
            LOG.log(Level.FINE, "CDI Gateway: ignoring a message of an unknown format", e);
            return;
        }
        if (m == null || node.equals(m.node())) {
            return;
        }
        long now = System.nanoTime();
        if (m instanceof Message.Broadcasted b) {
            long gap = peer(b.node(), now).received(b.broadcast().gateway(), b.seq());
            if (gap > 0) {
                missed(gap, b.node());
            }
            delivered.increment();
            local.deliver(b.broadcast());
        } else if (m instanceof Message.Hello h) {
            boolean known = peers.containsKey(h.node());
            long gap = peer(h.node(), now).announced(h.seqs());
            if (gap > 0) {
                missed(gap, h.node());
            }
            if (h.kind().equals(Message.Hello.GREET) || !known && h.kind().equals(Message.Hello.BEAT)) {
                hello(Message.Hello.REPLY); // a new node learns of this one at once, not at the next heartbeat
            }
        } else if (m instanceof Message.Bye bye) {
            forget(bye.node(), "it stopped");
            counted.remove(bye.node());
        } else if (m instanceof Message.Request r) {
            peer(r.node(), now);
            perform(r);
        } else if (m instanceof Message.Answer a) {
            peer(a.node(), now);
            Pending p = pending.get(a.rid());
            if (p != null) {
                p.answered(a.node(), a.answer());
            }
        }
    }

    private Peer peer(String id, long now) {
        Peer p = peers.get(id);
        if (p == null) {
            p = peers.computeIfAbsent(id, k -> {
                LOG.fine(() -> "CDI Gateway: node " + k + " joined");
                return counted.computeIfAbsent(k, c -> new Peer(c, now));
            });
        }
        p.seen(now);
        return p;
    }

    private void missed(long count, String from) {
        missed.add(count);
        long now = System.nanoTime();
        long last = missedLogged.get();
        if (now - last >= MISSED_LOG_INTERVAL && missedLogged.compareAndSet(last, now)) {
            LOG.warning(() -> "CDI Gateway: " + count + " broadcasts of node " + from
                    + " did not arrive (Redis was unreachable or dropped this node's subscription); "
                    + missed.sum() + " broadcasts of other nodes missed since the start (RedisBroadcaster.missed())");
        }
    }

    private void lost(Throwable cause) {
        outage(cause);
        unpublished.increment();
    }

    private void outage(Throwable cause) {
        if (cause != null) {
            LOG.log(Level.FINE, "CDI Gateway: Redis at " + address() + " cannot be reached", cause);
        }
        if (!stopped && outage.compareAndSet(false, true)) {
            lostBeforeOutage = unpublished.sum();
            LOG.warning(() -> "CDI Gateway: Redis at " + address() + " cannot be reached"
                    + (cause == null ? "" : " (" + cause + ")")
                    + "; until it can, broadcasts reach this node's clients only and each one is counted");
        }
    }

    private void published() {
        if (outage.get() && outage.compareAndSet(true, false)) {
            long lost = unpublished.sum() - lostBeforeOutage;
            LOG.info(() -> "CDI Gateway: Redis at " + address() + " is reachable again; " + lost
                    + " broadcasts were not published to the other nodes meanwhile");
        }
    }

    // Nodes

    private void heartbeat() {
        try {
            hello(Message.Hello.BEAT);
            long now = System.nanoTime();
            long timeout = settings.nodeTimeout().toNanos();
            for (Peer p : peers.values()) {
                if (now - p.lastSeen() > timeout) {
                    forget(p.id, "it was not heard of for " + settings.nodeTimeout().toMillis() + " ms");
                }
            }
            counted.values().removeIf(p -> now - p.lastSeen() > COUNTED_FOR);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "CDI Gateway: the heartbeat of the Redis broadcaster failed", e);
        }
    }

    private void hello(String kind) {
        Map<String, Long> seqs = new HashMap<>();
        for (Map.Entry<String, Sequence> e : sequences.entrySet()) {
            synchronized (e.getValue()) {
                seqs.put(e.getKey(), e.getValue().last);
            }
        }
        send(settings.nodesChannel(), new Message.Hello(node, seqs, kind));
    }

    private void forget(String id, String why) {
        if (peers.remove(id) != null) {
            LOG.info(() -> "CDI Gateway: node " + id + " is forgotten: " + why);
            for (Pending p : pending.values()) {
                p.forgotten(id);
            }
        }
    }

    /** Publishes a message that is not a broadcast; a failure is left to the heartbeat or the request timeout. */
    private CompletionStage<Long> send(String channel, Message message) {
        RedisLink l = link;
        CompletionStage<Long> sent = l == null || stopped ? null : l.publish(channel, Message.encode(json, message));
        return sent != null ? sent : CompletableFuture.failedFuture(new ClusterException("not connected to Redis"));
    }

    // Cluster-wide operations

    @Override
    public CompletionStage<List<ClusterAnswer>> request(ClusterRequest request) {
        if (link == null) {
            return CompletableFuture.completedFuture(List.of());
        }
        if (stopped) {
            return CompletableFuture.failedFuture(new ClusterException("the application is stopping"));
        }
        if (!connected || !publishing.isDone()) {
            return CompletableFuture.failedFuture(new ClusterException("Redis at " + address()
                    + " cannot be reached, so the other nodes cannot be asked (" + request.kind() + ")"));
        }
        Set<String> expected = new HashSet<>(peers.keySet());
        if (expected.isEmpty()) {
            return CompletableFuture.completedFuture(List.of());
        }
        long rid = requestIds.incrementAndGet();
        Pending p = new Pending(rid, expected);
        pending.put(rid, p);
        send(settings.nodesChannel(), new Message.Request(node, rid, request)).whenComplete((receivers, e) -> {
            if (e != null) {
                p.fail(new ClusterException("the request could not be sent to Redis at " + address(), e));
            }
        });
        long timeout = settings.requestTimeout().toMillis();
        ScheduledFuture<?> timer = resources.eventExecutorGroup().schedule(
                () -> p.fail(new ClusterException(p.missing() + " did not answer within " + timeout + " ms ("
                        + request.kind() + " of " + request.gateway() + ")")),
                timeout, TimeUnit.MILLISECONDS);
        p.result.whenComplete((answers, e) -> {
            pending.remove(rid);
            timer.cancel(false);
        });
        CompletableFuture<List<ClusterAnswer>> handedOver = new CompletableFuture<>();
        p.result.whenComplete((answers, e) -> offThread(() -> {
            if (e != null) {
                handedOver.completeExceptionally(e);
            } else {
                handedOver.complete(answers);
            }
        }));
        return handedOver;
    }

    /** Runs what completes a caller's stage on a thread of this broadcaster, never on Lettuce's. */
    private void offThread(Runnable task) {
        try {
            requests.execute(task);
        } catch (RejectedExecutionException e) {
            task.run();
        }
    }

    private void perform(Message.Request r) {
        try {
            requests.execute(() -> {
                ClusterAnswer answer;
                try {
                    answer = local.perform(r.request());
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, e, () -> "CDI Gateway: the request " + r.request().kind() + " of node "
                            + r.node() + " failed on this node");
                    answer = ClusterAnswer.NONE;
                }
                send(settings.answerChannel(r.node()), new Message.Answer(node, r.rid(), answer));
            });
        } catch (RejectedExecutionException e) {
            LOG.warning(() -> "CDI Gateway: " + MAX_QUEUED_REQUESTS + " requests of other nodes are waiting; the "
                    + r.request().kind() + " of node " + r.node() + " is not answered");
        }
    }

    /** A request this node made: the answers so far, and the nodes it still waits for. */
    private static final class Pending {

        final long rid;
        final CompletableFuture<List<ClusterAnswer>> result = new CompletableFuture<>();
        private final Set<String> expected;
        private final Map<String, ClusterAnswer> answers = new LinkedHashMap<>();

        Pending(long rid, Set<String> expected) {
            this.rid = rid;
            this.expected = expected;
        }

        synchronized void answered(String from, ClusterAnswer answer) {
            answers.put(from, answer);
            expected.remove(from);
            completeIfDone();
        }

        synchronized void forgotten(String id) {
            expected.remove(id);
            completeIfDone();
        }

        private void completeIfDone() {
            if (expected.isEmpty()) {
                result.complete(List.copyOf(answers.values()));
            }
        }

        synchronized String missing() {
            return expected.size() == 1 ? "node " + expected.iterator().next() : "nodes " + expected;
        }

        void fail(ClusterException e) {
            result.completeExceptionally(e);
        }

        @Override
        public String toString() {
            return "Pending[" + rid + "]";
        }
    }

    // What operators and tests read

    /** Broadcasts that reached this node's clients but could not be published to the other nodes, since the start. */
    @Override
    public long unpublished() {
        return unpublished.sum();
    }

    /**
     * Broadcasts of other nodes that did not reach this node (Redis was unreachable, or dropped the subscription), since
     * the start: counted from the gaps in each node's numbering, exactly, once a later broadcast or heartbeat of that
     * node arrives.
     */
    @Override
    public long missed() {
        return missed.sum();
    }

    /** Broadcasts of other nodes delivered to this node's clients, since the start. */
    public long received() {
        return delivered.sum();
    }

    /** Messages on the channels that were not of a known format, since the start. */
    public long unreadable() {
        return unreadable.sum();
    }

    /** The id this node publishes with; messages carrying it are not delivered again. */
    public String nodeId() {
        return node;
    }

    /** The other nodes this node knows to be alive: their ids. */
    public Set<String> nodes() {
        return Set.copyOf(peers.keySet());
    }

    /** Whether {@code cdigateway.redis.uri} is set: broadcasts go to the other nodes. */
    public boolean clustered() {
        return link != null;
    }

    /** Whether both connections to Redis are up now (false when Redis is off). */
    @Override
    public boolean connected() {
        return link != null && connected;
    }

    /**
     * Completes once this node is subscribed to the channels and can publish (never, when Redis is off or cannot be
     * reached).
     */
    public CompletionStage<Void> ready() {
        return CompletableFuture.allOf(subscribed, publishing).minimalCompletionStage();
    }

    @Override
    public void stop() {
        RedisLink l = link;
        if (l == null) {
            stopped = true;
            return;
        }
        ScheduledFuture<?> h = heartbeats;
        if (h != null) {
            h.cancel(false);
        }
        try {
            send(settings.nodesChannel(), new Message.Bye(node)).toCompletableFuture().get(1, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.log(Level.FINE, "CDI Gateway: the other nodes were not told that this one stops", e);
        }
        stopped = true;
        for (Pending p : pending.values()) {
            p.fail(new ClusterException("the application is stopping"));
        }
        l.close(Duration.ofSeconds(2));
        requests.shutdownNow();
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }

    private String address() {
        RedisLink l = link;
        return l == null ? "-" : l.address();
    }

    @Override
    public String toString() {
        RedisSettings s = settings;
        return "RedisBroadcaster[" + (link == null ? "off" : address() + ", channels " + s.channelPrefix() + ":*")
                + ", node " + node + "]";
    }
}
