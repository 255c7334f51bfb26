package org.cdigateway.redis;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

import org.cdigateway.internal.config.ConfigSource;

/**
 * The settings of the Redis broadcaster, each read from the MicroProfile Config key (else the system property of that
 * name).
 *
 * @param uri              {@code cdigateway.redis.uri}, such as {@code redis://127.0.0.1:6379}; empty: Redis is off and
 *                         broadcasts stay on this node. With {@link Mode#CLUSTER}, one or more URIs of the cluster's
 *                         nodes, separated by commas.
 * @param channelPrefix    {@code cdigateway.redis.channel-prefix}, {@code cdigateway} by default: broadcasts of the
 *                         gateway {@code /chat} travel on the channel {@code cdigateway:/chat}
 * @param mode             {@code cdigateway.redis.mode}: {@code standalone} (one Redis, or the master that Sentinel
 *                         names) or {@code cluster} (Redis Cluster, sharded pub/sub)
 * @param requestTimeout   {@code cdigateway.redis.request-timeout} in milliseconds, 5000 by default: how long a
 *                         cluster-wide operation waits for the other nodes' answers
 * @param heartbeat        {@code cdigateway.redis.heartbeat-interval} in milliseconds, 2000 by default: how often a
 *                         node tells the others it is alive
 * @param nodeTimeout      {@code cdigateway.redis.node-timeout} in milliseconds, three heartbeats by default: a node
 *                         not heard of for that long is forgotten
 * @param trustCertificate {@code cdigateway.redis.tls.trust-certificates}: a PEM file of the certificates to trust for
 *                         {@code rediss://} (else the JVM's trust store)
 */
record RedisSettings(Optional<String> uri, String channelPrefix, Mode mode, Duration requestTimeout,
        Duration heartbeat, Duration nodeTimeout, Optional<Path> trustCertificate) {

    static final String URI = "cdigateway.redis.uri";
    static final String CHANNEL_PREFIX = "cdigateway.redis.channel-prefix";
    static final String MODE = "cdigateway.redis.mode";
    static final String REQUEST_TIMEOUT = "cdigateway.redis.request-timeout";
    static final String HEARTBEAT = "cdigateway.redis.heartbeat-interval";
    static final String NODE_TIMEOUT = "cdigateway.redis.node-timeout";
    static final String TRUST = "cdigateway.redis.tls.trust-certificates";
    static final String DEFAULT_PREFIX = "cdigateway";

    /** How the nodes reach Redis. */
    enum Mode {
        /** One Redis server, or the master of a Sentinel-watched group: PUBLISH and SUBSCRIBE. */
        STANDALONE,
        /** Redis Cluster 7 or newer: SPUBLISH and SSUBSCRIBE (sharded pub/sub). */
        CLUSTER
    }

    /** The settings the application of {@code application} sees. */
    static RedisSettings read(Class<?> application) {
        Function<String, Optional<String>> mp = ConfigSource.forClass(application);
        Function<String, Optional<String>> config = key -> mp.apply(key)
                .or(() -> Optional.ofNullable(System.getProperty(key))).map(String::strip).filter(v -> !v.isEmpty());
        return of(config);
    }

    /** The settings from a source of keys; each invalid value is named with its key and what it must be. */
    static RedisSettings of(Function<String, Optional<String>> config) {
        Mode mode = config.apply(MODE).map(v -> {
            try {
                return Mode.valueOf(v.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw invalid(MODE, v, "standalone or cluster");
            }
        }).orElse(Mode.STANDALONE);
        Duration heartbeat = millis(config, HEARTBEAT, 2000);
        Optional<Path> trust = config.apply(TRUST).map(Path::of);
        trust.ifPresent(p -> {
            if (!Files.isReadable(p)) {
                throw invalid(TRUST, p.toString(), "a readable PEM file");
            }
        });
        return new RedisSettings(config.apply(URI), config.apply(CHANNEL_PREFIX).orElse(DEFAULT_PREFIX), mode,
                millis(config, REQUEST_TIMEOUT, 5000), heartbeat,
                millis(config, NODE_TIMEOUT, 3 * heartbeat.toMillis()), trust);
    }

    private static Duration millis(Function<String, Optional<String>> config, String key, long fallback) {
        return config.apply(key).map(v -> {
            try {
                long ms = Long.parseLong(v);
                if (ms > 0) {
                    return Duration.ofMillis(ms);
                }
            } catch (NumberFormatException e) {
                // named below
            }
            throw invalid(key, v, "a positive number of milliseconds");
        }).orElse(Duration.ofMillis(fallback));
    }

    private static IllegalArgumentException invalid(String key, String value, String expected) {
        return new IllegalArgumentException(
                "CDI Gateway: " + key + " is '" + value + "', but it must be " + expected + ".");
    }

    /** The channel of a gateway's broadcasts. */
    String channel(String gateway) {
        return channelPrefix + ":" + gateway;
    }

    /** The channel every node listens on: heartbeats and cluster-wide requests. */
    String nodesChannel() {
        return channelPrefix + "#nodes";
    }

    /** The channel of the answers to the requests of one node. */
    String answerChannel(String node) {
        return channelPrefix + "#answers:" + node;
    }
}
