package org.cdigateway.junit5.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Immutable options for {@link GatewayTestClient#connect(java.net.URI, ClientOptions)}.
 *
 * <pre>{@code
 * ClientOptions options = ClientOptions.defaults()
 *         .header("Origin", "https://app.example")
 *         .header("Authorization", "Bearer token")
 *         .subprotocol("gateway.v1");
 * }</pre>
 *
 * <p>
 * Headers are sent with the opening handshake. {@code java.net.http.WebSocket} refuses some of them: the handshake
 * headers it manages itself ({@code Sec-WebSocket-Key}, {@code Sec-WebSocket-Version}, {@code Sec-WebSocket-Protocol},
 * {@code Sec-WebSocket-Extensions}, {@code Sec-WebSocket-Accept}) and the restricted HTTP headers {@code Host},
 * {@code Connection}, {@code Upgrade}, {@code Content-Length} and {@code Expect}; connecting with one of them throws
 * {@link IllegalArgumentException}. Use {@link #subprotocol(String)} instead of a {@code Sec-WebSocket-Protocol}
 * header. {@code Origin}, {@code Authorization}, {@code Cookie} and custom headers are sent as given.
 *
 * @param headers        handshake headers, in insertion order (names as given, merged case-insensitively)
 * @param subprotocols   subprotocols offered in {@code Sec-WebSocket-Protocol}, most preferred first
 * @param connectTimeout bound for the TCP connection plus the opening handshake
 */
public record ClientOptions(Map<String, List<String>> headers, List<String> subprotocols, Duration connectTimeout) {

    /** The default connect timeout: 10 seconds. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    /** Validates the options and makes unmodifiable copies of the collections. */
    public ClientOptions {
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(subprotocols, "subprotocols");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connectTimeout must be positive: " + connectTimeout);
        }
        Map<String, List<String>> copy = new LinkedHashMap<>();
        headers.forEach((name, values) -> {
            checkToken(name, "header name");
            List<String> list = List.copyOf(values);
            list.forEach(ClientOptions::checkHeaderValue);
            copy.put(name, list);
        });
        headers = Collections.unmodifiableMap(copy);
        subprotocols = List.copyOf(subprotocols);
        subprotocols.forEach(p -> checkToken(p, "subprotocol"));
    }

    /** Options without headers or subprotocols and a 10 second connect timeout. */
    public static ClientOptions defaults() {
        return new ClientOptions(Map.of(), List.of(), DEFAULT_CONNECT_TIMEOUT);
    }

    /** Returns a copy with the header value added (e.g. {@code "Origin"}, {@code "Authorization"}, {@code "Cookie"}). */
    /** These options with HTTP Basic credentials in the handshake's {@code Authorization} header. */
    public ClientOptions basicAuth(String user, String password) {
        String credentials = java.util.Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return header("Authorization", "Basic " + credentials);
    }

    /** These options with a bearer token in the handshake's {@code Authorization} header. */
    public ClientOptions bearer(String token) {
        return header("Authorization", "Bearer " + token);
    }

    public ClientOptions header(String name, String value) {
        checkToken(name, "header name");
        checkHeaderValue(value);
        Map<String, List<String>> copy = new LinkedHashMap<>(headers);
        String key = copy.keySet().stream().filter(name::equalsIgnoreCase).findFirst().orElse(name);
        List<String> values = new ArrayList<>(copy.getOrDefault(key, List.of()));
        values.add(value);
        copy.put(key, values);
        return new ClientOptions(copy, subprotocols, connectTimeout);
    }

    /** Returns a copy that also offers the subprotocol {@code p} (after the ones already added). */
    public ClientOptions subprotocol(String p) {
        checkToken(p, "subprotocol");
        List<String> copy = new ArrayList<>(subprotocols);
        copy.add(p);
        return new ClientOptions(headers, copy, connectTimeout);
    }

    /** Returns a copy with another connect timeout. */
    public ClientOptions connectTimeout(Duration timeout) {
        return new ClientOptions(headers, subprotocols, timeout);
    }

    private static void checkToken(String s, String what) {
        Objects.requireNonNull(s, what);
        if (s.isEmpty()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= 0x20 || c >= 0x7f || "()<>@,;:\\\"/[]?={}".indexOf(c) >= 0) {
                throw new IllegalArgumentException("invalid " + what + ": \"" + s + "\"");
            }
        }
    }

    private static void checkHeaderValue(String value) {
        Objects.requireNonNull(value, "header value");
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("header value must not contain CR or LF: \"" + value + "\"");
        }
    }
}
