package org.cdigateway;

import java.util.List;
import java.util.Optional;

/**
 * Finds the bearer token a client sent with its handshake, for guards. Browsers cannot set headers on a WebSocket
 * handshake, so a token may come in any of four places, looked at in this order:
 * <ol>
 * <li>the {@code Authorization: Bearer <token>} header (non-browser clients);</li>
 * <li>the {@code Sec-WebSocket-Protocol} header as the pair {@code bearer, <token>}: a browser does
 * {@code new WebSocket(url, ["bearer", token])}, and the gateway answers with the subprotocol {@code bearer};</li>
 * <li>the cookie {@code access_token};</li>
 * <li>the query parameter {@code access_token} (it may end up in access logs; prefer the others).</li>
 * </ol>
 *
 * <pre>{@code
 * String token = BearerToken.find(context.switchToWs().getClient())
 *         .orElseThrow(() -> new UnauthorizedException("No token"));
 * }</pre>
 */
public final class BearerToken {

    /** The subprotocol that announces a token as the next offered subprotocol. */
    public static final String SUBPROTOCOL = "bearer";
    /** The name of the cookie and of the query parameter looked at. */
    public static final String NAME = "access_token";

    private BearerToken() {}

    /** The token, from the first of the four places that has one. */
    public static Optional<String> find(GatewayClient client) {
        return find(client, NAME, NAME);
    }

    /** The token, with other names for the cookie and the query parameter (null to not look there). */
    public static Optional<String> find(GatewayClient client, String cookieName, String queryName) {
        String token = fromAuthorization(client.header("Authorization"));
        if (token == null) {
            token = fromSubprotocols(client.headerValues("Sec-WebSocket-Protocol"));
        }
        if (token == null && cookieName != null) {
            token = fromCookies(client.headerValues("Cookie"), cookieName);
        }
        if (token == null && queryName != null) {
            String q = client.queryParam(queryName);
            token = q == null || q.isBlank() ? null : q;
        }
        return Optional.ofNullable(token);
    }

    static String fromAuthorization(String header) {
        if (header == null) {
            return null;
        }
        String h = header.strip();
        if (h.length() > 7 && h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = h.substring(7).strip();
            return token.isEmpty() ? null : token;
        }
        return null;
    }

    static String fromSubprotocols(List<String> headerValues) {
        boolean announced = false;
        for (String value : headerValues) {
            for (String p : value.split(",")) {
                String protocol = p.strip();
                if (announced && !protocol.isEmpty()) {
                    return protocol;
                }
                announced = protocol.equalsIgnoreCase(SUBPROTOCOL);
            }
        }
        return null;
    }

    static String fromCookies(List<String> headerValues, String name) {
        for (String value : headerValues) {
            for (String c : value.split(";")) {
                int eq = c.indexOf('=');
                if (eq > 0 && c.substring(0, eq).strip().equals(name)) {
                    String token = c.substring(eq + 1).strip();
                    if (token.length() >= 2 && token.startsWith("\"") && token.endsWith("\"")) {
                        token = token.substring(1, token.length() - 1);
                    }
                    return token.isEmpty() ? null : token;
                }
            }
        }
        return null;
    }
}
