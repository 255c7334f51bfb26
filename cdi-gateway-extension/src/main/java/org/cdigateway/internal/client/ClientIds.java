package org.cdigateway.internal.client;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Client ids: 120 random bits as {@value #LENGTH} URL-safe Base64 characters. Every client is addressable by its id as
 * if it were a room, so names of that form are reserved: no room may be called like a client id, and a client id
 * reaches that client only.
 */
public final class ClientIds {

    /** The length of every client id. */
    public static final int LENGTH = 20;

    private static final SecureRandom RANDOM = new SecureRandom();

    private ClientIds() {}

    /** A new, unguessable id. */
    public static String next() {
        byte[] bytes = new byte[15];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Whether {@code name} has the form of a client id. */
    public static boolean isIdLike(String name) {
        if (name.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < LENGTH; i++) {
            char c = name.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
    }
}
