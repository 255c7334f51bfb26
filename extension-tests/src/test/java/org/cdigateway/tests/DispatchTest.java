package org.cdigateway.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
import org.cdigateway.junit5.Clients;
import org.cdigateway.junit5.Connect;
import org.cdigateway.junit5.GatewayTest;
import org.cdigateway.junit5.client.Frame;
import org.cdigateway.junit5.client.GatewayTestClient;
import org.junit.jupiter.api.Test;

/** Frames reach the right handler, and every parameter kind is bound from the frame. */
@GatewayTest
class DispatchTest {

    static final Duration WAIT = Duration.ofSeconds(5);

    public record Point(int x, int y) {}

    public static class Person {

        public String name;
        public int age;
        public List<String> tags;
    }

    @WebSocketGateway("/dispatch")
    static class DispatchGateway {

        // tag::body[]
        @SubscribeMessage("record")
        public Point record(@MessageBody Point p) {
            return new Point(p.x() * 10, p.y() * 10);
        }

        @SubscribeMessage("pojo")
        public String pojo(@MessageBody Person p) {
            return p.name + "/" + p.age + "/" + p.tags;
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
        public String string(@MessageBody String s) {
            return s.toUpperCase();
        }

        @SubscribeMessage("json")
        public JsonValue json(@MessageBody JsonObject o) {
            return Json.createObjectBuilder().add("keys", o.keySet().size()).build();
        }
        // end::body[]

        @SubscribeMessage("echo-json")
        public JsonValue echoJson(@MessageBody JsonValue data) {
            return data;
        }

        // tag::property[]
        @SubscribeMessage("property")
        public String property(@MessageBody("room") String room, @MessageBody("count") int count,
                @MessageBody("at") Point at) {
            return room + ":" + count + ":" + at.x();
        }
        // end::property[]

        // tag::socket[]
        @SubscribeMessage("who")
        public boolean who(@ConnectedSocket GatewayClient client, @ConnectedSocket Session session) {
            return client.session() == session && session.isOpen();
        }
        // end::socket[]

        // tag::nest-style[]
        @SubscribeMessage("nest-style")
        public String nestStyle(GatewayClient client, String data) {
            return client.id() + ":" + data;
        }
        // end::nest-style[]

        // tag::wildcard[]
        @SubscribeMessage("*")
        public String any(@MessageBody JsonValue data) {
            return "caught " + data;
        }
        // end::wildcard[]

        // tag::binary[]
        @SubscribeBinary
        public byte[] binary(byte[] payload, @ConnectedSocket GatewayClient client) {
            byte[] reversed = new byte[payload.length];
            for (int i = 0; i < payload.length; i++) {
                reversed[i] = payload[payload.length - 1 - i];
            }
            return reversed;
        }
        // end::binary[]
    }

    // tag::path-params[]
    @WebSocketGateway("/rooms/{org}/{room}")
    static class TwoParamsGateway {

        @SubscribeMessage("where")
        public String where(@PathParam("org") String org, @PathParam("room") String room) {
            return org + "/" + room;
        }
    }

    @WebSocketGateway("/numbers/{n}")
    static class TypedParamGateway {

        @SubscribeMessage("double")
        public long twice(@PathParam("n") long n) {
            return n * 2;
        }

        @SubscribeBinary
        public String size(ByteBuffer data, @PathParam("n") int n) {
            return n + ":" + data.remaining();
        }
    }
    // end::path-params[]

    // tag::connect[]
    @Test
    void decodesRecords(@Connect("/dispatch") GatewayTestClient client) {
        assertThat(client.request("record", new Point(1, 2)).data(Point.class)).isEqualTo(new Point(10, 20));
    }
    // end::connect[]

    @Test
    void decodesPojosWithNestedLists(@Connect("/dispatch") GatewayTestClient client) {
        var reply = client.request("pojo", Map.of("name", "Ada", "age", 36, "tags", List.of("a", "b")));
        assertThat(reply.data(String.class)).isEqualTo("Ada/36/[a, b]");
    }

    @Test
    void decodesGenericLists(@Connect("/dispatch") GatewayTestClient client) {
        assertThat(client.request("list", List.of(new Point(1, 2), new Point(3, 4))).data(Integer.class))
                .isEqualTo(10);
    }

    @Test
    void decodesMaps(@Connect("/dispatch") GatewayTestClient client) {
        JsonObject reply = client.request("map", Map.of("a", 2, "b", 5)).data().asJsonObject();
        assertThat(reply.getInt("total")).isEqualTo(7);
    }

    @Test
    void decodesPrimitivesAndStrings(@Connect("/dispatch") GatewayTestClient client) {
        assertThat(client.request("int", 41).data(Integer.class)).isEqualTo(42);
        assertThat(client.request("string", "quiet").data(String.class)).isEqualTo("QUIET");
    }

    @Test
    void passesJsonValuesThrough(@Connect("/dispatch") GatewayTestClient client) {
        JsonObject reply = client.request("json", Map.of("a", 1, "b", 2, "c", 3)).data().asJsonObject();
        assertThat(reply.getInt("keys")).isEqualTo(3);
    }

    @Test
    void echoesJsonValuesWhole(@Connect("/dispatch") GatewayTestClient client) {
        String data = "{\"z\":[1,-2.5e-3,12345678901234567890,null,true,false,{}],\"a\":\"quote\\\" nl\\n tab\\t \\u0001 \\u2028 "
                + "\u00e9 \\ud83d\\ude00\",\"lone\\udc00\":[\"\\ud83d\"],\"\":[[[]]]}";
        client.sendText("{\"event\":\"echo-json\",\"data\":" + data + ",\"id\":7}");
        Frame reply = client.awaitFrame(Duration.ofSeconds(10));
        assertThat(reply.idAsString()).isEqualTo("7");
        JsonValue sent = Json.createReader(new StringReader(data)).readValue();
        assertThat(reply.data()).isEqualTo(sent); // members in order, a lone surrogate escaped, not lost
        assertThat(client.request("echo-json", "after").data(String.class)).isEqualTo("after");
    }

    @Test
    void bindsPropertiesOfData(@Connect("/dispatch") GatewayTestClient client) {
        var reply = client.request("property", Map.of("room", "lobby", "count", 3, "at", new Point(7, 8)));
        assertThat(reply.data(String.class)).isEqualTo("lobby:3:7");
    }

    @Test
    void bindsTheClientAndTheSession(@Connect("/dispatch") GatewayTestClient client) {
        assertThat(client.request("who", null).data(Boolean.class)).isTrue();
    }

    @Test
    void unannotatedParametersFollowNestJs(@Connect("/dispatch") GatewayTestClient client) {
        String reply = client.request("nest-style", "hi").data(String.class);
        assertThat(reply).endsWith(":hi").hasSizeGreaterThan(":hi".length() + 10);
    }

    @Test
    void wildcardCatchesEventsWithoutAHandler(@Connect("/dispatch") GatewayTestClient client) {
        var reply = client.request("nobody-handles-this", List.of(1, 2));
        assertThat(reply.event()).isEqualTo("nobody-handles-this");
        assertThat(reply.data(String.class)).isEqualTo("caught [1,2]");
    }

    @Test
    void binaryFramesGoToTheBinaryHandler(@Connect("/dispatch") GatewayTestClient client) {
        client.sendBinary(new byte[]{1, 2, 3, 4});
        assertThat(client.awaitBinary(WAIT)).containsExactly(4, 3, 2, 1);
    }

    @Test
    void bindsTwoPathParams(Clients clients) {
        GatewayTestClient a = clients.connect("/rooms/acme/lobby");
        GatewayTestClient b = clients.connect("/rooms/initech/kitchen");
        assertThat(a.request("where", null).data(String.class)).isEqualTo("acme/lobby");
        assertThat(b.request("where", null).data(String.class)).isEqualTo("initech/kitchen");
    }

    @Test
    void convertsPathParams(@Connect("/numbers/21") GatewayTestClient client) {
        assertThat(client.request("double", null).data(Long.class)).isEqualTo(42L);
        client.sendBinary("hello".getBytes(StandardCharsets.UTF_8));
        var reply = client.awaitEvent("binary", WAIT);
        assertThat(reply.data(String.class)).isEqualTo("21:5");
    }
}
