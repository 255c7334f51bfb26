package org.cdigateway.bench.server;

import java.io.StringReader;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

/**
 * The bench protocol as a careful user writes it by hand: the frame parsed once with a shared JSON-P provider, rooms
 * in a concurrent map, asynchronous sends, a broadcast's frame built once for all members.
 */
@ServerEndpoint("/bench")
public class RawBenchEndpoint {

    private static final JsonProvider JSON = JsonProvider.provider();
    private static final Map<String, Set<Session>> ROOMS = new ConcurrentHashMap<>();
    private static final String ROOMS_KEY = "rooms";

    // tag::raw[]
    @OnMessage
    public void onMessage(Session session, String text) {
        JsonObject frame;
        try (JsonReader reader = JSON.createReader(new StringReader(text))) {
            frame = reader.readObject();
        }
        JsonValue data = frame.getOrDefault("data", JsonValue.NULL);
        switch (frame.getString("event", "")) {
            case "echo" -> {
                JsonValue id = frame.get("id"); // a request with an id: the reply carries it, as the gateway's does
                session.getAsyncRemote().sendText(id == null || id == JsonValue.NULL
                        ? "{\"event\":\"echo\",\"data\":" + data + "}"
                        : "{\"event\":\"echo\",\"data\":" + data + ",\"id\":" + id + "}");
            }
            case "join" -> {
                String room = ((JsonString) data).getString();
                ROOMS.computeIfAbsent(room, r -> ConcurrentHashMap.newKeySet()).add(session);
                @SuppressWarnings("unchecked")
                Set<String> joined = (Set<String>) session.getUserProperties().computeIfAbsent(ROOMS_KEY,
                        k -> ConcurrentHashMap.newKeySet());
                joined.add(room);
                session.getAsyncRemote().sendText("{\"event\":\"joined\",\"data\":" + data + "}");
            }
            case "broadcast" -> {
                JsonObject b = data.asJsonObject();
                Set<Session> members = ROOMS.get(b.getString("room"));
                if (members != null) {
                    String out = "{\"event\":\"message\",\"data\":" + b.get("payload") + "}";
                    for (Session member : members) {
                        if (member.isOpen()) {
                            member.getAsyncRemote().sendText(out);
                        }
                    }
                }
            }
            default -> session.getAsyncRemote().sendText("{\"event\":\"exception\",\"data\":\"unknown event\"}");
        }
    }
    // end::raw[]

    @OnClose
    public void onClose(Session session, CloseReason reason) {
        Object joined = session.getUserProperties().get(ROOMS_KEY);
        if (joined instanceof Set<?> rooms) {
            for (Object room : rooms) {
                ROOMS.computeIfPresent((String) room, (r, members) -> {
                    members.remove(session);
                    return members.isEmpty() ? null : members;
                });
            }
        }
    }
}
