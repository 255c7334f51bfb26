package org.cdigateway.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.cdigateway.bench.load.ClusterFanout;
import org.cdigateway.bench.server.BenchServer;
import org.cdigateway.junit5.RedisServer;
import org.cdigateway.se.GatewayRuntime;
import org.junit.jupiter.api.Test;

/**
 * The fan-out across nodes of {@code benchmarks/cluster.sh}, in small numbers: three bench servers in cluster mode on
 * one real redis-server complete both placements, and clients on the other nodes get nothing without Redis.
 */
class ClusterFanoutTest {

    private static final String[] SMALL = {"--connections", "10", "--broadcasts", "30", "--window", "4",
            "--alone-broadcasts", "10", "--warmup", "0"};

    private static String drive(List<GatewayRuntime> nodes, String placement, String timeout) throws Exception {
        List<String> ports = nodes.stream().map(n -> Integer.toString(n.port())).toList();
        List<String> args = new ArrayList<>(List.of("--ports", String.join(",", ports), "--placement", placement,
                "--timeout", timeout));
        args.addAll(List.of(SMALL));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String result = ClusterFanout.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                args.toArray(String[]::new));
        return result == null ? out.toString(StandardCharsets.UTF_8) : result;
    }

    private static void closeAll(List<GatewayRuntime> nodes) {
        nodes.forEach(GatewayRuntime::close);
    }

    @Test
    void bothPlacementsCompleteOnThreeNodesSharingRedis() throws Exception {
        List<GatewayRuntime> nodes = new ArrayList<>();
        try (RedisServer redis = RedisServer.start()) {
            for (int i = 0; i < 3; i++) {
                nodes.add(BenchServer.start("cluster", 0, redis.uri()));
            }
            assertThat(drive(nodes, "local", "30")).startsWith("RESULT local fanout deliveries=").contains(" p99=");
            assertThat(drive(nodes, "cross", "30")).startsWith("RESULT cross fanout deliveries=").contains(" p99=",
                    " aloneP99=");
        } finally {
            closeAll(nodes);
            System.clearProperty("cdigateway.redis.uri");
        }
    }

    @Test
    void withoutRedisTheClientsOnTheOtherNodesGetNothing() throws Exception {
        List<GatewayRuntime> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                nodes.add(BenchServer.start("gateway", 0, null));
            }
            assertThat(drive(nodes, "local", "30")).startsWith("RESULT local fanout deliveries=");
            assertThatThrownBy(() -> drive(nodes, "cross", "4")).isInstanceOf(IllegalStateException.class)
                    .hasMessage("warm-up did not complete within 4 s");
        } finally {
            closeAll(nodes);
        }
    }
}
