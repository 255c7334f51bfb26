package org.cdigateway.bench.server;

import jakarta.inject.Inject;
import jakarta.json.JsonValue;

import org.cdigateway.GatewayClient;
import org.cdigateway.GatewayServer;
import org.cdigateway.MessageBody;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.WsResponse;

/** The bench protocol as a gateway: what a user of this library writes. */
// tag::gateway[]
@WebSocketGateway(value = "/bench", maxConnectionsPerAddress = 0) // the load generator connects thousands from one address
public class BenchGateway {

    @Inject
    GatewayServer server;

    /** {@code {"event":"echo","data":X}} back to the sender; with the request's {@code "id"} when it had one. */
    @SubscribeMessage("echo")
    public JsonValue echo(@MessageBody JsonValue data) {
        return data;
    }

    /** An echo whose body is read as a Java type rather than kept as JSON: {@code {"t":number,"p":string}}. */
    @SubscribeMessage("echo_typed")
    public Sample echoTyped(@MessageBody Sample data) {
        return data;
    }

    /** The body of {@code echo_typed}. */
    public record Sample(long t, String p) {}

    /** Joins the room; answers {@code {"event":"joined","data":ROOM}}. */
    @SubscribeMessage("join")
    public WsResponse<String> join(@MessageBody String room, GatewayClient client) {
        client.join(room);
        return WsResponse.of("joined", room);
    }

    /** {@code {"event":"message","data":P}} to every member of the room, the sender included. */
    @SubscribeMessage("broadcast")
    public void broadcast(@MessageBody("room") String room, @MessageBody("payload") JsonValue payload) {
        server.to(room).emit("message", payload);
    }
}
// end::gateway[]
