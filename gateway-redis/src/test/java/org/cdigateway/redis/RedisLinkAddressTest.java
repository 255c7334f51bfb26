package org.cdigateway.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.lettuce.core.resource.ClientResources;

/** Where Redis is, as the log says it (every warning of an outage names it): never with the password of a URI. */
class RedisLinkAddressTest {

    final ClientResources resources = ClientResources.create();

    @AfterEach
    void shutdown() {
        resources.shutdown(0, 2, java.util.concurrent.TimeUnit.SECONDS);
    }

    private String address(Map<String, String> keys) {
        RedisSettings settings = RedisSettings.of(key -> Optional.ofNullable(keys.get(key)));
        RedisLink link = RedisLink.of(settings, resources, 10, new RedisLink.Events() {

            @Override
            public void message(String channel, String message) {}

            @Override
            public void disconnected() {}

            @Override
            public void connected() {}
        }, List.of("cdigateway#nodes"));
        try {
            return link.address();
        } finally {
            link.close(Duration.ofSeconds(2));
        }
    }

    @Test
    void aClusterIsNamedByTheHostsAndPortsOfItsSeeds() {
        assertThat(address(Map.of(RedisSettings.MODE, "cluster", RedisSettings.URI,
                "redis://:s3cret@10.0.0.1:7000, redis://app:s3cret@10.0.0.2:7001")))
                .isEqualTo("the cluster of 10.0.0.1:7000,10.0.0.2:7001");
    }

    @Test
    void oneRedisIsNamedByItsHostAndPort() {
        assertThat(address(Map.of(RedisSettings.URI, "redis://:s3cret@10.0.0.1:6380"))).isEqualTo("10.0.0.1:6380");
    }

    @Test
    void aMasterOfSentinelIsNamedByItsName() {
        assertThat(address(Map.of(RedisSettings.URI, "redis-sentinel://:s3cret@10.0.0.1:26379#mymaster")))
                .isEqualTo("the master mymaster of its sentinels");
    }
}
