package org.cdigateway.tck.handshake;

import jakarta.inject.Inject;

import org.cdigateway.Compression;
import org.cdigateway.ConnectedSocket;
import org.cdigateway.GatewayClient;
import org.cdigateway.GatewayServer;
import org.cdigateway.MessageBody;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;

/** A gateway that agrees on permessage-deflate where the container can compress. */
@WebSocketGateway(value = "/compressed", compression = Compression.ON, maxMessageSize = 1 << 20)
public class CompressedGateway {

    @Inject
    GatewayServer server;

    @SubscribeMessage("echo")
    public String echo(@MessageBody String text) {
        return text;
    }

    @SubscribeMessage("join")
    public String join(@MessageBody String room, @ConnectedSocket GatewayClient client) {
        client.join(room);
        return room;
    }

    @SubscribeMessage("shout")
    public void shout(@MessageBody String text) {
        server.to("hall").emit("shout", text);
    }
}
