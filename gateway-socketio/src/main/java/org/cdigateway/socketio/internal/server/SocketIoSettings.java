package org.cdigateway.socketio.internal.server;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import jakarta.enterprise.inject.spi.DefinitionException;

import org.cdigateway.Adapter;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.internal.config.ConfigSource;
import org.cdigateway.internal.deployment.DeploymentProblems;
import org.cdigateway.internal.deployment.Describe;
import org.cdigateway.internal.deployment.GatewayMessages;
import org.cdigateway.socketio.SocketIoConfig;
import org.cdigateway.socketio.Transport;

/**
 * The settings of the Socket.IO endpoint, shared by every namespace. Each is, in this order: the MicroProfile Config
 * key {@code cdigateway.socketio.<key>} (else the system property of that name), the member of {@link SocketIoConfig}
 * on one of the Socket.IO gateways, the default of the reference server.
 *
 * @param path            where Engine.IO is served, {@code /socket.io/}
 * @param pingInterval    milliseconds between the server's pings
 * @param pingTimeout     milliseconds a client has to answer one
 * @param maxPayload      the largest Engine.IO message, in characters or bytes
 * @param connectTimeout  milliseconds a new connection has to connect to a namespace
 * @param maxAttachments  binary attachments one packet may announce
 * @param allowedOrigins  the origins whose pages may connect, lower case without a trailing {@code /}; {@code *} for
 *                        any
 * @param transports      the transports served
 * @param recoveryWindow  milliseconds a disconnected client may recover its session within; 0: no recovery
 */
public record SocketIoSettings(String path, long pingInterval, long pingTimeout, int maxPayload, long connectTimeout,
        int maxAttachments, Set<String> allowedOrigins, Set<Transport> transports, long recoveryWindow) {

    static final String PREFIX = "cdigateway.socketio.";
    private static final String ANY = "*";

    /** The settings when nothing is configured: those of the reference server. */
    public static final SocketIoSettings DEFAULTS = new SocketIoSettings("/socket.io/", 25_000, 20_000, 1_000_000,
            45_000, 10, Set.of(ANY), EnumSet.allOf(Transport.class), 0);

    public SocketIoSettings {
        allowedOrigins = Collections.unmodifiableSet(new LinkedHashSet<>(allowedOrigins));
        transports = Collections.unmodifiableSet(
                transports.isEmpty() ? EnumSet.noneOf(Transport.class) : EnumSet.copyOf(transports));
    }

    /** Whether a request with this {@code Origin} header (null: none, not a browser) may connect. */
    public boolean allowsOrigin(String origin) {
        return origin == null || allowedOrigins.contains(ANY) || allowedOrigins.contains(normalizedOrigin(origin));
    }

    /** Whether the transport is served. */
    public boolean serves(Transport transport) {
        return transports.contains(transport);
    }

    /**
     * The settings of the Socket.IO endpoint of these gateways (each speaks Socket.IO), read with the configuration
     * their application sees.
     *
     * @throws DefinitionException listing every mistake, as the deployment check reports them
     */
    public static SocketIoSettings read(List<Class<?>> gateways) {
        DeploymentProblems problems = new DeploymentProblems();
        SocketIoSettings s = read(gateways, configOf(gateways.isEmpty() ? SocketIoSettings.class : gateways.get(0)),
                problems::add);
        if (!problems.isEmpty()) {
            throw problems.combined();
        }
        return s;
    }

    /** The path alone, for the servlet that must be mapped before the deployment is checked; the default if invalid. */
    public static String path(List<Class<?>> annotated, Class<?> application) {
        return read(annotated, configOf(application), p -> {
            // the deployment check reports it
        }).path();
    }

    /**
     * Checks what this module reads from the gateways of an application: {@link SocketIoConfig} only on gateways that
     * speak Socket.IO, and the settings of those.
     */
    public static void check(List<Class<?>> gateways, Predicate<Class<?>> speaksSocketIo,
            DeploymentProblems problems) {
        List<Class<?>> speaking = new ArrayList<>();
        for (Class<?> g : gateways) {
            if (speaksSocketIo.test(g)) {
                speaking.add(g);
            } else if (g.isAnnotationPresent(SocketIoConfig.class)) {
                problems.add(GatewayMessages.socketIoConfigNotSocketIo(g));
            }
        }
        if (speaking.isEmpty()) {
            return;
        }
        String endpoint = read(speaking, configOf(speaking.get(0)), problems::add).path();
        for (Class<?> g : gateways) {
            WebSocketGateway annotation = g.getAnnotation(WebSocketGateway.class);
            if (annotation != null && Arrays.asList(annotation.adapter()).contains(Adapter.NATIVE)
                    && overlaps(annotation.value(), endpoint)) {
                problems.add(GatewayMessages.nativePathAtSocketIoPath(g, annotation.value(), endpoint));
            }
        }
    }

    /**
     * Whether a native gateway's path is the Socket.IO endpoint's path ({@code /socket.io/}, with or without its last
     * slash) or lies under it, where the endpoint serves its polling requests: both cannot be served. Variables of a
     * path template are not matched against it, as the WebSocket container prefers the endpoint's exact path.
     */
    static boolean overlaps(String nativePath, String endpointPath) {
        String base = endpointPath.substring(0, endpointPath.length() - 1); // without its last slash
        return nativePath.equals(base) || nativePath.startsWith(base + "/");
    }

    /**
     * The settings of the gateways' endpoint; each mistake goes to {@code problems}, and its setting keeps the value
     * it would have without the mistaken source.
     *
     * @param config the value of a full key, such as {@code cdigateway.socketio.ping-interval}; empty when unset
     */
    static SocketIoSettings read(List<Class<?>> gateways, Function<String, Optional<String>> config,
            Consumer<DefinitionException> problems) {
        Reader r = new Reader(gateways, config, problems);
        String path = r.read(PATH);
        if (!path.startsWith("/")) {
            path = "/" + path;
        }
        if (!path.endsWith("/")) {
            path = path + "/";
        }
        return new SocketIoSettings(path, r.read(PING_INTERVAL), r.read(PING_TIMEOUT), r.read(MAX_PAYLOAD),
                r.read(CONNECT_TIMEOUT), r.read(MAX_ATTACHMENTS), r.read(ALLOWED_ORIGINS), r.read(TRANSPORTS),
                r.read(RECOVERY_WINDOW));
    }

    /** MicroProfile Config as the application of {@code application} sees it, else system properties. */
    static Function<String, Optional<String>> configOf(Class<?> application) {
        Function<String, Optional<String>> mp = ConfigSource.forClass(application);
        return key -> mp.apply(key).or(() -> Optional.ofNullable(System.getProperty(key)));
    }

    // the members, each with its key, how it is read and what it must be

    private static final Member<String> PATH = new Member<>("path", "path", a -> a.path().isEmpty() ? null : a.path(),
            String::strip,
            p -> !p.isBlank() && p.chars().noneMatch(c -> Character.isWhitespace(c) || "?#*{}".indexOf(c) >= 0),
            "must be a path such as /socket.io/, without spaces, '?', '#', '*', '{' or '}'", DEFAULTS.path,
            p -> "\"" + p + "\"");
    private static final Member<Long> PING_INTERVAL = positive("pingInterval", "ping-interval",
            SocketIoConfig::pingInterval, DEFAULTS.pingInterval);
    private static final Member<Long> PING_TIMEOUT = positive("pingTimeout", "ping-timeout",
            SocketIoConfig::pingTimeout, DEFAULTS.pingTimeout);
    private static final Member<Integer> MAX_PAYLOAD = positiveInt("maxPayload", "max-payload",
            SocketIoConfig::maxPayload, DEFAULTS.maxPayload);
    private static final Member<Long> CONNECT_TIMEOUT = positive("connectTimeout", "connect-timeout",
            SocketIoConfig::connectTimeout, DEFAULTS.connectTimeout);
    private static final Member<Integer> MAX_ATTACHMENTS = positiveInt("maxAttachments", "max-attachments",
            SocketIoConfig::maxAttachments, DEFAULTS.maxAttachments);
    private static final Member<Long> RECOVERY_WINDOW = new Member<>("recoveryWindow", "recovery-window",
            a -> a.recoveryWindow() == -1 ? null : a.recoveryWindow(), Long::parseLong, n -> n >= 0,
            "must be 0 (no recovery) or a positive number of milliseconds", DEFAULTS.recoveryWindow, String::valueOf);
    private static final Member<Set<String>> ALLOWED_ORIGINS = new Member<>("allowedOrigins", "allowed-origins",
            a -> a.allowedOrigins().length == 0 ? null : origins(Arrays.asList(a.allowedOrigins())),
            v -> origins(Arrays.asList(v.split(",", -1))), o -> o.stream().allMatch(SocketIoSettings::isOrigin),
            "must be \"*\" or origins such as https://app.example (scheme://host[:port])", DEFAULTS.allowedOrigins,
            SocketIoSettings::showSet);
    private static final Member<Set<Transport>> TRANSPORTS = new Member<>("transports", "transports",
            a -> a.transports().length == 0 ? null : EnumSet.copyOf(Arrays.asList(a.transports())),
            SocketIoSettings::transports, t -> !t.isEmpty(), "must name polling, websocket or both",
            DEFAULTS.transports, t -> showSet(t.stream().map(Transport::wireName).toList()));

    private static Member<Long> positive(String name, String key, Function<SocketIoConfig, Long> member,
            long fallback) {
        return new Member<>(name, key, a -> member.apply(a) == -1 ? null : member.apply(a), Long::parseLong,
                n -> n > 0, "must be a positive number", fallback, String::valueOf);
    }

    private static Member<Integer> positiveInt(String name, String key, Function<SocketIoConfig, Integer> member,
            int fallback) {
        return new Member<>(name, key, a -> member.apply(a) == -1 ? null : member.apply(a), Integer::parseInt,
                n -> n > 0, "must be a positive number", fallback, String::valueOf);
    }

    private static Set<String> origins(List<String> values) {
        return values.stream().map(SocketIoSettings::normalizedOrigin)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static String normalizedOrigin(String origin) {
        String o = origin.strip().toLowerCase(Locale.ROOT);
        return o.endsWith("/") ? o.substring(0, o.length() - 1) : o;
    }

    private static boolean isOrigin(String origin) {
        if (ANY.equals(origin)) {
            return true;
        }
        try {
            URI uri = new URI(origin);
            return uri.getScheme() != null && uri.getHost() != null && uri.getRawPath().isEmpty()
                    && uri.getRawQuery() == null && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    /** The transports of a configuration value; an unknown one is refused. */
    private static Set<Transport> transports(String value) {
        Set<Transport> all = EnumSet.noneOf(Transport.class);
        for (String name : value.split(",", -1)) {
            String n = name.strip();
            if (n.isEmpty()) {
                continue;
            }
            Transport t = Arrays.stream(Transport.values()).filter(c -> c.wireName().equalsIgnoreCase(n)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("'" + n + "' is not a transport"));
            all.add(t);
        }
        return all;
    }

    private static String showSet(java.util.Collection<String> values) {
        return values.stream().map(v -> "\"" + v + "\"").collect(Collectors.joining(", ", "{", "}"));
    }

    /**
     * One member of {@link SocketIoConfig} and its configuration key.
     *
     * @param fromAnnotation its value on an annotation, null when left unset
     * @param parse          a configuration value to the member's type; throws IllegalArgumentException when it
     *                       cannot
     * @param show           a value as the annotation would be written
     */
    private record Member<T>(String name, String key, Function<SocketIoConfig, T> fromAnnotation,
            Function<String, T> parse, Predicate<T> valid, String requirement, T fallback, Function<T, String> show) {}

    /** Reads each member from the configuration and the annotations of the gateways, reporting each mistake. */
    private static final class Reader {

        private final List<Class<?>> annotated = new ArrayList<>();
        private final Function<String, Optional<String>> config;
        private final Consumer<DefinitionException> problems;

        Reader(List<Class<?>> gateways, Function<String, Optional<String>> config,
                Consumer<DefinitionException> problems) {
            for (Class<?> g : gateways) {
                if (g.isAnnotationPresent(SocketIoConfig.class)) {
                    annotated.add(g);
                }
            }
            this.config = config;
            this.problems = problems;
        }

        <T> T read(Member<T> m) {
            T fromAnnotations = fromAnnotations(m);
            Optional<String> configured = config.apply(PREFIX + m.key()).filter(v -> !v.isBlank());
            if (configured.isEmpty()) {
                return fromAnnotations != null ? fromAnnotations : m.fallback();
            }
            String raw = configured.get().strip();
            String where = PREFIX + m.key() + "=" + raw;
            try {
                T value = m.parse().apply(raw);
                if (m.valid().test(value)) {
                    return value;
                }
                problems.accept(GatewayMessages.invalidSocketIoSetting(where, m.key() + " " + m.requirement()));
            } catch (IllegalArgumentException e) {
                String why = e instanceof NumberFormatException ? "" : e.getMessage() + "; ";
                problems.accept(GatewayMessages.invalidSocketIoSetting(where, why + m.key() + " " + m.requirement()));
            }
            return fromAnnotations != null ? fromAnnotations : m.fallback();
        }

        /** The value the annotations agree on, null when none sets it; each disagreement and invalid value reported. */
        private <T> T fromAnnotations(Member<T> m) {
            Class<?> first = null;
            T value = null;
            for (Class<?> g : annotated) {
                SocketIoConfig a = g.getAnnotation(SocketIoConfig.class);
                T v = m.fromAnnotation().apply(a);
                if (v == null) {
                    continue;
                }
                if (!m.valid().test(v)) {
                    problems.accept(GatewayMessages.invalidSocketIoSetting(
                            annotation(m, v) + " on " + Describe.type(g), m.name() + " " + m.requirement()));
                    continue;
                }
                if (first == null) {
                    first = g;
                    value = v;
                } else if (!value.equals(v)) {
                    problems.accept(GatewayMessages.socketIoConfigConflict(m.name(), first, m.show().apply(value), g,
                            m.show().apply(v)));
                }
            }
            return value;
        }

        private static <T> String annotation(Member<T> m, T value) {
            return "@" + SocketIoConfig.class.getSimpleName() + "(" + m.name() + " = " + m.show().apply(value) + ")";
        }
    }
}
