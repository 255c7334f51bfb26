package org.cdigateway.redis.nodes;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

import org.cdigateway.redis.RedisBroadcaster;
import org.cdigateway.se.GatewayRuntime;

/**
 * One node in a process of its own: the embedded runtime with the Redis broadcaster and {@link NodeGateway}, on a free
 * port. Prints {@code LISTENING <port>} once connected to Redis; stops when its standard input closes.
 */
public final class NodeMain {

    private NodeMain() {}

    public static void main(String[] args) throws Exception {
        GatewayRuntime runtime = GatewayRuntime.builder().port(0)
                .beanClasses(RedisBroadcaster.class, NodeGateway.class)
                .start();
        runtime.select(RedisBroadcaster.class).ready().toCompletableFuture().get();
        System.out.println("LISTENING " + runtime.port());
        System.out.flush();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            while (in.readLine() != null) {
                // until the test closes our input
            }
        }
        runtime.close();
        System.exit(0);
    }
}
