package org.cdigateway.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cdigateway.redis.RedisFixtures.WAIT;
import static org.cdigateway.redis.RedisFixtures.awaitReady;
import static org.cdigateway.redis.RedisFixtures.broadcaster;

import java.nio.file.Path;
import java.time.Duration;

import org.cdigateway.GatewayServer;
import org.cdigateway.junit5.RedisServer;
import org.cdigateway.redis.RedisFixtures.Certificate;
import org.cdigateway.redis.RedisFixtures.Member;
import org.cdigateway.redis.RedisFixtures.Nodes;
import org.cdigateway.redis.RedisFixtures.Warnings;
import org.cdigateway.se.GatewayRuntime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Redis that speaks TLS only, with a self-signed certificate for 127.0.0.1: nodes with {@code rediss://} and the
 * certificate in {@code cdigateway.redis.tls.trust-certificates} work together; a node that does not trust it is never
 * ready, and nothing crosses between it and the others.
 */
class TlsModeTest {

    @TempDir
    Path dir;

    Certificate certificate;
    RedisServer redis;
    Nodes nodes;
    Warnings warnings;

    @BeforeEach
    void startRedis() throws Exception {
        certificate = Certificate.selfSigned(dir);
        redis = RedisFixtures.tlsServer(certificate);
        nodes = new Nodes().set(RedisSettings.URI, "rediss://127.0.0.1:" + redis.port());
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

    @Test
    void nodesThatTrustTheCertificateWorkTogether() throws Exception {
        nodes.set(RedisSettings.TRUST, certificate.cert().toString());
        GatewayRuntime a = nodes.start();
        GatewayRuntime b = nodes.start();

        RedisFixtures.workTogether(nodes, a, b);
        assertThat(warnings.messages()).isEmpty();
    }

    @Test
    void aNodeThatDoesNotTrustTheCertificateIsNeverReadyAndNothingCrosses() throws Exception {
        nodes.set(RedisSettings.TRUST, certificate.cert().toString());
        GatewayRuntime trusting = nodes.start();
        nodes.clear(RedisSettings.TRUST); // the JVM's trust store, which does not have the certificate
        GatewayRuntime untrusting = nodes.start();
        awaitReady(trusting);
        RedisFixtures.await("the node that does not trust the certificate says it cannot reach Redis", WAIT,
                () -> !warnings.messages().isEmpty());
        RedisBroadcaster refused = broadcaster(untrusting);
        assertThat(refused.ready().toCompletableFuture()).isNotDone();
        assertThat(refused.connected()).isFalse();

        Member ada = nodes.member(trusting, "ada");
        Member bob = nodes.member(untrusting, "bob");
        GatewayServer serverTrusting = trusting.server(MembersGateway.class);
        GatewayServer serverUntrusting = untrusting.server(MembersGateway.class);
        serverUntrusting.to("members").emit("news", "from the node that does not trust");
        serverTrusting.to("members").emit("news", "from the node that trusts");

        assertThat(bob.client().awaitEvent("news", WAIT).data(String.class))
                .isEqualTo("from the node that does not trust");
        assertThat(ada.client().awaitEvent("news", WAIT).data(String.class)).isEqualTo("from the node that trusts");
        assertThat(refused.unpublished()).isEqualTo(1);
        assertThat(refused.received()).isZero();
        assertThat(broadcaster(trusting).unpublished()).isZero();
        assertThat(broadcaster(trusting).nodes()).isEmpty();
        ada.client().assertNoFrame(Duration.ofMillis(500));
        bob.client().assertNoFrame(Duration.ofMillis(500));
        assertThat(refused.ready().toCompletableFuture()).isNotDone();

        assertThat(warnings.messages()).hasSize(1);
        assertThat(warnings.messages().get(0)).contains("cannot be reached", "127.0.0.1:" + redis.port(),
                "certification path");
    }
}
