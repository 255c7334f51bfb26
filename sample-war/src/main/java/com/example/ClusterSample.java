package com.example;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.cdigateway.redis.RedisBroadcaster;
import org.cdigateway.se.GatewayRuntime;

import com.example.assistant.AssistantGateway;
import com.example.chat.ChatGateway;
import com.example.dashboard.DashboardGateway;
import com.example.jobs.JobsGateway;
import com.example.login.LoginGateway;
import com.example.socketio.SocketIoChatGateway;

/**
 * Runs the sample as two nodes sharing one Redis, in one JVM: a redis-server of its own ({@link RedisProcess}), node A
 * on {@code http://localhost:8080} and node B on {@code http://localhost:8081}. A chat message sent to one node
 * reaches the members of its room on both. Ctrl+C stops the nodes, then Redis.
 *
 * <p>
 * Arguments: {@code [port] [static-directory]}; node A listens on {@code port} (default {@code 8080}), node B on the
 * next one; the pages default to {@code sample-war/src/main/webapp}.
 */
public final class ClusterSample {

    /** Redis' usual port, so that {@code redis-cli} reaches the sample's Redis without options when it is free. */
    static final int REDIS_PORT = 6379;

    static final Duration READY = Duration.ofSeconds(30);

    private ClusterSample() {}

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
        Path pages = Path.of(args.length > 1 ? args[1] : "sample-war/src/main/webapp");
        if (!Files.isDirectory(pages)) {
            pages = Path.of("src/main/webapp");
        }
        RedisProcess redis;
        try {
            redis = RedisProcess.start(REDIS_PORT);
        } catch (IllegalStateException e) {
            System.err.println(e.getMessage());
            System.exit(1);
            return;
        }
        List<GatewayRuntime> nodes = new CopyOnWriteArrayList<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(nodes, redis), "sample-cluster-stop"));
        System.setProperty("cdigateway.redis.uri", redis.uri());
        try {
            nodes.add(node("localhost", port, pages));
            nodes.add(node("localhost", port + 1, pages));
        } catch (RuntimeException e) {
            stop(nodes, redis);
            throw e;
        }
        System.out.println("CDI Gateway sample on two nodes, sharing the redis-server it started at " + redis.uri()
                + (redis.port() == REDIS_PORT ? "" : " (port " + REDIS_PORT + " is taken)") + ":");
        System.out.println("  node A  " + page(nodes.get(0)));
        System.out.println("  node B  " + page(nodes.get(1)));
        System.out.println("Open each in a tab, sign in with two names in the same room and chat.  (Ctrl+C to stop)");
        for (GatewayRuntime node : nodes) {
            node.awaitShutdown();
        }
    }

    /**
     * Starts one node: the sample's gateways and pages, and the Redis broadcaster, which reads
     * {@code cdigateway.redis.uri}. Returns once the node is subscribed to Redis.
     */
    public static GatewayRuntime node(String host, int port, Path pages) {
        // tag::node[]
        GatewayRuntime runtime = GatewayRuntime.builder()
                .host(host)
                .port(port)
                .packages(ChatGateway.class, LoginGateway.class, AssistantGateway.class, DashboardGateway.class,
                        JobsGateway.class, SocketIoChatGateway.class)
                .beanClasses(RedisBroadcaster.class) // a WAR has it from WEB-INF/lib; embedded, it is named
                .staticFiles(pages)
                .start();
        // end::node[]
        RedisBroadcaster broadcaster = runtime.select(RedisBroadcaster.class);
        if (!broadcaster.clustered()) {
            runtime.close();
            throw new IllegalStateException("cdigateway.redis.uri is not set: the node would be on its own");
        }
        try {
            broadcaster.ready().toCompletableFuture().get(READY.toSeconds(), TimeUnit.SECONDS);
            return runtime;
        } catch (TimeoutException | ExecutionException e) {
            runtime.close();
            throw new IllegalStateException("The node on port " + runtime.port() + " did not subscribe to Redis within "
                    + READY.toSeconds() + " s: " + broadcaster, e);
        } catch (InterruptedException e) {
            runtime.close();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while the node on port " + runtime.port() + " subscribed", e);
        }
    }

    private static String page(GatewayRuntime node) {
        return node.httpUri().resolve("chat.html").toString().replace("127.0.0.1", "localhost");
    }

    private static void stop(List<GatewayRuntime> nodes, RedisProcess redis) {
        try {
            for (GatewayRuntime node : nodes) {
                node.close();
            }
        } finally {
            redis.close();
        }
    }
}
