package org.cdigateway;

/** The wire protocols a gateway can speak; see {@link WebSocketGateway#adapter()}. */
public enum Adapter {

    /**
     * The gateway's own JSON frames ({@code {"event","data","id"}}) over a WebSocket at the gateway's path: for the
     * JavaScript client of this project, a browser's {@code WebSocket}, or any WebSocket client.
     */
    NATIVE,

    /**
     * Socket.IO (protocol v5 over Engine.IO v4, as {@code socket.io-client} 4.x speaks it): the gateway is the
     * Socket.IO namespace {@link WebSocketGateway#namespace()} at {@code /socket.io/}. Needs the
     * {@code gateway-socketio} module on the class path.
     */
    SOCKET_IO
}
