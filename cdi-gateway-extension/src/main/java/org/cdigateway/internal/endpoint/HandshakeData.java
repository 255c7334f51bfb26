package org.cdigateway.internal.endpoint;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

import jakarta.websocket.server.HandshakeRequest;

/**
 * What a client sent in its handshake, captured in {@code modifyHandshake} (the only place it is visible) and handed
 * to the session through its per-connection user properties.
 *
 * <p>
 * Kept for the whole life of the connection, so kept compact: the headers as one array of names and values, the
 * query as the string it came as. The maps of {@link #headers()} and {@link #query()} are built when asked for, which
 * is rare (guards at the handshake, mostly); a map per connection would cost about half a kilobyte each.
 */
public final class HandshakeData {

    /** The key of this record in the session's user properties. */
    public static final String KEY = HandshakeData.class.getName();

    /** Empty data, for connections whose handshake was not seen. */
    public static final HandshakeData EMPTY = new HandshakeData(new String[0], null, null);

    /**
     * Header names and values that most handshakes carry, spelled as they usually come: a connection keeps these
     * strings instead of copies of its own (each copy costs 40 to 70 bytes). Only an exact match is replaced.
     */
    private static final Map<String, String> COMMON = common("Host", "Origin", "Upgrade", "Connection",
            "Sec-WebSocket-Version", "Sec-WebSocket-Extensions", "Sec-WebSocket-Protocol", "User-Agent", "Accept",
            "Accept-Encoding", "Accept-Language", "Cache-Control", "Pragma", "Cookie", "Authorization",
            "X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-Host", "X-Real-IP", "Forwarded", "traceparent",
            "host", "origin", "upgrade", "connection", "sec-websocket-version", "sec-websocket-extensions",
            "sec-websocket-protocol", "user-agent", "accept-encoding", "accept-language", "cache-control", "pragma",
            "cookie", "authorization", "websocket", "13", "no-cache", "gzip, deflate, br", "gzip, deflate",
            "permessage-deflate; client_max_window_bits", "permessage-deflate");

    /**
     * The last header names and values seen, by hash: the clients of one application send mostly the same {@code Host},
     * {@code Origin}, {@code User-Agent} and so on, and each connection keeps the string already kept by an earlier
     * one instead of a copy. Racy on purpose: a slot overwritten meanwhile only costs a copy.
     */
    private static final String[] RECENT = new String[512];

    private static String shared(String s) {
        if (s == null || s.length() > 256) {
            return s;
        }
        String common = COMMON.get(s);
        if (common != null) {
            return common;
        }
        int slot = s.hashCode() & (RECENT.length - 1);
        String recent = RECENT[slot];
        if (s.equals(recent)) {
            return recent;
        }
        RECENT[slot] = s;
        return s;
    }

    private static Map<String, String> common(String... strings) {
        Map<String, String> m = new java.util.HashMap<>();
        for (String s : strings) {
            m.put(s, s);
        }
        return Map.copyOf(m);
    }

    /** name, value, name, value, ...; a header with several values appears once per value. */
    private final String[] fields;
    private final String query;
    private final String address;
    private final String auth;
    private final Identity identity;

    /** Who the container authenticated at the handshake, and which of the roles asked about it said yes to. */
    private record Identity(Principal principal, Set<String> roles) {}

    private HandshakeData(String[] fields, String query, String address) {
        this(fields, query, address, null, null);
    }

    private HandshakeData(String[] fields, String query, String address, String auth, Identity identity) {
        this.fields = fields;
        this.query = query;
        this.address = address;
        this.auth = auth;
        this.identity = identity;
    }

    /**
     * The same handshake with the authentication payload a protocol carries after it (Socket.IO's CONNECT
     * {@code auth}), as JSON text.
     */
    public HandshakeData withAuth(String authJson) {
        return new HandshakeData(fields, query, address, authJson, identity);
    }

    /**
     * The same handshake with the principal the container authenticated (null: none), and its answers about the roles
     * the gateways name (asked here, as the container answers only while the handshake is served).
     *
     * @param roleNames the roles to ask about
     * @param inRole    the container's answer for one role
     */
    public HandshakeData withIdentity(Principal principal, Set<String> roleNames, Predicate<String> inRole) {
        if (principal == null) {
            return identity == null ? this : new HandshakeData(fields, query, address, auth, null);
        }
        Set<String> granted = Set.of();
        if (!roleNames.isEmpty()) {
            List<String> yes = new ArrayList<>(roleNames.size());
            for (String role : roleNames) {
                if (inRole.test(role)) {
                    yes.add(role);
                }
            }
            granted = Set.copyOf(yes);
        }
        return new HandshakeData(fields, query, address, auth, new Identity(principal, granted));
    }

    /** The principal the container authenticated at the handshake, or null. */
    public Principal principal() {
        return identity == null ? null : identity.principal();
    }

    /**
     * Whether the container said the client is in {@code role} at the handshake; false for a role no gateway names
     * in {@code @RolesAllowed} (the container was not asked).
     */
    public boolean isUserInRole(String role) {
        return identity != null && identity.roles().contains(role);
    }

    /** The authentication payload as JSON text, or null when the protocol carries none. */
    public String auth() {
        return auth;
    }

    /**
     * Captures headers and query of a handshake request, and the remote address of the upgrade request when the
     * container serves the handshake inside it (see {@link UpgradeAddress}).
     */
    public static HandshakeData of(HandshakeRequest request) {
        return of(request.getHeaders(), request.getQueryString(), UpgradeAddress.current());
    }

    /** Captures headers and a raw query string ({@code a=1&b=x%20y}, or null). */
    public static HandshakeData of(Map<String, List<String>> headers, String query) {
        return of(headers, query, null);
    }

    /** Captures headers, a raw query string and the client's address (null when unknown). */
    static HandshakeData of(Map<String, List<String>> headers, String query, String address) {
        List<String> fields = new ArrayList<>();
        headers.forEach((name, values) -> {
            if (name == null || name.equalsIgnoreCase("Sec-WebSocket-Key")) {
                return; // the handshake's nonce: of no use once it is answered
            }
            String kept = shared(name);
            for (String value : values) {
                fields.add(kept);
                fields.add(shared(value));
            }
        });
        return new HandshakeData(fields.toArray(String[]::new), query == null || query.isEmpty() ? null : query,
                address);
    }

    /** The remote address of the upgrade request, when the container let it be seen during the handshake; else null. */
    public String address() {
        return address;
    }

    /** The first value of a header (the name in any case), or null. */
    public String header(String name) {
        for (int i = 0; i < fields.length; i += 2) {
            if (fields[i].equalsIgnoreCase(name)) {
                return fields[i + 1];
            }
        }
        return null;
    }

    /** Every value of a header (the name in any case), in the order they came; empty when absent. */
    public List<String> headerValues(String name) {
        List<String> values = List.of();
        for (int i = 0; i < fields.length; i += 2) {
            if (fields[i].equalsIgnoreCase(name)) {
                if (values.isEmpty()) {
                    values = new ArrayList<>(1);
                }
                values.add(fields[i + 1]);
            }
        }
        return values;
    }

    /** The headers, names case-insensitive, each with its values in the order they came. */
    public Map<String, List<String>> headers() {
        TreeMap<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 0; i < fields.length; i += 2) {
            headers.computeIfAbsent(fields[i], k -> new ArrayList<>(1)).add(fields[i + 1]);
        }
        headers.replaceAll((k, v) -> List.copyOf(v));
        return Collections.unmodifiableMap(headers);
    }

    /** The first value of a query parameter, decoded, or null; reads only as far as the parameter. */
    public String queryParam(String name) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (!pair.isEmpty() && decode(eq < 0 ? pair : pair.substring(0, eq)).equals(name)) {
                return eq < 0 ? "" : decode(pair.substring(eq + 1));
            }
        }
        return null;
    }

    /** The query parameters, decoded, each with its values in order. */
    public Map<String, List<String>> query() {
        return parseQuery(query);
    }

    /** Parses {@code a=1&b=x%20y&a=2}. */
    public static Map<String, List<String>> parseQuery(String query) {
        if (query == null || query.isEmpty()) {
            return Map.of();
        }
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        params.replaceAll((k, v) -> List.copyOf(v));
        return Collections.unmodifiableMap(params);
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

}
