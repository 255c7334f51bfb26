package org.cdigateway.socketio.internal.server;

import java.util.Optional;
import java.util.function.Function;

import org.cdigateway.internal.config.ConfigSource;

/**
 * The settings of the Socket.IO endpoint, shared by every namespace: MicroProfile Config keys
 * {@code cdigateway.socketio.*}, else system properties of the same names, else the defaults of the reference server.
 *
 * @param path            where Engine.IO is served, {@code /socket.io/}
 * @param pingInterval    milliseconds between the server's pings
 * @param pingTimeout     milliseconds a client has to answer one
 * @param maxPayload      the largest Engine.IO message, in characters or bytes
 * @param connectTimeout  milliseconds a new connection has to connect to a namespace
 * @param maxAttachments  binary attachments one packet may announce
 * @param recoveryWindow  milliseconds a dropped client may take to resume its connection; 0: recovery off
 */
public record SocketIoSettings(String path, long pingInterval, long pingTimeout, int maxPayload, long connectTimeout,
        int maxAttachments, long recoveryWindow) {

    static final String PREFIX = "cdigateway.socketio.";

    public static SocketIoSettings read(Class<?> application) {
        Function<String, Optional<String>> config = ConfigSource.forClass(application);
        Function<String, String> value = key -> config.apply(PREFIX + key)
                .orElse(System.getProperty(PREFIX + key));
        String path = Optional.ofNullable(value.apply("path")).orElse("/socket.io/");
        if (!path.startsWith("/")) {
            path = "/" + path;
        }
        if (!path.endsWith("/")) {
            path = path + "/";
        }
        return new SocketIoSettings(path, number(value, "ping-interval", 25_000), number(value, "ping-timeout", 20_000),
                (int) number(value, "max-payload", 1_000_000), number(value, "connect-timeout", 45_000),
                (int) number(value, "max-attachments", 10), window(value));
    }

    /** {@code recovery-window}: milliseconds; 0, the default, turns connection state recovery off. */
    private static long window(Function<String, String> value) {
        String v = value.apply("recovery-window");
        return v == null || v.isBlank() || "0".equals(v.strip()) ? 0 : number(value, "recovery-window", 0);
    }

    private static long number(Function<String, String> value, String key, long otherwise) {
        String v = value.apply(key);
        if (v == null || v.isBlank()) {
            return otherwise;
        }
        try {
            long n = Long.parseLong(v.strip());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new IllegalArgumentException(PREFIX + key + " must be a positive number, not '" + v + "'");
    }
}
