package org.cdigateway.redis;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonGenerator;

import org.cdigateway.spi.Broadcast;
import org.cdigateway.spi.ClusterAnswer;
import org.cdigateway.spi.ClusterRequest;

/**
 * What travels between nodes: one JSON object per Redis message, of format version 1, whose {@code type} says which.
 *
 * <pre>{@code
 * {"v":1,"type":"broadcast","node":"3f0c…","seq":41,"gateway":"/chat/{room}","rooms":["red"],"except":["muted"],
 *  "event":"message","data":"{\"text\":\"hi\"}","attachments":["AAEC"]}
 * {"v":1,"type":"hello","node":"3f0c…","seqs":{"/chat/{room}":41},"kind":"beat"}
 * {"v":1,"type":"bye","node":"3f0c…"}
 * {"v":1,"type":"request","node":"3f0c…","rid":7,"kind":"CLIENTS","gateway":"/chat/{room}","rooms":["red"],
 *  "except":[],"names":[],"event":"","data":"","code":0}
 * {"v":1,"type":"answer","node":"9b1d…","rid":7,"count":1,
 *  "clients":[{"id":"…","rooms":["…","red"],"data":{"name":"\"ada\""}}],"replies":[]}
 * }</pre>
 *
 * A node ignores messages of another version, and counts those it cannot read.
 */
sealed interface Message {

    int VERSION = 1;

    /** The node that published it. */
    String node();

    /**
     * A broadcast; {@code seq} numbers the broadcasts a node published on that gateway's channel, from 1, so that a
     * node receiving them can tell how many it missed.
     */
    record Broadcasted(String node, long seq, Broadcast broadcast) implements Message {}

    /**
     * A node is alive; {@code seqs} holds the last sequence number it gave on each gateway's channel. {@code kind}:
     * {@code greet} when it has just subscribed (every node answers with a {@code reply}, so that it knows them at
     * once), {@code beat} for a heartbeat (answered only by nodes that did not know it), {@code reply} for an answer.
     */
    record Hello(String node, Map<String, Long> seqs, String kind) implements Message {

        static final String GREET = "greet", BEAT = "beat", REPLY = "reply";
    }

    /** A node stops. */
    record Bye(String node) implements Message {}

    /** A cluster-wide operation, numbered by the asking node. */
    record Request(String node, long rid, ClusterRequest request) implements Message {}

    /** One node's answer to a request. */
    record Answer(String node, long rid, ClusterAnswer answer) implements Message {}

    /**
     * How every broadcast of a node begins, up to its sequence number, as {@link #encode} writes it with this provider
     * (such as {@code {"v":1,"type":"broadcast","node":"<id>","seq":}}). A node recognises its own broadcasts by it
     * without reading them.
     */
    static String broadcastHead(JsonProvider json, String node) {
        String whole = encode(json, new Broadcasted(node, 0, new Broadcast("", Set.of(), Set.of(), "", "0")));
        return whole.substring(0, whole.indexOf(SEQ_ZERO) + SEQ_ZERO.length() - 1);
    }

    /**
     * The rest of a broadcast after its sequence number: {@code broadcastHead(json, node) + seq + broadcastTail(..)} is
     * the same text as {@link #encode} writes, so that the costly part is written before the number is taken.
     */
    static String broadcastTail(JsonProvider json, Broadcast b) {
        String whole = encode(json, new Broadcasted("", 0, b));
        return whole.substring(whole.indexOf(SEQ_ZERO) + SEQ_ZERO.length());
    }

    /** The sequence number 0 in a broadcast written by {@link #encode} (the node's id is a UUID, without quotes). */
    String SEQ_ZERO = "\"seq\":0";

    /** The JSON text of a message. */
    static String encode(JsonProvider json, Message message) {
        int size = message instanceof Broadcasted b ? 160 + b.broadcast().data().length() : 128;
        StringWriter out = new StringWriter(size);
        try (JsonGenerator g = json.createGenerator(out)) {
            g.writeStartObject().write("v", VERSION);
            if (message instanceof Broadcasted m) {
                Broadcast b = m.broadcast();
                g.write("type", "broadcast").write("node", m.node()).write("seq", m.seq())
                        .write("gateway", b.gateway());
                strings(g, "rooms", b.rooms());
                strings(g, "except", b.exceptRooms());
                g.write("event", b.event()).write("data", b.data());
                if (b.hasAttachments()) {
                    Base64.Encoder base64 = Base64.getEncoder();
                    g.writeStartArray("attachments");
                    b.attachments().forEach(a -> g.write(base64.encodeToString(a)));
                    g.writeEnd();
                }
            } else if (message instanceof Hello m) {
                g.write("type", "hello").write("node", m.node()).writeStartObject("seqs");
                m.seqs().forEach(g::write);
                g.writeEnd().write("kind", m.kind());
            } else if (message instanceof Bye m) {
                g.write("type", "bye").write("node", m.node());
            } else if (message instanceof Request m) {
                ClusterRequest r = m.request();
                g.write("type", "request").write("node", m.node()).write("rid", m.rid())
                        .write("kind", r.kind().name()).write("gateway", r.gateway());
                strings(g, "rooms", r.rooms());
                strings(g, "except", r.exceptRooms());
                strings(g, "names", r.names());
                g.write("event", r.event()).write("data", r.data()).write("code", r.code());
            } else if (message instanceof Answer m) {
                ClusterAnswer a = m.answer();
                g.write("type", "answer").write("node", m.node()).write("rid", m.rid()).write("count", a.count());
                g.writeStartArray("clients");
                for (ClusterAnswer.Client c : a.clients()) {
                    g.writeStartObject().write("id", c.id());
                    strings(g, "rooms", c.rooms());
                    g.writeStartObject("data");
                    c.data().forEach(g::write);
                    g.writeEnd().writeEnd();
                }
                g.writeEnd();
                strings(g, "replies", a.replies());
            }
            g.writeEnd();
        }
        return out.toString();
    }

    private static void strings(JsonGenerator g, String name, Iterable<String> values) {
        g.writeStartArray(name);
        values.forEach(g::write);
        g.writeEnd();
    }

    /**
     * Reads a message.
     *
     * @return null when it is of another version
     * @throws RuntimeException when it is not a message of this format
     */
    static Message decode(JsonProvider json, String text) {
        JsonObject o;
        try (JsonReader reader = json.createReader(new StringReader(text))) {
            o = reader.readObject();
        }
        if (o.getInt("v") != VERSION) {
            return null;
        }
        String node = o.getString("node");
        return switch (o.getString("type")) {
            case "broadcast" -> {
                List<byte[]> attachments = new ArrayList<>();
                JsonArray encoded = o.getJsonArray("attachments");
                if (encoded != null) {
                    Base64.Decoder base64 = Base64.getDecoder();
                    encoded.getValuesAs(JsonString.class).forEach(s -> attachments.add(base64.decode(s.getString())));
                }
                yield new Broadcasted(node, o.getJsonNumber("seq").longValueExact(),
                        new Broadcast(o.getString("gateway"), strings(o, "rooms"), strings(o, "except"),
                                o.getString("event"), o.getString("data"), attachments));
            }
            case "hello" -> {
                Map<String, Long> seqs = new HashMap<>();
                for (Map.Entry<String, JsonValue> e : o.getJsonObject("seqs").entrySet()) {
                    seqs.put(e.getKey(), ((JsonNumber) e.getValue()).longValueExact());
                }
                yield new Hello(node, seqs, o.getString("kind"));
            }
            case "bye" -> new Bye(node);
            case "request" -> new Request(node, o.getJsonNumber("rid").longValueExact(),
                    new ClusterRequest(ClusterRequest.Kind.valueOf(o.getString("kind")), o.getString("gateway"),
                            strings(o, "rooms"), strings(o, "except"), strings(o, "names"), o.getString("event"),
                            o.getString("data"), o.getInt("code")));
            case "answer" -> {
                List<ClusterAnswer.Client> clients = new ArrayList<>();
                for (JsonObject c : o.getJsonArray("clients").getValuesAs(JsonObject.class)) {
                    Map<String, String> data = new HashMap<>();
                    c.getJsonObject("data").forEach((k, v) -> data.put(k, ((JsonString) v).getString()));
                    clients.add(new ClusterAnswer.Client(c.getString("id"), strings(c, "rooms"), data));
                }
                yield new Answer(node, o.getJsonNumber("rid").longValueExact(),
                        new ClusterAnswer(o.getInt("count"), clients, list(o, "replies")));
            }
            default -> throw new IllegalArgumentException("unknown type " + o.getString("type"));
        };
    }

    private static List<String> list(JsonObject o, String key) {
        return o.getJsonArray(key).getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }

    private static Set<String> strings(JsonObject o, String key) {
        Set<String> values = new LinkedHashSet<>();
        o.getJsonArray(key).getValuesAs(JsonString.class).forEach(s -> values.add(s.getString()));
        return values;
    }
}
