package org.cdigateway.tests.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** A small JWT-style signed token for the tests: {@code base64url(user:role,role).base64url(hmac)}. */
public final class Tokens {

    private static final byte[] KEY = "a test key that is long enough for HMAC".getBytes(StandardCharsets.UTF_8);

    /** Who a valid token says the client is. */
    public record User(String name, List<String> roles) {}

    private Tokens() {}

    public static String issue(String user, String... roles) {
        String claims = b64(user + ":" + String.join(",", roles));
        return claims + "." + b64(sign(claims));
    }

    public static Optional<User> verify(String token) {
        int dot = token.indexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        String claims = token.substring(0, dot);
        byte[] signature;
        try {
            signature = Base64.getUrlDecoder().decode(token.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!MessageDigest.isEqual(signature, sign(claims))) {
            return Optional.empty();
        }
        String[] parts = new String(Base64.getUrlDecoder().decode(claims), StandardCharsets.UTF_8).split(":", 2);
        return Optional.of(new User(parts[0], parts[1].isEmpty() ? List.of() : List.of(parts[1].split(","))));
    }

    private static String b64(String s) {
        return b64(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String b64(byte[] b) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static byte[] sign(String claims) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
            return mac.doFinal(claims.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
