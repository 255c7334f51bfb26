package org.cdigateway.tck.dispatch;

import java.util.List;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;

import org.cdigateway.ConnectedSocket;
import org.cdigateway.GatewayClient;
import org.cdigateway.MessageBody;
import org.cdigateway.SubscribeBinary;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;

/** Every parameter kind, with two path parameters. */
@WebSocketGateway("/dispatch/{org}/{n}")
public class DispatchGateway {

    @SubscribeMessage("record")
    public Point record(@MessageBody Point p) {
        return new Point(p.x() * 10, p.y() * 10);
    }

    @SubscribeMessage("list")
    public int list(@MessageBody List<Point> points) {
        return points.stream().mapToInt(p -> p.x() + p.y()).sum();
    }

    @SubscribeMessage("map")
    public Map<String, Integer> map(@MessageBody Map<String, Integer> counts) {
        return Map.of("total", counts.values().stream().mapToInt(Integer::intValue).sum());
    }

    @SubscribeMessage("int")
    public int primitive(@MessageBody int n) {
        return n + 1;
    }

    @SubscribeMessage("string")
    public String string(String s) {
        return s.toUpperCase();
    }

    @SubscribeMessage("json")
    public JsonValue json(@MessageBody JsonObject o) {
        return Json.createObjectBuilder().add("keys", o.keySet().size()).build();
    }

    @SubscribeMessage("echo-json")
    public JsonValue echoJson(@MessageBody JsonValue data) {
        return data;
    }

    @SubscribeMessage("property")
    public String property(@MessageBody("room") String room, @MessageBody("at") Point at) {
        return room + ":" + at.x();
    }

    @SubscribeMessage("who")
    public boolean who(@ConnectedSocket GatewayClient client, @ConnectedSocket Session session) {
        return client.session() == session && session.isOpen() && !client.id().isEmpty();
    }

    @SubscribeMessage("where")
    public String where(@PathParam("org") String org, @PathParam("n") long n) {
        return org + "/" + (n * 2);
    }

    @SubscribeMessage("*")
    public String any(@MessageBody JsonValue data) {
        return "caught " + data;
    }

    @SubscribeBinary
    public byte[] binary(byte[] payload) {
        byte[] reversed = new byte[payload.length];
        for (int i = 0; i < payload.length; i++) {
            reversed[i] = payload[payload.length - 1 - i];
        }
        return reversed;
    }
}
