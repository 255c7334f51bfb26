package org.cdigateway.internal.asyncapi;

import java.util.List;

import jakarta.json.JsonValue;
import jakarta.websocket.Session;

import org.cdigateway.Arguments;
import org.cdigateway.ConnectedSocket;
import org.cdigateway.GatewayClient;
import org.cdigateway.MessageBody;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;

/** Small gateways: several in one document, a root path, names that are not AsyncAPI keys. */
final class SmallGateways {

    private SmallGateways() {}

    /** Another gateway with a record named as one of TypesGateway's: the names must not clash. */
    @WebSocketGateway("/rooms/{room}")
    public static class Rooms {

        public record Price(long cents) {}

        @SubscribeMessage("room/join")
        public List<String> join(@MessageBody("name") String name, @ConnectedSocket Session session) {
            return null;
        }

        @SubscribeMessage("price")
        public Price price(GatewayClient client) {
            return null;
        }

        @SubscribeMessage("raw")
        public JsonValue raw(@MessageBody JsonValue data) {
            return data;
        }

        @SubscribeMessage("args")
        public void args(Arguments arguments) {}
    }

    /** Speaks Socket.IO only: not part of the document. */
    @WebSocketGateway(adapter = org.cdigateway.Adapter.SOCKET_IO, namespace = "/io")
    public static class SocketIoOnly {

        @SubscribeMessage("hello")
        public String hello(@MessageBody String name) {
            return name;
        }
    }

    @WebSocketGateway
    public static class Root {

        @SubscribeMessage("echo")
        public String echo(@MessageBody String text) {
            return text;
        }
    }
}
