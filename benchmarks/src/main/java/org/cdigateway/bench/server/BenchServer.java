package org.cdigateway.bench.server;

import java.util.concurrent.TimeUnit;

import org.cdigateway.bench.soak.SoakGateway;
import org.cdigateway.redis.RedisBroadcaster;
import org.cdigateway.se.GatewayRuntime;

/**
 * The bench server: {@code java -jar bench-server.jar --mode gateway|raw|socketio|soak|cluster --port N}. The gateway
 * and raw modes run on the same embedded runtime (Weld SE, Tyrus, one Grizzly listener on 127.0.0.1), with the same
 * JSON libraries; the only difference is who serves {@code /bench}. The socketio mode serves the same protocol as a
 * Socket.IO main namespace at {@code /socket.io/}. The soak mode serves the soak gateways ({@code /soak} and
 * {@code /soak-admin}) instead. The cluster mode is the gateway mode with the {@link RedisBroadcaster}: one node of
 * several that share the Redis named by {@code --redis redis://127.0.0.1:PORT} (or the system property
 * {@code cdigateway.redis.uri}). Prints {@code READY <port>} once it accepts connections (in the cluster mode, once it is
 * subscribed to Redis too).
 */
public final class BenchServer {

    private static final String REDIS_URI = "cdigateway.redis.uri";

    private BenchServer() {}

    public static void main(String[] args) throws Exception {
        String mode = "gateway";
        int port = 0;
        String redis = System.getProperty(REDIS_URI);
        for (int i = 0; i < args.length - 1; i += 2) {
            switch (args[i]) {
                case "--mode" -> mode = args[i + 1];
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--redis" -> redis = args[i + 1];
                default -> throw new IllegalArgumentException("Unknown option " + args[i]
                        + "; use --mode gateway|raw|socketio|soak|cluster --port N [--redis URI]");
            }
        }
        GatewayRuntime runtime = start(mode, port, redis);
        boolean cluster = mode.equals("cluster");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (cluster) { // a broadcast not published would show as a round that times out; say so here too
                RedisBroadcaster b = runtime.select(RedisBroadcaster.class);
                System.out.println("STOPPING unpublished=" + b.unpublished() + " unreadable=" + b.unreadable());
            }
            runtime.close();
        }));
        System.out.println("READY " + runtime.port());
        System.out.flush();
        runtime.awaitShutdown();
    }

    /**
     * Starts a bench server on 127.0.0.1; in the cluster mode sets {@code cdigateway.redis.uri} to {@code redis} and
     * returns once the node is subscribed.
     */
    public static GatewayRuntime start(String mode, int port, String redis) throws Exception {
        GatewayRuntime.Builder builder = GatewayRuntime.builder().host("127.0.0.1").port(port);
        switch (mode) {
            case "gateway" -> builder.beanClasses(BenchGateway.class);
            case "raw" -> builder.serverEndpoints(RawBenchEndpoint.class);
            case "socketio" -> builder.beanClasses(SocketIoBenchGateway.class);
            case "soak" -> builder.packages(SoakGateway.class);
            case "cluster" -> {
                if (redis == null || redis.isBlank()) {
                    throw new IllegalArgumentException("--mode cluster needs --redis redis://127.0.0.1:PORT");
                }
                System.setProperty(REDIS_URI, redis);
                builder.beanClasses(BenchGateway.class, RedisBroadcaster.class);
            }
            default -> throw new IllegalArgumentException(
                    "--mode must be gateway, raw, socketio, soak or cluster, not " + mode);
        }
        GatewayRuntime runtime = builder.start();
        if (mode.equals("cluster")) {
            try {
                RedisBroadcaster broadcaster = runtime.select(RedisBroadcaster.class);
                if (!broadcaster.clustered()) {
                    throw new IllegalStateException("the Redis broadcaster is off: " + broadcaster);
                }
                broadcaster.ready().toCompletableFuture().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                runtime.close();
                throw e;
            }
        }
        return runtime;
    }
}
