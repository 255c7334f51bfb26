package org.cdigateway.internal.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

class OriginPolicyTest {

    private static HandshakeData handshake(String... headers) {
        Map<String, List<String>> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 0; i < headers.length; i += 2) {
            map.put(headers[i], List.of(headers[i + 1]));
        }
        return HandshakeData.of(map, null);
    }

    @Test
    void noOriginIsNotABrowserAndIsAllowed() {
        assertThat(new OriginPolicy(List.of()).allows(handshake("Host", "example.com"))).isTrue();
    }

    @Test
    void theGatewaysOwnOriginIsAllowedWithOrWithoutTheDefaultPort() {
        OriginPolicy policy = new OriginPolicy(List.of());
        assertThat(policy.allows(handshake("Host", "localhost:8080", "Origin", "http://localhost:8080"))).isTrue();
        assertThat(policy.allows(handshake("Host", "example.com", "Origin", "https://example.com"))).isTrue();
        assertThat(policy.allows(handshake("Host", "example.com:443", "Origin", "https://example.com"))).isTrue();
        assertThat(policy.allows(handshake("Host", "internal:8080", "X-Forwarded-Host", "app.example.com",
                "Origin", "https://app.example.com"))).isTrue();
    }

    @Test
    void anotherOriginIsRefusedUnlessAllowed() {
        assertThat(new OriginPolicy(List.of()).allows(handshake("Host", "localhost:8080", "Origin",
                "http://localhost:9090"))).isFalse();
        assertThat(new OriginPolicy(List.of()).allows(handshake("Host", "example.com", "Origin", "null")))
                .isFalse();
        OriginPolicy partner = new OriginPolicy(List.of("https://Partner.example/"));
        assertThat(partner.allows(handshake("Host", "example.com", "Origin", "https://partner.example"))).isTrue();
        assertThat(partner.allows(handshake("Host", "example.com", "Origin", "http://partner.example"))).isFalse();
        assertThat(new OriginPolicy(List.of("*")).allows(handshake("Origin", "https://any.example"))).isTrue();
    }
}
