package org.cdigateway.redis;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonGenerator;

import org.cdigateway.spi.Broadcast;

/**
 * A broadcast as it travels between nodes: one JSON object per Redis message.
 *
 * <pre>{@code
 * {"v":1,"node":"3f0c…","gateway":"/chat/{room}","rooms":["red"],"except":["muted"],
 *  "event":"message","data":"{\"text\":\"hi\"}","attachments":["AAEC"]}
 * }</pre>
 *
 * {@code v} is the version of the format (a node ignores a version it does not know), {@code node} the id of the
 * node that published it, {@code data} the event's data as JSON text (a string, carried as it is), {@code attachments}
 * the binaries in base64 (left out when there are none).
 *
 * @param node      the publishing node
 * @param broadcast what it carries
 */
record BroadcastMessage(String node, Broadcast broadcast) {

    static final int VERSION = 1;

    String encode(JsonProvider json) {
        StringWriter out = new StringWriter(128 + broadcast.data().length());
        try (JsonGenerator g = json.createGenerator(out)) {
            g.writeStartObject().write("v", VERSION).write("node", node).write("gateway", broadcast.gateway());
            g.writeStartArray("rooms");
            broadcast.rooms().forEach(g::write);
            g.writeEnd().writeStartArray("except");
            broadcast.exceptRooms().forEach(g::write);
            g.writeEnd().write("event", broadcast.event()).write("data", broadcast.data());
            if (broadcast.hasAttachments()) {
                Base64.Encoder base64 = Base64.getEncoder();
                g.writeStartArray("attachments");
                broadcast.attachments().forEach(a -> g.write(base64.encodeToString(a)));
                g.writeEnd();
            }
            g.writeEnd();
        }
        return out.toString();
    }

    /**
     * Reads a message.
     *
     * @return null when it is of another version
     * @throws RuntimeException when it is not a message of this format
     */
    static BroadcastMessage decode(JsonProvider json, String text) {
        JsonObject o;
        try (JsonReader reader = json.createReader(new StringReader(text))) {
            o = reader.readObject();
        }
        if (o.getInt("v") != VERSION) {
            return null;
        }
        List<byte[]> attachments = new ArrayList<>();
        JsonArray encoded = o.getJsonArray("attachments");
        if (encoded != null) {
            Base64.Decoder base64 = Base64.getDecoder();
            encoded.getValuesAs(JsonString.class).forEach(s -> attachments.add(base64.decode(s.getString())));
        }
        return new BroadcastMessage(o.getString("node"), new Broadcast(o.getString("gateway"), strings(o, "rooms"),
                strings(o, "except"), o.getString("event"), o.getString("data"), attachments));
    }

    private static Set<String> strings(JsonObject o, String key) {
        Set<String> values = new HashSet<>();
        o.getJsonArray(key).getValuesAs(JsonString.class).forEach(s -> values.add(s.getString()));
        return values;
    }
}
