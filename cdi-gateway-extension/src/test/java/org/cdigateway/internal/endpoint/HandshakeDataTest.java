package org.cdigateway.internal.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.websocket.server.HandshakeRequest;

import org.junit.jupiter.api.Test;

/** The compact handshake record answers as the maps it replaced did. */
class HandshakeDataTest {

    private static HandshakeData handshake(String query) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Host", List.of("example.com"));
        headers.put("Sec-WebSocket-Protocol", List.of("bearer, t0k3n"));
        headers.put("cookie", List.of("a=1", "access_token=c00kie"));
        return HandshakeData.of(headers, query);
    }

    @Test
    void headersAnswerInAnyCaseWithEveryValueInOrder() {
        HandshakeData h = handshake(null);
        assertThat(h.header("HOST")).isEqualTo("example.com");
        assertThat(h.header("Cookie")).isEqualTo("a=1");
        assertThat(h.headerValues("COOKIE")).containsExactly("a=1", "access_token=c00kie");
        assertThat(h.headerValues("Authorization")).isEmpty();
        assertThat(h.header("Authorization")).isNull();
        assertThat(h.headers()).containsOnlyKeys("Host", "Sec-WebSocket-Protocol", "cookie");
        assertThat(h.headers().get("COOKIE")).containsExactly("a=1", "access_token=c00kie");
    }

    @Test
    void oneQueryParameterIsReadAsTheWholeQueryReadsIt() {
        HandshakeData h = handshake("name=Ada%20L&flag&access_token=x%2By&name=Bob");
        assertThat(h.queryParam("name")).isEqualTo("Ada L").isEqualTo(h.query().get("name").get(0));
        assertThat(h.queryParam("access_token")).isEqualTo("x+y");
        assertThat(h.queryParam("flag")).isEmpty();
        assertThat(h.queryParam("missing")).isNull();
        assertThat(h.query().get("name")).containsExactly("Ada L", "Bob");
        assertThat(handshake(null).queryParam("name")).isNull();
        assertThat(handshake("").query()).isEmpty();
    }

    @Test
    void theAddressOfTheUpgradeRequestIsCapturedOnlyWhileItIsServed() {
        HandshakeRequest request = new HandshakeRequest() {

            @Override
            public Map<String, List<String>> getHeaders() {
                return Map.of("Host", List.of("example.com"));
            }

            @Override
            public Principal getUserPrincipal() {
                return null;
            }

            @Override
            public URI getRequestURI() {
                return URI.create("/chat");
            }

            @Override
            public boolean isUserInRole(String role) {
                return false;
            }

            @Override
            public Object getHttpSession() {
                return null;
            }

            @Override
            public Map<String, List<String>> getParameterMap() {
                return Map.of();
            }

            @Override
            public String getQueryString() {
                return null;
            }
        };
        UpgradeAddress.enter("192.0.2.7");
        try {
            assertThat(HandshakeData.of(request).address()).isEqualTo("192.0.2.7");
        } finally {
            UpgradeAddress.leave();
        }
        assertThat(HandshakeData.of(request).address()).isNull();
    }
}
