package org.cdigateway.redis;

import java.util.Optional;
import java.util.function.Function;

import org.cdigateway.internal.config.ConfigSource;

/**
 * The settings of the Redis broadcaster, each read from the MicroProfile Config key (else the system property of that
 * name).
 *
 * @param uri           {@code cdigateway.redis.uri}, such as {@code redis://127.0.0.1:6379}; empty: Redis is off and
 *                      broadcasts stay on this node
 * @param channelPrefix {@code cdigateway.redis.channel-prefix}, {@code cdigateway} by default: broadcasts of the
 *                      gateway {@code /chat} travel on the channel {@code cdigateway:/chat}
 */
record RedisSettings(Optional<String> uri, String channelPrefix) {

    static final String URI = "cdigateway.redis.uri";
    static final String CHANNEL_PREFIX = "cdigateway.redis.channel-prefix";
    static final String DEFAULT_PREFIX = "cdigateway";

    /** The settings the application of {@code application} sees. */
    static RedisSettings read(Class<?> application) {
        Function<String, Optional<String>> mp = ConfigSource.forClass(application);
        Function<String, Optional<String>> config = key -> mp.apply(key)
                .or(() -> Optional.ofNullable(System.getProperty(key))).map(String::strip).filter(v -> !v.isEmpty());
        return new RedisSettings(config.apply(URI), config.apply(CHANNEL_PREFIX).orElse(DEFAULT_PREFIX));
    }

    /** The channel of a gateway's broadcasts. */
    String channel(String gateway) {
        return channelPrefix + ":" + gateway;
    }

    /** The pattern of every gateway's channel, with the glob characters of the prefix escaped. */
    String pattern() {
        StringBuilder b = new StringBuilder();
        for (char c : channelPrefix.toCharArray()) {
            if ("*?[]\\".indexOf(c) >= 0) {
                b.append('\\');
            }
            b.append(c);
        }
        return b.append(":*").toString();
    }
}
