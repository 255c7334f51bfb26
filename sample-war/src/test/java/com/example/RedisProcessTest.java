package com.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;

import org.cdigateway.junit5.RedisServer;
import org.junit.jupiter.api.Test;

/** The redis-server that {@link ClusterSample} starts for its two nodes. */
class RedisProcessTest {

    @Test
    void answersOnTheFreePortItWasAskedForAndStopsWhenClosed() throws Exception {
        RedisServer.binary(); // skipped where redis-server is missing, except on CI
        int port = RedisServer.freePort();
        RedisProcess redis = RedisProcess.start(port);
        try {
            assertThat(redis.port()).isEqualTo(port);
            assertThat(redis.uri()).isEqualTo("redis://127.0.0.1:" + port);
            assertThat(redis.answers()).isTrue();
        } finally {
            redis.close();
        }
        assertThat(redis.answers()).isFalse();
        redis.close(); // again: nothing left to stop
    }

    @Test
    void takesAnotherPortWhenTheOneAskedForIsTaken() throws Exception {
        RedisServer.binary();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                RedisProcess redis = RedisProcess.start(taken.getLocalPort())) {
            assertThat(redis.port()).isNotEqualTo(taken.getLocalPort());
            assertThat(redis.answers()).isTrue();
        }
    }

    @Test
    void withoutRedisServerOnThePathTellsHowToInstallIt() {
        assertThatThrownBy(() -> RedisProcess.binary("/nonexistent-directory"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage(RedisProcess.MISSING)
                .hasMessageContaining("sudo apt-get install redis-server");
    }
}
