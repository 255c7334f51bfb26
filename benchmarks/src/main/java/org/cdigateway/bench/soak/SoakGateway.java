package org.cdigateway.bench.soak;

import java.util.concurrent.Flow;

import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;

import org.cdigateway.GatewayClient;
import org.cdigateway.GatewayServer;
import org.cdigateway.MessageBody;
import org.cdigateway.OnGatewayConnection;
import org.cdigateway.OnGatewayDisconnect;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.WsResponse;
import org.cdigateway.internal.client.SessionClient;

/**
 * The gateway a soak exercises: every connection gets a {@code @ConnectionScoped} bean, every call a
 * {@code @RequestScoped} one; clients join rooms, emit to them, and ask for streamed replies that they may abandon.
 */
// tag::soak[]
@WebSocketGateway("/soak")
public class SoakGateway implements OnGatewayConnection, OnGatewayDisconnect {

    @Inject
    GatewayServer server;

    @Inject
    ConnectionState connection;

    @Inject
    RequestTrace request;

    @Inject
    TokenSource tokens;

    @Inject
    Tallies tallies;

    @Override
    public void handleConnection(GatewayClient client) {
        tallies.connected();
        connection.message();
        request.note("connected");
    }

    @Override
    public void handleDisconnect(GatewayClient client, CloseReason reason) {
        tallies.disconnected(client instanceof SessionClient c ? c.activeStreams() : 0);
        request.note("disconnected after " + connection.messages());
    }

    /** Joins the room; answers {@code {"event":"joined","data":ROOM}}. */
    @SubscribeMessage("join")
    public WsResponse<String> join(@MessageBody String room, GatewayClient client) {
        client.join(room);
        connection.joined(room);
        request.note("join " + room);
        return WsResponse.of("joined", room);
    }

    /** {@code {"event":"said","data":TEXT}} to every member of the room, the sender included. */
    @SubscribeMessage("say")
    public void say(@MessageBody("room") String room, @MessageBody("text") String text) {
        connection.message();
        request.note("say " + room);
        tallies.emitted();
        server.to(room).emit("said", text);
    }

    /** Streams {@code count} numbered tokens, one every {@code everyMillis}; {@code count <= 0}: until cancelled. */
    @SubscribeMessage("tokens")
    public Flow.Publisher<Integer> tokens(@MessageBody("count") int count,
            @MessageBody("everyMillis") int everyMillis) {
        connection.message();
        request.note("tokens " + count);
        return tokens.tokens(count, everyMillis);
    }
}
// end::soak[]
