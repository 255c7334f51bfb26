package org.cdigateway.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The keys of the Redis broadcaster: defaults, values, and a clear message for each value that is not valid. */
class RedisSettingsTest {

    private static RedisSettings of(Map<String, String> keys) {
        return RedisSettings.of(key -> Optional.ofNullable(keys.get(key)));
    }

    @Test
    void defaults() {
        RedisSettings s = of(Map.of());
        assertThat(s.uri()).isEmpty();
        assertThat(s.channelPrefix()).isEqualTo("cdigateway");
        assertThat(s.mode()).isEqualTo(RedisSettings.Mode.STANDALONE);
        assertThat(s.requestTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(s.heartbeat()).isEqualTo(Duration.ofSeconds(2));
        assertThat(s.nodeTimeout()).isEqualTo(Duration.ofSeconds(6));
        assertThat(s.trustCertificate()).isEmpty();
        assertThat(s.channel("/chat/{room}")).isEqualTo("cdigateway:/chat/{room}");
        assertThat(s.nodesChannel()).isEqualTo("cdigateway#nodes");
        assertThat(s.answerChannel("n1")).isEqualTo("cdigateway#answers:n1");
    }

    @Test
    void valuesAreRead() {
        RedisSettings s = of(Map.of(RedisSettings.URI, "redis://a:1,redis://b:2", RedisSettings.MODE, "Cluster",
                RedisSettings.CHANNEL_PREFIX, "shop", RedisSettings.REQUEST_TIMEOUT, "250",
                RedisSettings.HEARTBEAT, "100"));
        assertThat(s.uri()).contains("redis://a:1,redis://b:2");
        assertThat(s.mode()).isEqualTo(RedisSettings.Mode.CLUSTER);
        assertThat(s.requestTimeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(s.nodeTimeout()).as("three heartbeats").isEqualTo(Duration.ofMillis(300));
        assertThat(s.channel("/x")).isEqualTo("shop:/x");
    }

    @Test
    void anInvalidValueIsNamedWithItsKeyAndWhatItMustBe() {
        assertThatThrownBy(() -> of(Map.of(RedisSettings.MODE, "sharded")))
                .hasMessage("CDI Gateway: cdigateway.redis.mode is 'sharded', but it must be standalone or cluster.");
        assertThatThrownBy(() -> of(Map.of(RedisSettings.REQUEST_TIMEOUT, "5s"))).hasMessage(
                "CDI Gateway: cdigateway.redis.request-timeout is '5s', but it must be a positive number of"
                        + " milliseconds.");
        assertThatThrownBy(() -> of(Map.of(RedisSettings.NODE_TIMEOUT, "0")))
                .hasMessageContaining("cdigateway.redis.node-timeout is '0'");
        assertThatThrownBy(() -> of(Map.of(RedisSettings.TRUST, "/no/such/file.pem"))).hasMessage(
                "CDI Gateway: cdigateway.redis.tls.trust-certificates is '/no/such/file.pem', but it must be a"
                        + " readable PEM file.");
    }
}
