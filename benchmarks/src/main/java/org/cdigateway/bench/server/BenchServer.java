package org.cdigateway.bench.server;

import org.cdigateway.bench.soak.SoakGateway;
import org.cdigateway.se.GatewayRuntime;

/**
 * The bench server: {@code java -jar bench-server.jar --mode gateway|raw|socketio|soak --port N}. The gateway and raw
 * modes run on the same embedded runtime (Weld SE, Tyrus, one Grizzly listener on 127.0.0.1), with the same JSON
 * libraries; the only difference is who serves {@code /bench}. The socketio mode serves the same protocol as a
 * Socket.IO main namespace at {@code /socket.io/}. The soak mode serves the soak gateways ({@code /soak} and
 * {@code /soak-admin}) instead. Prints {@code READY <port>} once it accepts connections.
 */
public final class BenchServer {

    private BenchServer() {}

    public static void main(String[] args) throws Exception {
        String mode = "gateway";
        int port = 0;
        for (int i = 0; i < args.length - 1; i += 2) {
            switch (args[i]) {
                case "--mode" -> mode = args[i + 1];
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("Unknown option " + args[i]
                        + "; use --mode gateway|raw|socketio|soak --port N");
            }
        }
        GatewayRuntime.Builder builder = GatewayRuntime.builder().host("127.0.0.1").port(port);
        switch (mode) {
            case "gateway" -> builder.beanClasses(BenchGateway.class);
            case "raw" -> builder.serverEndpoints(RawBenchEndpoint.class);
            case "socketio" -> builder.beanClasses(SocketIoBenchGateway.class);
            case "soak" -> builder.packages(SoakGateway.class);
            default -> throw new IllegalArgumentException("--mode must be gateway, raw, socketio or soak, not "
                    + mode);
        }
        GatewayRuntime runtime = builder.start();
        Runtime.getRuntime().addShutdownHook(new Thread(runtime::close));
        System.out.println("READY " + runtime.port());
        System.out.flush();
        runtime.awaitShutdown();
    }
}
