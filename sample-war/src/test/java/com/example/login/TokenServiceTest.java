package com.example.login;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenServiceTest {

    private final TokenService tokens = new TokenService();

    @Test
    void aTokenNamesWhoItWasIssuedFor() {
        assertThat(tokens.verify(tokens.issue("Zoë Smith"))).contains("Zoë Smith");
    }

    @Test
    void tamperedForeignAndMalformedTokensAreRejected() {
        String token = tokens.issue("Ada");
        String[] parts = token.split("\\.");
        assertThat(tokens.verify(parts[0] + "." + (Long.parseLong(parts[1]) + 1) + "." + parts[2])).isEmpty();
        assertThat(tokens.verify(new TokenService().issue("Ada"))).isEmpty();
        assertThat(tokens.verify("not-a-token")).isEmpty();
        assertThat(tokens.verify("a.b.c")).isEmpty();
        assertThat(tokens.verify(null)).isEmpty();
    }
}
