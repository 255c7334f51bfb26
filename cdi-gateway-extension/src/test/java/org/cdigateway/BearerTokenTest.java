package org.cdigateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class BearerTokenTest {

    @Test
    void readsTheAuthorizationHeader() {
        assertThat(BearerToken.fromAuthorization("Bearer abc.def")).isEqualTo("abc.def");
        assertThat(BearerToken.fromAuthorization("bearer   abc ")).isEqualTo("abc");
        assertThat(BearerToken.fromAuthorization("Basic dXNlcjpwdw==")).isNull();
        assertThat(BearerToken.fromAuthorization("Bearer ")).isNull();
        assertThat(BearerToken.fromAuthorization(null)).isNull();
    }

    @Test
    void readsTheTokenAfterTheBearerSubprotocol() {
        assertThat(BearerToken.fromSubprotocols(List.of("bearer, abc.def"))).isEqualTo("abc.def");
        assertThat(BearerToken.fromSubprotocols(List.of("chat.v1", "bearer", "tok"))).isEqualTo("tok");
        assertThat(BearerToken.fromSubprotocols(List.of("chat.v1, tok"))).isNull();
        assertThat(BearerToken.fromSubprotocols(List.of("bearer"))).isNull();
    }

    @Test
    void readsTheCookie() {
        assertThat(BearerToken.fromCookies(List.of("theme=dark; access_token=abc"), "access_token")).isEqualTo("abc");
        assertThat(BearerToken.fromCookies(List.of("access_token=\"quoted\""), "access_token")).isEqualTo("quoted");
        assertThat(BearerToken.fromCookies(List.of("my_access_token=x"), "access_token")).isNull();
        assertThat(BearerToken.fromCookies(List.of("access_token="), "access_token")).isNull();
    }
}
