package org.cdigateway.internal.endpoint;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which browser pages may open a connection: the gateway's own origin (the {@code Origin} matches the {@code Host}
 * the client connected to, or the {@code X-Forwarded-Host} a proxy set), the allowed origins, or any with
 * {@code "*"}. A client that sends no {@code Origin} is not a browser page and is allowed. Browsers do not let
 * pages set any of these headers on a WebSocket handshake, which is what makes the check meaningful.
 */
final class OriginPolicy {

    private final boolean any;
    private final Set<String> allowed;

    OriginPolicy(List<String> allowedOrigins) {
        this.any = allowedOrigins.contains("*");
        this.allowed = allowedOrigins.stream().map(OriginPolicy::normalize).collect(Collectors.toUnmodifiableSet());
    }

    boolean allows(HandshakeData handshake) {
        String origin = handshake.header("Origin");
        if (origin == null || any) {
            return true;
        }
        String normalized = normalize(origin);
        if (allowed.contains(normalized)) {
            return true;
        }
        String authority = authority(normalized);
        return authority != null && (sameHost(authority, handshake.header("Host"), normalized)
                || sameHost(authority, handshake.header("X-Forwarded-Host"), normalized));
    }

    private static boolean sameHost(String originAuthority, String host, String origin) {
        if (host == null) {
            return false;
        }
        String h = host.split(",")[0].strip().toLowerCase(Locale.ROOT);
        return originAuthority.equals(h) || originAuthority.equals(withoutDefaultPort(h, origin));
    }

    /** {@code host[:port]} of an origin, without the scheme's default port; null when it is not a URI ("null"). */
    private static String authority(String origin) {
        try {
            URI uri = URI.create(origin);
            if (uri.getHost() == null) {
                return null;
            }
            String host = uri.getHost();
            int port = uri.getPort();
            boolean defaultPort = port == -1 || (port == 80 && ("http".equals(uri.getScheme())
                    || "ws".equals(uri.getScheme()))) || (port == 443 && ("https".equals(uri.getScheme())
                            || "wss".equals(uri.getScheme())));
            return defaultPort ? host : host + ":" + port;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String withoutDefaultPort(String host, String origin) {
        if (host.endsWith(":80") && origin.startsWith("http:")
                || host.endsWith(":443") && origin.startsWith("https:")) {
            return host.substring(0, host.lastIndexOf(':'));
        }
        return host;
    }

    private static String normalize(String origin) {
        String o = origin.strip().toLowerCase(Locale.ROOT);
        return o.endsWith("/") ? o.substring(0, o.length() - 1) : o;
    }
}
