package org.cdigateway.socketio.conformance;

import jakarta.json.JsonObject;

import org.cdigateway.Adapter;
import org.cdigateway.Arguments;
import org.cdigateway.GatewayClient;
import org.cdigateway.OnGatewayConnection;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.WsResponse;
import org.cdigateway.se.GatewayRuntime;

/**
 * The server the public Engine.IO and Socket.IO protocol test suites assume (see {@code docs/howto/socketio.adoc}):
 * ping every 300 ms, 200 ms to answer, payloads up to 1,000,000, a connection closed when it connects to no namespace
 * within a second; the main namespace greets with the client's auth and echoes events and acknowledgements, the
 * namespace {@code /custom} greets only. {@code gateway-socketio/conformance/run.sh PORT} starts it.
 */
public final class ConformanceServer {

    private ConformanceServer() {}

    /** The main namespace. */
    // tag::arguments[]
    @WebSocketGateway(value = "/conformance", adapter = Adapter.SOCKET_IO)
    public static class MainNamespace implements OnGatewayConnection {

        @Override
        public void handleConnection(GatewayClient client) {
            client.emit("auth", client.auth(JsonObject.class));
        }

        @SubscribeMessage("message")
        public WsResponse<Arguments> message(Arguments arguments) {
            return WsResponse.of("message-back", arguments);
        }

        @SubscribeMessage("message-with-ack")
        public Arguments messageWithAck(Arguments arguments) {
            return arguments;
        }
    }
    // end::arguments[]

    /** The namespace {@code /custom}. */
    @WebSocketGateway(value = "/custom", adapter = Adapter.SOCKET_IO, namespace = "/custom")
    public static class CustomNamespace implements OnGatewayConnection {

        @Override
        public void handleConnection(GatewayClient client) {
            client.emit("auth", client.auth(JsonObject.class));
        }
    }

    private static final String[][] SETTINGS = {{"ping-interval", "300"}, {"ping-timeout", "200"},
            {"max-payload", "1000000"}, {"connect-timeout", "1000"}};

    /**
     * Starts the server on 127.0.0.1 and {@code port} (0: a free one), with the settings of the suites given as
     * system properties (configuration would do as well) while it starts, which is when they are read.
     */
    public static GatewayRuntime start(int port) {
        for (String[] s : SETTINGS) {
            System.setProperty("cdigateway.socketio." + s[0], s[1]);
        }
        try {
            return GatewayRuntime.builder().host("127.0.0.1").port(port)
                    .beanClasses(MainNamespace.class, CustomNamespace.class).start();
        } finally {
            for (String[] s : SETTINGS) {
                System.clearProperty("cdigateway.socketio." + s[0]);
            }
        }
    }

    /** {@code PORT}: serves until stopped, after printing {@code READY PORT}. */
    public static void main(String[] args) throws InterruptedException {
        GatewayRuntime runtime = start(Integer.parseInt(args[0]));
        System.out.println("READY " + runtime.port());
        runtime.awaitShutdown();
    }
}
