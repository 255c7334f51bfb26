package org.cdigateway.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cdigateway.redis.RedisFixtures.WAIT;
import static org.cdigateway.redis.RedisFixtures.await;
import static org.cdigateway.redis.RedisFixtures.awaitReady;
import static org.cdigateway.redis.RedisFixtures.broadcaster;
import static org.cdigateway.redis.RedisFixtures.cli;
import static org.cdigateway.redis.RedisFixtures.info;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.cdigateway.ClusterException;
import org.cdigateway.GatewayServer;
import org.cdigateway.junit5.RedisServer;
import org.cdigateway.redis.RedisFixtures.Member;
import org.cdigateway.redis.RedisFixtures.Nodes;
import org.cdigateway.redis.RedisFixtures.Warnings;
import org.cdigateway.se.GatewayRuntime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A Redis that requires a password ({@code --requirepass}): nodes with it in the URI ({@code redis://:password@host:port})
 * work together; a node with a wrong one starts all the same, serves its own clients, counts what it cannot publish,
 * says why once, and tries again at a calm pace.
 */
class PasswordModeTest {

    static final String PASSWORD = "s3cret-pass";

    RedisServer redis;
    Nodes nodes;
    Warnings warnings;
    int asked;

    @BeforeEach
    void startRedis() throws Exception {
        redis = RedisServer.start(List.of("--requirepass", PASSWORD));
        nodes = new Nodes();
        warnings = new Warnings();
    }

    @AfterEach
    void stopEverything() throws Exception {
        warnings.close();
        try {
            nodes.close();
        } finally {
            redis.close();
        }
    }

    private String uri(String password) {
        return "redis://:" + password + "@127.0.0.1:" + redis.port();
    }

    /** Connections Redis accepted since it started, less those of this test's own questions (one each). */
    private long connectionsOfNodes() {
        asked++;
        return Long.parseLong(info(cli(Map.of("REDISCLI_AUTH", PASSWORD), redis.port(), "INFO", "stats"),
                "total_connections_received")) - asked;
    }

    @Test
    void nodesWithThePasswordWorkTogether() throws Exception {
        nodes.set(RedisSettings.URI, uri(PASSWORD));
        GatewayRuntime a = nodes.start();
        GatewayRuntime b = nodes.start();

        RedisFixtures.workTogether(nodes, a, b);
        assertThat(warnings.messages()).isEmpty();
    }

    @Test
    void aNodeWithAWrongPasswordServesItsOwnClientsCountsWhatItCannotPublishAndRetriesCalmly() throws Exception {
        long connectionsBefore = connectionsOfNodes();
        nodes.set(RedisSettings.URI, uri("wrong-pass"));
        long started = System.nanoTime();
        GatewayRuntime wrong = nodes.start(); // no exception: Redis is not needed for the node's own clients
        RedisBroadcaster wrongBroadcaster = broadcaster(wrong);
        assertThat(wrongBroadcaster.clustered()).isTrue();

        // two connections an attempt, an attempt a second: the third attempt cannot come before two seconds
        RedisFixtures.await("three attempts of the node with a wrong password", WAIT,
                () -> connectionsOfNodes() - connectionsBefore >= 6);
        Duration threeAttempts = Duration.ofNanos(System.nanoTime() - started);
        assertThat(threeAttempts).isGreaterThan(Duration.ofMillis(1500));
        assertThat(wrongBroadcaster.ready().toCompletableFuture()).isNotDone();
        assertThat(wrongBroadcaster.connected()).isFalse();

        nodes.set(RedisSettings.URI, uri(PASSWORD));
        GatewayRuntime right = nodes.start();
        awaitReady(right);
        Member ada = nodes.member(right, "ada");
        Member bob = nodes.member(wrong, "bob");
        GatewayServer serverWrong = wrong.server(MembersGateway.class);
        GatewayServer serverRight = right.server(MembersGateway.class);

        serverWrong.to("members").emit("news", "from the node with a wrong password");
        serverRight.to("members").emit("news", "from the node with the password");

        assertThat(bob.client().awaitEvent("news", WAIT).data(String.class))
                .isEqualTo("from the node with a wrong password");
        assertThat(ada.client().awaitEvent("news", WAIT).data(String.class))
                .isEqualTo("from the node with the password");
        assertThat(wrongBroadcaster.unpublished()).isEqualTo(1);
        assertThat(broadcaster(right).unpublished()).isZero();
        assertThat(broadcaster(right).nodes()).isEmpty();
        assertThat(await(serverRight.countClients())).isEqualTo(1);
        assertThatThrownBy(() -> await(serverWrong.countClients())).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(ClusterException.class);
        ada.client().assertNoFrame(Duration.ofMillis(500));
        bob.client().assertNoFrame(Duration.ofMillis(500));

        assertThat(warnings.messages()).as("warnings of the broadcasters").hasSize(1);
        assertThat(warnings.messages().get(0)).contains("cannot be reached", "127.0.0.1:" + redis.port(), "WRONGPASS")
                .doesNotContain("wrong-pass");
    }
}
