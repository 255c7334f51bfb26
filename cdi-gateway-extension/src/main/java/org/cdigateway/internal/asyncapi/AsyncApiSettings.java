package org.cdigateway.internal.asyncapi;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

import jakarta.enterprise.inject.spi.DefinitionException;

import org.cdigateway.internal.config.ConfigSource;
import org.cdigateway.internal.deployment.GatewayMessages;

/**
 * Whether the running application serves the AsyncAPI document of its gateways, and where: the keys
 * {@code cdigateway.asyncapi.enabled} (default {@code false}), {@code cdigateway.asyncapi.path} (default
 * {@code /asyncapi.json}, under the application's context root), {@code cdigateway.asyncapi.title} and
 * {@code cdigateway.asyncapi.version}, read through MicroProfile Config when present, else as system properties.
 */
public record AsyncApiSettings(boolean enabled, String path, String title, String version) {

    static final String PREFIX = "cdigateway.asyncapi.";
    public static final String ENABLED = PREFIX + "enabled";
    public static final String PATH = PREFIX + "path";
    public static final String TITLE = PREFIX + "title";
    public static final String VERSION = PREFIX + "version";

    /** Off, at {@code /asyncapi.json}. */
    public static final AsyncApiSettings DEFAULTS = new AsyncApiSettings(false, "/asyncapi.json", "CDI Gateway",
            "1.0.0");

    /**
     * The settings the application of {@code application} (a class of it) sees; each value that is not valid is told
     * to {@code problems} (GW-0126) and replaced by its default.
     */
    public static AsyncApiSettings of(Class<?> application, Consumer<DefinitionException> problems) {
        Function<String, Optional<String>> mp = ConfigSource.forClass(application);
        return read(key -> mp.apply(key).or(() -> Optional.ofNullable(System.getProperty(key))), problems);
    }

    /** The settings in {@code config}; see {@link #of}. */
    static AsyncApiSettings read(Function<String, Optional<String>> config, Consumer<DefinitionException> problems) {
        boolean enabled = DEFAULTS.enabled;
        Optional<String> on = value(config, ENABLED);
        if (on.isPresent()) {
            String v = on.get().toLowerCase(Locale.ROOT);
            if (v.equals("true") || v.equals("false")) {
                enabled = Boolean.parseBoolean(v);
            } else {
                problems.accept(
                        GatewayMessages.invalidAsyncApiSetting(ENABLED, on.get(), "it is neither true nor false"));
            }
        }
        String path = value(config, PATH).orElse(DEFAULTS.path);
        String problem = pathProblem(path);
        if (problem != null) {
            problems.accept(GatewayMessages.invalidAsyncApiSetting(PATH, path, problem));
            path = DEFAULTS.path;
        }
        return new AsyncApiSettings(enabled, path, value(config, TITLE).orElse(DEFAULTS.title),
                value(config, VERSION).orElse(DEFAULTS.version));
    }

    /** What is wrong with a path, or null: it names one resource, such as {@code /asyncapi.json} or {@code /docs/ws}. */
    static String pathProblem(String path) {
        if (!path.startsWith("/")) {
            return "it does not start with '/'";
        }
        if (path.length() == 1 || path.endsWith("/")) {
            return "it ends with '/', so it names no file";
        }
        if (path.contains("//") || path.contains("/./") || path.contains("/../") || path.endsWith("/..")
                || path.endsWith("/.")) {
            return "it has an empty, '.' or '..' segment";
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c <= ' ' || c == 0x7f || "?#*{};%\\".indexOf(c) >= 0) {
                return "it holds '" + (c <= ' ' ? "\\u" + String.format("%04x", (int) c) : String.valueOf(c))
                        + "'; it must be a path such as /asyncapi.json";
            }
        }
        return null;
    }

    private static Optional<String> value(Function<String, Optional<String>> config, String key) {
        return config.apply(key).map(String::strip).filter(v -> !v.isEmpty());
    }
}
