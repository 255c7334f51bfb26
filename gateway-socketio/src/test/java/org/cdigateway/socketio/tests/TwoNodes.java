package org.cdigateway.socketio.tests;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.cdigateway.junit5.RedisServer;
import org.cdigateway.redis.RedisBroadcaster;
import org.cdigateway.se.GatewayRuntime;

/**
 * Two nodes of one application, two embedded runtimes on two ports in this JVM, and the real Redis through which their
 * broadcasts and cluster-wide operations travel ({@code gateway-redis}): what a test of Socket.IO clients across nodes
 * starts once and closes at its end.
 */
final class TwoNodes implements AutoCloseable {

    /** The key of the Redis URI ({@code RedisSettings.URI}). */
    static final String REDIS_URI = "cdigateway.redis.uri";

    /**
     * Time for a loaded machine: the other node answers a cluster-wide operation within 30 s, and is forgotten only
     * after 30 s without a heartbeat.
     */
    private static final Map<String, String> GENEROUS = Map.of("cdigateway.redis.request-timeout", "30000",
            "cdigateway.redis.node-timeout", "30000");

    final RedisServer redis;
    final GatewayRuntime a;
    final GatewayRuntime b;

    private TwoNodes(RedisServer redis, GatewayRuntime a, GatewayRuntime b) {
        this.redis = redis;
        this.a = a;
        this.b = b;
    }

    /**
     * Starts Redis and two nodes of these gateways, with the system properties {@code settings} set while they start
     * (the nodes read their settings then); returns once each node is connected to Redis and knows the other.
     */
    static TwoNodes start(Duration limit, Map<String, String> settings, Class<?>... gateways) throws Exception {
        RedisServer redis = RedisServer.start();
        GatewayRuntime a = null;
        GatewayRuntime b = null;
        Map<String, String> properties = new HashMap<>(GENEROUS);
        properties.put(REDIS_URI, redis.uri());
        properties.putAll(settings);
        properties.forEach(System::setProperty);
        try {
            a = node(limit, gateways);
            b = node(limit, gateways);
            awaitOther(a, limit);
            awaitOther(b, limit);
            return new TwoNodes(redis, a, b);
        } catch (Exception | Error e) {
            new TwoNodes(redis, a, b).close();
            throw e;
        } finally {
            properties.keySet().forEach(System::clearProperty);
        }
    }

    private static GatewayRuntime node(Duration limit, Class<?>... gateways) throws Exception {
        // tag::node[]
        GatewayRuntime node = GatewayRuntime.builder().port(0)
                .beanClasses(gateways)
                .beanClasses(RedisBroadcaster.class) // with cdigateway.redis.uri set, emits reach every node
                .start();
        // end::node[]
        try {
            node.select(RedisBroadcaster.class).ready().toCompletableFuture().get(limit.toMillis(),
                    TimeUnit.MILLISECONDS);
            return node;
        } catch (Exception e) {
            node.close();
            throw e;
        }
    }

    /** Waits until the node knows one other node, the one that cluster-wide operations then wait for. */
    private static void awaitOther(GatewayRuntime node, Duration limit) throws InterruptedException {
        RedisBroadcaster broadcaster = node.select(RedisBroadcaster.class);
        long end = System.nanoTime() + limit.toNanos();
        while (broadcaster.nodes().size() != 1) {
            if (System.nanoTime() > end) {
                throw new AssertionError("node " + broadcaster.nodeId() + " knows " + broadcaster.nodes()
                        + " after " + limit + ", not one other node");
            }
            Thread.sleep(20); // polling a condition, with a deadline: the broadcaster tells no one when it learns
        }
    }

    /** The URL the official client connects to: the node's HTTP address without the trailing slash. */
    static String url(GatewayRuntime node) {
        return node.httpUri().toString().replaceAll("/$", "");
    }

    @Override
    public void close() throws Exception {
        try {
            for (GatewayRuntime node : new GatewayRuntime[]{a, b}) {
                if (node != null) {
                    node.close();
                }
            }
        } finally {
            redis.close();
        }
    }
}
