package org.cdigateway.internal.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

import org.cdigateway.Compression;
import org.cdigateway.SlowConsumer;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.internal.deployment.GatewayMessages;

/**
 * The settings of one gateway: the values of its {@link WebSocketGateway} annotation, each overridable through
 * MicroProfile Config (when present) with the key {@code cdigateway.<gateway class name>.<setting>}, for example
 * {@code cdigateway.com.example.ChatGateway.max-message-size=131072}.
 */
public record GatewaySettings(int maxMessageSize, List<String> allowedOrigins, int maxMessagesPerSecond,
        long idleTimeout, long guardTimeout, int maxQueuedFrames, long maxQueuedBytes, SlowConsumer slowConsumer,
        long pingInterval, long pingTimeout, int maxNestingDepth, int maxStreamsPerConnection,
        int maxPendingRepliesPerConnection, int maxWaitingMessages, int maxConnectionsPerAddress,
        Compression compression) {

    /** The keys, after {@code cdigateway.<class>.}. */
    public static final List<String> KEYS = List.of("max-message-size", "allowed-origins", "max-messages-per-second",
            "idle-timeout", "guard-timeout", "max-queued-frames", "max-queued-bytes", "slow-consumer", "ping-interval",
            "ping-timeout", "max-nesting-depth", "max-streams-per-connection", "max-pending-replies-per-connection",
            "max-waiting-messages", "max-connections-per-address", "compression");

    public GatewaySettings {
        allowedOrigins = List.copyOf(allowedOrigins);
    }

    /**
     * The settings of {@code gateway}: its annotation, overridden by configuration.
     *
     * @throws jakarta.enterprise.inject.spi.DefinitionException GW-0114 when a value is out of range
     */
    public static GatewaySettings of(Class<?> gateway) {
        WebSocketGateway a = gateway.getAnnotation(WebSocketGateway.class);
        Function<String, Optional<String>> config = ConfigSource.forClass(gateway);
        String prefix = "cdigateway." + gateway.getName() + ".";
        Reader r = new Reader(prefix, config);
        GatewaySettings s = new GatewaySettings(
                r.integer("max-message-size", a.maxMessageSize()),
                r.list("allowed-origins", List.of(a.allowedOrigins())),
                r.integer("max-messages-per-second", a.maxMessagesPerSecond()),
                r.longValue("idle-timeout", a.idleTimeout()),
                r.longValue("guard-timeout", a.guardTimeout()),
                r.integer("max-queued-frames", a.maxQueuedFrames()),
                r.longValue("max-queued-bytes", a.maxQueuedBytes()),
                r.slowConsumer("slow-consumer", a.slowConsumer()),
                r.longValue("ping-interval", a.pingInterval()),
                r.longValue("ping-timeout", a.pingTimeout()),
                r.integer("max-nesting-depth", a.maxNestingDepth()),
                r.integer("max-streams-per-connection", a.maxStreamsPerConnection()),
                r.integer("max-pending-replies-per-connection", a.maxPendingRepliesPerConnection()),
                r.integer("max-waiting-messages", a.maxWaitingMessages()),
                r.integer("max-connections-per-address", a.maxConnectionsPerAddress()),
                r.compression("compression", a.compression()));
        List<String> problems = new ArrayList<>(r.problems);
        if (s.maxMessageSize <= 0) {
            problems.add("max-message-size must be positive, not " + s.maxMessageSize);
        }
        if (s.maxMessagesPerSecond < 0) {
            problems.add("max-messages-per-second must be 0 (no limit) or positive, not " + s.maxMessagesPerSecond);
        }
        if (s.idleTimeout < 0 || s.guardTimeout <= 0) {
            problems.add("idle-timeout must be 0 or positive and guard-timeout positive");
        }
        if (s.maxQueuedFrames <= 0 || s.maxQueuedBytes <= 0) {
            problems.add("max-queued-frames and max-queued-bytes must be positive");
        }
        if (s.pingInterval < 0 || s.pingTimeout <= 0) {
            problems.add("ping-interval must be 0 (no pings) or positive and ping-timeout positive");
        }
        if (s.maxNestingDepth <= 0 || s.maxStreamsPerConnection <= 0 || s.maxPendingRepliesPerConnection <= 0
                || s.maxWaitingMessages <= 0) {
            problems.add("max-nesting-depth, max-streams-per-connection, max-pending-replies-per-connection and"
                    + " max-waiting-messages must be positive");
        }
        if (s.maxConnectionsPerAddress < 0) {
            problems.add("max-connections-per-address must be 0 (no limit) or positive, not "
                    + s.maxConnectionsPerAddress);
        }
        if (!problems.isEmpty()) {
            throw GatewayMessages.invalidSettings(gateway, String.join("; ", problems), prefix);
        }
        return s;
    }

    private static final class Reader {

        final String prefix;
        final Function<String, Optional<String>> config;
        final List<String> problems = new ArrayList<>();

        Reader(String prefix, Function<String, Optional<String>> config) {
            this.prefix = prefix;
            this.config = config;
        }

        Optional<String> value(String key) {
            return config.apply(prefix + key).map(String::strip).filter(v -> !v.isEmpty());
        }

        int integer(String key, int fallback) {
            return (int) number(key, fallback, true);
        }

        long longValue(String key, long fallback) {
            return number(key, fallback, false);
        }

        private long number(String key, long fallback, boolean isInt) {
            Optional<String> v = value(key);
            if (v.isEmpty()) {
                return fallback;
            }
            try {
                return isInt ? Integer.parseInt(v.get()) : Long.parseLong(v.get());
            } catch (NumberFormatException e) {
                problems.add(prefix + key + "=" + v.get() + " is not a whole number");
                return fallback;
            }
        }

        List<String> list(String key, List<String> fallback) {
            return value(key).map(v -> List.of(v.split("\\s*,\\s*"))).orElse(fallback);
        }

        Compression compression(String key, Compression fallback) {
            Optional<String> v = value(key);
            if (v.isEmpty()) {
                return fallback;
            }
            try {
                return Compression.valueOf(v.get().strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add(prefix + key + "=" + v.get() + " is not one of DEFAULT, ON, OFF");
                return fallback;
            }
        }

        SlowConsumer slowConsumer(String key, SlowConsumer fallback) {
            Optional<String> v = value(key);
            if (v.isEmpty()) {
                return fallback;
            }
            try {
                return SlowConsumer.valueOf(v.get().toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                problems.add(prefix + key + "=" + v.get() + " is not one of CLOSE, DROP_NEWEST, DROP_OLDEST");
                return fallback;
            }
        }
    }
}
