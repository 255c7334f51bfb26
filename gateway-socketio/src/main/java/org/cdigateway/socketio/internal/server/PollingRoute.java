package org.cdigateway.socketio.internal.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.cdigateway.internal.endpoint.HandshakeData;
import org.cdigateway.internal.endpoint.HttpRoute;
import org.cdigateway.socketio.Transport;

/**
 * Engine.IO's HTTP long-polling at {@code /socket.io/}: the handshake (a GET without {@code sid}), polls (GET) and
 * sends (POST) of a session, CORS for browsers on other origins. Errors are Engine.IO's: 400 with
 * {@code {"code":..,"message":..}}; a request from an origin the settings do not allow is answered 403
 * {@code {"code":4,"message":"Forbidden"}} without CORS headers, and with polling not served every request is
 * 400 {@code Transport unknown}.
 */
final class PollingRoute implements HttpRoute {

    static final Map<String, String> TEXT = Map.of("Content-Type", "text/plain; charset=UTF-8");
    private static final byte[] OK = "ok".getBytes(StandardCharsets.UTF_8);
    private static final byte[] FORBIDDEN = "{\"code\":4,\"message\":\"Forbidden\"}".getBytes(StandardCharsets.UTF_8);

    private final Engine engine;

    PollingRoute(Engine engine) {
        this.engine = engine;
    }

    @Override
    public String path() {
        return engine.path();
    }

    @Override
    public void handle(Exchange exchange) {
        String method = exchange.method();
        if (!engine.settings.allowsOrigin(exchange.header("Origin"))) {
            exchange.respond(403, Map.of("Content-Type", "application/json"), FORBIDDEN);
            return;
        }
        if ("OPTIONS".equals(method)) {
            exchange.respond(204, cors(exchange, Map.of("Access-Control-Allow-Methods", "GET, POST",
                    "Access-Control-Allow-Headers", "Content-Type")), new byte[0]);
            return;
        }
        Map<String, List<String>> query = exchange.queryParameters();
        String eio = first(query, "EIO");
        if (!"4".equals(eio)) {
            badRequest(exchange, 5, "Unsupported protocol version");
            return;
        }
        String transport = first(query, "transport");
        if (!"polling".equals(transport) || !engine.settings.serves(Transport.POLLING)) {
            badRequest(exchange, 0, "Transport unknown");
            return;
        }
        String sid = first(query, "sid");
        if (sid == null) {
            if (!"GET".equals(method)) {
                badRequest(exchange, 2, "Bad handshake method");
                return;
            }
            handshake(exchange);
            return;
        }
        EngineSession session = engine.session(sid);
        if (session == null) {
            if ("GET".equals(method) && engine.owesNoop(sid)) {
                exchange.respond(200, cors(exchange, TEXT), EngineSession.NOOP);
                return;
            }
            badRequest(exchange, 1, "Session ID unknown");
            return;
        }
        if ("GET".equals(method)) {
            session.poll(new WithCors(exchange));
        } else if ("POST".equals(method)) {
            byte[] body;
            try {
                body = exchange.body(engine.settings.maxPayload());
            } catch (IOException e) {
                badRequest(exchange, 3, "Bad request");
                session.closeTransport(new jakarta.websocket.CloseReason(
                        jakarta.websocket.CloseReason.CloseCodes.TOO_BIG, "transport error"));
                return;
            }
            if (session.posted(new String(body, StandardCharsets.UTF_8))) {
                exchange.respond(200, cors(exchange, TEXT), OK);
            } else {
                badRequest(exchange, 3, "Bad request");
            }
        } else {
            badRequest(exchange, 2, "Bad request method");
        }
    }

    private void handshake(Exchange exchange) {
        HandshakeData handshake = HandshakeData.of(exchange.headers(), exchange.query())
                .withIdentity(exchange.principal(), engine.roleNames(), exchange::isUserInRole);
        EngineSession session = EngineSession.polling(engine, handshake, exchange.remoteAddress());
        session.open(); // before the answer, so that the first poll finds the session
        exchange.respond(200, cors(exchange, TEXT), session.openPacket().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * CORS headers for a request with an {@code Origin} (one the settings allow): that origin, with credentials, as the
     * reference server.
     */
    static Map<String, String> cors(Exchange exchange, Map<String, String> headers) {
        String origin = exchange.header("Origin");
        if (origin == null) {
            return headers;
        }
        Map<String, String> all = new HashMap<>(headers);
        all.put("Access-Control-Allow-Origin", origin);
        all.put("Access-Control-Allow-Credentials", "true");
        return all;
    }

    static void badRequest(Exchange exchange, int code, String message) {
        exchange.respond(400, cors(exchange, Map.of("Content-Type", "application/json")),
                ("{\"code\":" + code + ",\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    private static String first(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** A poll answered later: with the CORS headers of its request. */
    private record WithCors(Exchange exchange) implements Exchange {

        @Override
        public String method() {
            return exchange.method();
        }

        @Override
        public String query() {
            return exchange.query();
        }

        @Override
        public Map<String, List<String>> queryParameters() {
            return exchange.queryParameters();
        }

        @Override
        public String header(String name) {
            return exchange.header(name);
        }

        @Override
        public Map<String, List<String>> headers() {
            return exchange.headers();
        }

        @Override
        public String remoteAddress() {
            return exchange.remoteAddress();
        }

        @Override
        public byte[] body(int max) throws IOException {
            return exchange.body(max);
        }

        @Override
        public void respond(int status, Map<String, String> headers, byte[] body) {
            exchange.respond(status, cors(exchange, headers), body);
        }

        @Override
        public void onAbandoned(Runnable action) {
            exchange.onAbandoned(action);
        }
    }
}
