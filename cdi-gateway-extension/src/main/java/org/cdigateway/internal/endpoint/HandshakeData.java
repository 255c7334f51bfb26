package org.cdigateway.internal.endpoint;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.websocket.server.HandshakeRequest;

/**
 * What a client sent in its handshake, captured in {@code modifyHandshake} (the only place it is visible) and handed
 * to the session through its per-connection user properties.
 */
public record HandshakeData(Map<String, List<String>> headers, Map<String, List<String>> query) {

    /** The key of this record in the session's user properties. */
    public static final String KEY = HandshakeData.class.getName();

    /** Empty data, for connections whose handshake was not seen. */
    public static final HandshakeData EMPTY = new HandshakeData(Map.of(), Map.of());

    /** Captures headers (case-insensitive names) and query parameters of a handshake request. */
    public static HandshakeData of(HandshakeRequest request) {
        TreeMap<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        request.getHeaders().forEach((k, v) -> headers.put(k, List.copyOf(v)));
        return new HandshakeData(Collections.unmodifiableMap(headers), parseQuery(request.getQueryString()));
    }

    /** Parses {@code a=1&b=x%20y&a=2}. */
    static Map<String, List<String>> parseQuery(String query) {
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

    /** The first value of a header, or null. */
    public String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
