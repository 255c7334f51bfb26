package org.cdigateway.junit5.client;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.websocket.CloseReason;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;

/**
 * Test server endpoint speaking the gateway wire protocol:
 * <ul>
 * <li>{@code echo}: replies with the same event, id and data;</li>
 * <li>{@code fail}: replies with an exception frame (code {@code "X"}) echoing the id;</li>
 * <li>{@code close}: closes the session with the code given as data;</li>
 * <li>{@code ignore}: no reply;</li>
 * <li>{@code raw}: sends the data string as it is (e.g. text that is not JSON);</li>
 * <li>{@code fragments}: sends the data string as a fragmented text message, 3 characters per frame;</li>
 * <li>{@code burst}: sends {@code data} frames {@code {"event":"tick","data":i}}, then replies;</li>
 * <li>binary messages are echoed.</li>
 * </ul>
 * The handshake configurator records the request headers and refuses the origin {@value #REFUSED_ORIGIN} (403).
 */
@ServerEndpoint(value = "/t", subprotocols = {"gw.v2", "gw.v1"}, configurator = TestEndpoint.Configurator.class)
public class TestEndpoint {

    static final String REFUSED_ORIGIN = "http://evil.example";

    /** Headers of every handshake, case-insensitive names. */
    static final Queue<Map<String, List<String>>> HANDSHAKES = new ConcurrentLinkedQueue<>();

    /** Origin header of every handshake that had one. */
    static final Queue<String> ORIGINS = new ConcurrentLinkedQueue<>();

    /** "code reason" of every close the endpoint saw. */
    static final Queue<String> CLOSES = new ConcurrentLinkedQueue<>();

    public static final class Configurator extends ServerEndpointConfig.Configurator {

        @Override
        public boolean checkOrigin(String originHeaderValue) {
            return !REFUSED_ORIGIN.equals(originHeaderValue);
        }

        @Override
        public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            headers.putAll(request.getHeaders());
            HANDSHAKES.add(headers);
            List<String> origin = headers.get("Origin");
            if (origin != null) {
                ORIGINS.addAll(origin);
            }
            super.modifyHandshake(sec, request, response);
        }
    }

    @OnMessage
    public void onText(Session session, String text) throws IOException {
        JsonObject frame = Json.createReader(new StringReader(text)).readObject();
        String event = frame.getString("event");
        JsonValue id = frame.get("id");
        JsonValue data = frame.getOrDefault("data", JsonValue.NULL);
        switch (event) {
            case "fail" -> reply(session, "exception", id, Json.createObjectBuilder()
                    .add("status", "error")
                    .add("code", "X")
                    .add("message", "failed on purpose")
                    .build());
            case "close" -> {
                int code = ((JsonNumber) data).intValue();
                session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), "requested " + code));
            }
            case "ignore" -> {
                // no reply
            }
            case "raw" -> session.getBasicRemote().sendText(((JsonString) data).getString());
            case "fragments" -> {
                String s = ((JsonString) data).getString();
                for (int i = 0; i < s.length(); i += 3) {
                    int end = Math.min(s.length(), i + 3);
                    session.getBasicRemote().sendText(s.substring(i, end), end == s.length());
                }
            }
            case "burst" -> {
                int n = ((JsonNumber) data).intValue();
                for (int i = 0; i < n; i++) {
                    reply(session, "tick", null, Json.createValue(i));
                }
                reply(session, event, id, data);
            }
            default -> reply(session, event, id, data);
        }
    }

    @OnClose
    public void onClose(CloseReason reason) {
        CLOSES.add(reason.getCloseCode().getCode() + " " + reason.getReasonPhrase());
    }

    @OnMessage
    public void onBinary(Session session, ByteBuffer bytes) throws IOException {
        session.getBasicRemote().sendBinary(bytes);
    }

    private static void reply(Session session, String event, JsonValue id, JsonValue data) throws IOException {
        JsonObjectBuilder out = Json.createObjectBuilder().add("event", event);
        if (id != null) {
            out.add("id", id);
        }
        out.add("data", data);
        session.getBasicRemote().sendText(out.build().toString());
    }
}
