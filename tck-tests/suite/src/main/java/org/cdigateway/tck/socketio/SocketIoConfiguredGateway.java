package org.cdigateway.tck.socketio;

import org.cdigateway.Adapter;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.socketio.SocketIoConfig;

/** A Socket.IO gateway that configures the endpoint by its annotation: another path, ping interval and origin. */
@SocketIoConfig(path = "/live/", pingInterval = 7000, allowedOrigins = "https://allowed.example")
@WebSocketGateway(adapter = Adapter.SOCKET_IO)
public class SocketIoConfiguredGateway {

    @SubscribeMessage("echo")
    public String echo(String text) {
        return text;
    }
}
