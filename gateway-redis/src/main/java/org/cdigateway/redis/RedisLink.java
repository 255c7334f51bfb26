package org.cdigateway.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import java.util.function.Supplier;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SslOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.models.partitions.Partitions;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.cluster.pubsub.StatefulRedisClusterPubSubConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.sentinel.api.StatefulRedisSentinelConnection;

/**
 * The two connections a node keeps to Redis, one that publishes and one that is subscribed to the node's channels:
 * PUBLISH/SUBSCRIBE on one Redis (or the master Sentinel names), SPUBLISH/SSUBSCRIBE on Redis Cluster (there, one
 * subscribed connection a channel). Lettuce
 * re-establishes both by itself and subscribes again after a reconnect.
 */
abstract class RedisLink {

    /** Told when a connection drops and when it is back. */
    interface Events {

        void message(String channel, String message);

        void disconnected();

        void connected();
    }

    final Events events;
    final List<String> channels;

    RedisLink(Events events, List<String> channels) {
        this.events = events;
        this.channels = List.copyOf(channels);
    }

    /** The link for the settings; {@code uri} as {@link RedisSettings#uri()}. */
    static RedisLink of(RedisSettings settings, ClientResources resources, int requestQueue, Events events,
            List<String> channels) {
        SslOptions ssl = settings.trustCertificate().map(pem -> SslOptions.builder().trustManager(pem.toFile()).build())
                .orElse(null);
        String uris = settings.uri().orElseThrow();
        if (settings.mode() == RedisSettings.Mode.CLUSTER) {
            List<RedisURI> seeds = new ArrayList<>();
            List<String> addresses = new ArrayList<>(); // for the log: the URIs may hold a password
            for (String u : uris.split(",")) {
                if (!u.isBlank()) {
                    RedisURI seed = RedisURI.create(u.strip());
                    seeds.add(seed);
                    addresses.add(seed.getHost() + ":" + seed.getPort());
                }
            }
            RedisClusterClient client = RedisClusterClient.create(resources, seeds);
            ClusterClientOptions.Builder options = ClusterClientOptions.builder().autoReconnect(true)
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                    .requestQueueSize(requestQueue);
            if (ssl != null) {
                options.sslOptions(ssl);
            }
            client.setOptions(options.build());
            return new Cluster(client, String.join(",", addresses), events, channels);
        }
        RedisClient client = RedisClient.create(resources);
        ClientOptions.Builder options = ClientOptions.builder().autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .requestQueueSize(requestQueue);
        if (ssl != null) {
            options.sslOptions(ssl);
        }
        client.setOptions(options.build());
        return new Standalone(client, RedisURI.create(uris.strip()), events, channels);
    }

    /** Connects the publishing connection; completes when it can publish. */
    abstract CompletionStage<Void> connectPublisher();

    /** Connects the subscribed connection and subscribes; completes when subscribed. */
    abstract CompletionStage<Void> connectSubscriber();

    /** Publishes, or returns null when the publishing connection is not there. */
    abstract CompletionStage<Long> publish(String channel, String message);

    /** Closes both connections and the client. */
    abstract void close(Duration timeout);

    /** Where Redis is, for the log. */
    abstract String address();

    /**
     * The stage of a connection being made, whose failure names the address and the first cause: Lettuce's own message
     * says only that it was unable to connect, leaving a wrong password or a certificate not trusted to its causes.
     * (Lettuce's {@code ConnectionFuture} is a {@code CompletableFuture} that delegates, and completes itself never:
     * only the methods it overrides, and its {@code toCompletableFuture()}, see the outcome.)
     */
    final <T> CompletionStage<T> explained(CompletionStage<T> connecting) {
        return connecting.toCompletableFuture().exceptionallyCompose(failure -> {
            Throwable root = failure;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String why = root.getMessage() != null ? root.getMessage() : root.getClass().getName();
            return CompletableFuture
                    .failedFuture(
                            new RedisConnectionException("Unable to connect to " + address() + ": " + why, failure));
        });
    }

    /**
     * Tells of the connections of the client, but not of those to Sentinel (the client opens one to ask for the master at
     * each connection and reconnection), and not when a connection is closed on purpose (as those to Sentinel, and those
     * that load a cluster's topology, once answered): only a connection lost is an outage.
     */
    final RedisConnectionStateListener stateListener() {
        return new RedisConnectionStateListener() {

            @Override
            public void onRedisConnected(RedisChannelHandler<?, ?> connection,
                    java.net.SocketAddress socketAddress) {
                if (!(connection instanceof StatefulRedisSentinelConnection)) {
                    events.connected();
                }
            }

            @Override
            public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
                if (!(connection instanceof StatefulRedisSentinelConnection) && !connection.isClosed()) {
                    events.disconnected();
                }
            }
        };
    }

    static void shutdown(AbstractRedisClient client, Duration timeout) {
        client.shutdown(Duration.ZERO, timeout);
    }

    private static final class Standalone extends RedisLink {

        private final RedisClient client;
        private final RedisURI uri;
        private volatile StatefulRedisConnection<String, String> publisher;
        private volatile StatefulRedisPubSubConnection<String, String> subscriber;

        Standalone(RedisClient client, RedisURI uri, Events events, List<String> channels) {
            super(events, channels);
            this.client = client;
            this.uri = uri;
            client.addListener(stateListener());
        }

        @Override
        CompletionStage<Void> connectPublisher() {
            return explained(client.connectAsync(StringCodec.UTF8, uri)).thenAccept(c -> publisher = c);
        }

        @Override
        CompletionStage<Void> connectSubscriber() {
            return explained(client.connectPubSubAsync(StringCodec.UTF8, uri)).thenCompose(c -> {
                subscriber = c;
                c.addListener(new RedisPubSubAdapter<>() {

                    @Override
                    public void message(String channel, String message) {
                        events.message(channel, message);
                    }
                });
                return c.async().subscribe(channels.toArray(String[]::new)).whenComplete((ok, e) -> {
                    if (e != null) {
                        c.closeAsync();
                    }
                });
            });
        }

        @Override
        CompletionStage<Long> publish(String channel, String message) {
            StatefulRedisConnection<String, String> c = publisher;
            return c == null ? null : c.async().publish(channel, message);
        }

        @Override
        void close(Duration timeout) {
            StatefulRedisPubSubConnection<String, String> sub = subscriber;
            if (sub != null) {
                sub.close();
            }
            StatefulRedisConnection<String, String> pub = publisher;
            if (pub != null) {
                pub.close();
            }
            shutdown(client, timeout);
        }

        @Override
        String address() {
            return uri.getHost() != null
                    ? uri.getHost() + ":" + uri.getPort()
                    : "the master " + uri.getSentinelMasterId() + " of its sentinels";
        }
    }

    private static final class Cluster extends RedisLink {

        private final RedisClusterClient client;
        private final String seeds;
        private volatile StatefulRedisClusterConnection<String, String> publisher;
        private volatile List<StatefulRedisClusterPubSubConnection<String, String>> subscribers = List.of();

        Cluster(RedisClusterClient client, String seeds, Events events, List<String> channels) {
            super(events, channels);
            this.client = client;
            this.seeds = seeds;
            client.addListener(stateListener());
        }

        /**
         * Loads the cluster's topology, then connects: the asynchronous connects of Lettuce fail ("Partitions not
         * initialized") as long as no topology was loaded, which only the blocking ones do by themselves.
         */
        private <T> CompletionStage<T> connect(Supplier<CompletionStage<T>> connect) {
            return explained(client.refreshPartitionsAsync().thenCompose(loaded -> connect.get()));
        }

        /**
         * Connects a connection to every master before its first command: Lettuce connects to a master when a command
         * of one of its slots comes, and with {@code REJECT_COMMANDS} it rejects the commands that come while it does.
         */
        private static CompletableFuture<Void> toEveryMaster(Partitions partitions,
                BiFunction<String, Integer, CompletableFuture<?>> connect) {
            List<CompletableFuture<?>> connected = new ArrayList<>();
            for (RedisClusterNode node : partitions) {
                if (node.is(RedisClusterNode.NodeFlag.UPSTREAM)) {
                    connected.add(connect.apply(node.getUri().getHost(), node.getUri().getPort()));
                }
            }
            return CompletableFuture.allOf(connected.toArray(CompletableFuture<?>[]::new));
        }

        @Override
        CompletionStage<Void> connectPublisher() {
            return connect(() -> client.connectAsync(StringCodec.UTF8))
                    .thenCompose(c -> toEveryMaster(c.getPartitions(), c::getConnectionAsync).whenComplete((ok, e) -> {
                        if (e != null) {
                            c.closeAsync();
                        }
                    }).thenAccept(ok -> publisher = c));
        }

        /**
         * Connects one pub/sub connection a channel, each subscribed with SSUBSCRIBE on the master of its channel's slot.
         * A pub/sub connection of Lettuce has one connection a master, which it subscribes again after a reconnect with
         * one SSUBSCRIBE of all the channels it had there; Redis refuses it (CROSSSLOT) when they are of several slots,
         * as the channels of a node are, and the node would hear nothing more from that master.
         */
        @Override
        CompletionStage<Void> connectSubscriber() {
            return explained(client.refreshPartitionsAsync()).thenCompose(loaded -> subscribeEach());
        }

        private CompletionStage<Void> subscribeEach() {
            List<StatefulRedisClusterPubSubConnection<String, String>> made = new CopyOnWriteArrayList<>();
            CompletableFuture<?>[] subscribed = new CompletableFuture<?>[channels.size()];
            for (int i = 0; i < subscribed.length; i++) {
                String channel = channels.get(i);
                subscribed[i] = explained(client.connectPubSubAsync(StringCodec.UTF8)).thenCompose(c -> {
                    made.add(c);
                    c.addListener(new RedisPubSubAdapter<>() {

                        @Override
                        public void smessage(String shardChannel, String message) {
                            events.message(shardChannel, message);
                        }
                    });
                    RedisClusterNode master = c.getPartitions().getMasterBySlot(SlotHash.getSlot(channel));
                    if (master == null) {
                        return CompletableFuture.failedFuture(
                                new RedisException("No master of the cluster serves the slot of " + channel));
                    }
                    // connected before SSUBSCRIBE, which Lettuce would reject while connecting (REJECT_COMMANDS)
                    return c.getConnectionAsync(master.getUri().getHost(), master.getUri().getPort())
                            .thenCompose(connected -> c.async().ssubscribe(channel));
                }).toCompletableFuture();
            }
            return CompletableFuture.allOf(subscribed).whenComplete((ok, e) -> {
                if (e != null) {
                    made.forEach(StatefulRedisClusterPubSubConnection::closeAsync);
                } else {
                    subscribers = List.copyOf(made);
                }
            });
        }

        @Override
        CompletionStage<Long> publish(String channel, String message) {
            StatefulRedisClusterConnection<String, String> c = publisher;
            return c == null ? null : c.async().spublish(channel, message);
        }

        @Override
        void close(Duration timeout) {
            for (StatefulRedisClusterPubSubConnection<String, String> sub : subscribers) {
                sub.close();
            }
            StatefulRedisClusterConnection<String, String> pub = publisher;
            if (pub != null) {
                pub.close();
            }
            shutdown(client, timeout);
        }

        @Override
        String address() {
            return "the cluster of " + seeds;
        }
    }
}
