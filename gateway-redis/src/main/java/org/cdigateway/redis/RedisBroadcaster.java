package org.cdigateway.redis;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.spi.JsonProvider;

import org.cdigateway.spi.Broadcast;
import org.cdigateway.spi.Broadcaster;
import org.cdigateway.spi.LocalDelivery;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;

/**
 * Carries the broadcasts of the application's gateways to every node through Redis pub/sub. Each broadcast is
 * delivered to the clients of this node at once, and published on the channel {@code <prefix>:<gateway path>} with the
 * id of this node; every other node subscribed to the same Redis delivers it to its own clients, and a node ignores
 * what it published itself. The format is that of {@link BroadcastMessage}.
 *
 * <p>
 * On when {@code cdigateway.redis.uri} is set (MicroProfile Config, else a system property); without it, broadcasts
 * stay on this node. Publishing never blocks the emitting thread: while Redis cannot be reached, broadcasts still reach
 * this node's clients, what could not be published is counted ({@link #unpublished()}) and logged once per outage, and
 * the connections are re-established by themselves.
 */
@ApplicationScoped
public class RedisBroadcaster implements Broadcaster {

    private static final Logger LOG = Logger.getLogger(RedisBroadcaster.class.getName());

    /** Publishes under way at most; beyond, a broadcast is counted as not published rather than queued. */
    static final int MAX_IN_FLIGHT = 10_000;

    private static final Duration RETRY = Duration.ofSeconds(1);

    private final String node = UUID.randomUUID().toString();
    private final LongAdder unpublished = new LongAdder();
    private final LongAdder unreadable = new LongAdder();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean outage = new AtomicBoolean();
    private final CompletableFuture<Void> subscribed = new CompletableFuture<>();
    private final CompletableFuture<Void> publishing = new CompletableFuture<>();

    private volatile LocalDelivery local;
    private volatile RedisSettings settings;
    private volatile JsonProvider json;
    private volatile ClientResources resources;
    private volatile RedisClient client;
    private volatile RedisURI uri;
    private volatile StatefulRedisConnection<String, String> publisher;
    private volatile StatefulRedisPubSubConnection<String, String> subscriber;
    private volatile boolean stopped;
    private volatile long lostBeforeOutage;

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
        uri = RedisURI.create(s.uri().get());
        resources = ClientResources.builder()
                .reconnectDelay(
                        Delay.exponential(Duration.ofMillis(100), Duration.ofSeconds(2), 2, TimeUnit.MILLISECONDS))
                .build();
        client = RedisClient.create(resources);
        client.setOptions(ClientOptions.builder().autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .requestQueueSize(MAX_IN_FLIGHT).build());
        connectPublisher();
        connectSubscriber();
    }

    private void connectPublisher() {
        client.connectAsync(StringCodec.UTF8, uri).whenComplete((connection, failure) -> {
            if (failure != null) {
                outage(failure);
                retry(this::connectPublisher);
            } else if (stopped) {
                connection.closeAsync();
            } else {
                publisher = connection;
                publishing.complete(null);
            }
        });
    }

    private void connectSubscriber() {
        client.connectPubSubAsync(StringCodec.UTF8, uri).whenComplete((connection, failure) -> {
            if (failure != null) {
                outage(failure);
                retry(this::connectSubscriber);
                return;
            }
            if (stopped) {
                connection.closeAsync();
                return;
            }
            subscriber = connection;
            connection.addListener(new RedisPubSubAdapter<>() {

                @Override
                public void message(String pattern, String channel, String message) {
                    receive(message);
                }
            });
            // Lettuce subscribes again by itself after a reconnect
            connection.async().psubscribe(settings.pattern()).whenComplete((ok, e) -> {
                if (e != null) {
                    LOG.log(Level.WARNING, "CDI Gateway: subscribing to " + settings.pattern() + " failed", e);
                    connection.closeAsync();
                    retry(this::connectSubscriber);
                } else {
                    subscribed.complete(null);
                }
            });
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

    @Override
    public void broadcast(Broadcast broadcast) {
        local.deliver(broadcast);
        if (client == null) {
            return;
        }
        StatefulRedisConnection<String, String> connection = publisher;
        if (connection == null || stopped) {
            lost(null);
            return;
        }
        if (inFlight.incrementAndGet() > MAX_IN_FLIGHT) {
            inFlight.decrementAndGet();
            lost(null);
            return;
        }
        String message;
        try {
            message = new BroadcastMessage(node, broadcast).encode(json);
        } catch (RuntimeException e) {
            inFlight.decrementAndGet();
            throw e;
        }
        connection.async().publish(settings.channel(broadcast.gateway()), message).whenComplete((receivers, e) -> {
            inFlight.decrementAndGet();
            if (e != null) {
                lost(e);
            } else {
                published();
            }
        });
    }

    private void receive(String message) {
        BroadcastMessage m;
        try {
            m = BroadcastMessage.decode(json, message);
        } catch (RuntimeException e) {
            unreadable.increment();
            LOG.log(Level.FINE, "CDI Gateway: ignoring a message that is not a broadcast", e);
            return;
        }
        if (m != null && !node.equals(m.node())) {
            local.deliver(m.broadcast());
        }
    }

    private void lost(Throwable cause) {
        outage(cause);
        unpublished.increment();
    }

    private void outage(Throwable cause) {
        if (outage.compareAndSet(false, true)) {
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

    /** Broadcasts that reached this node's clients but could not be published to the other nodes, since the start. */
    public long unpublished() {
        return unpublished.sum();
    }

    /** Messages on the channels that were not broadcasts of a known format, since the start. */
    public long unreadable() {
        return unreadable.sum();
    }

    /** The id this node publishes with; messages carrying it are not delivered again. */
    public String nodeId() {
        return node;
    }

    /** Whether {@code cdigateway.redis.uri} is set: broadcasts go to the other nodes. */
    public boolean clustered() {
        return client != null;
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
        stopped = true;
        RedisClient c = client;
        if (c == null) {
            return;
        }
        StatefulRedisPubSubConnection<String, String> sub = subscriber;
        if (sub != null) {
            sub.close();
        }
        StatefulRedisConnection<String, String> pub = publisher;
        if (pub != null) {
            pub.close();
        }
        c.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }

    private String address() {
        RedisURI u = uri;
        return u == null ? "-" : u.getHost() != null ? u.getHost() + ":" + u.getPort() : "its sentinels";
    }

    @Override
    public String toString() {
        RedisSettings s = settings;
        return "RedisBroadcaster[" + (client == null ? "off" : address() + ", channels " + s.pattern()) + ", node "
                + node + "]";
    }
}
