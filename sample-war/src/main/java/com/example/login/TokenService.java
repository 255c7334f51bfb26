package com.example.login;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Issues and checks signed tokens: {@code name.expiry.signature}, HMAC-SHA256 with a key made at start-up. A real
 * application would verify the JWTs of its identity provider here instead.
 */
@ApplicationScoped
public class TokenService {

    static final Duration LIFETIME = Duration.ofHours(8);
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private final byte[] key = new byte[32];
    private final Clock clock = Clock.systemUTC();

    public TokenService() {
        new SecureRandom().nextBytes(key);
    }

    /** A token for {@code name}, valid for eight hours. */
    public String issue(String name) {
        String payload = B64.encodeToString(name.getBytes(StandardCharsets.UTF_8)) + "."
                + clock.instant().plus(LIFETIME).getEpochSecond();
        return payload + "." + B64.encodeToString(sign(payload));
    }

    /** The name a valid, unexpired token was issued for; empty for anything else. */
    public Optional<String> verify(String token) {
        if (token == null) {
            return Optional.empty();
        }
        int last = token.lastIndexOf('.');
        int first = token.indexOf('.');
        if (first <= 0 || last <= first) {
            return Optional.empty();
        }
        String payload = token.substring(0, last);
        try {
            if (!MessageDigest.isEqual(sign(payload), B64D.decode(token.substring(last + 1)))
                    || Long.parseLong(token.substring(first + 1, last)) < clock.instant().getEpochSecond()) {
                return Optional.empty();
            }
            return Optional.of(new String(B64D.decode(token.substring(0, first)), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) { // bad base64 or number
            return Optional.empty();
        }
    }

    private byte[] sign(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
