package org.cdigateway.internal.client;

import java.nio.charset.StandardCharsets;

/**
 * The rules of RFC 6455 for what a close frame may carry, checked before anything is closed, so that a bad code or
 * reason fails at the caller with a clear message instead of half way through closing a selection.
 */
public final class Closing {

    /** The most bytes a close reason may have in UTF-8. */
    public static final int MAX_REASON_BYTES = 123;

    private Closing() {}

    /**
     * Checks a close code and reason an application passes.
     *
     * @throws IllegalArgumentException when the code may not be sent in a close frame (only 1000-1003, 1007-1014 and
     *                                  3000-4999 may) or the reason is longer than 123 bytes in UTF-8
     */
    public static void check(int code, String reason) {
        if (!sendable(code)) {
            throw new IllegalArgumentException("Close code " + code + " cannot be sent in a close frame: use 1000-1003,"
                    + " 1007-1014, or 3000-4999 for the application's own codes (4000-4999 are private use)");
        }
        if (reason != null && reason.length() > MAX_REASON_BYTES / 3
                && reason.getBytes(StandardCharsets.UTF_8).length > MAX_REASON_BYTES) {
            throw new IllegalArgumentException("A close reason may have at most " + MAX_REASON_BYTES
                    + " bytes in UTF-8; this one has " + reason.getBytes(StandardCharsets.UTF_8).length
                    + ". Shorten it, or use Closing.fit");
        }
    }

    /** Whether {@code code} may be sent in a close frame. */
    public static boolean sendable(int code) {
        return code >= 1000 && code <= 1003 || code >= 1007 && code <= 1014 || code >= 3000 && code <= 4999;
    }

    /** The longest prefix of {@code message} that fits a close frame (123 bytes in UTF-8), cut between characters. */
    public static String fit(String message) {
        if (message == null) {
            return "";
        }
        int n = message.length();
        if (n <= MAX_REASON_BYTES / 3) {
            return message;
        }
        int bytes = 0;
        for (int i = 0; i < n; i++) {
            char c = message.charAt(i);
            int size;
            int next = i + 1;
            if (c < 0x80) {
                size = 1;
            } else if (c < 0x800) {
                size = 2;
            } else if (Character.isHighSurrogate(c) && next < n && Character.isLowSurrogate(message.charAt(next))) {
                size = 4;
                next++;
            } else {
                size = 3;
            }
            if (bytes + size > MAX_REASON_BYTES) {
                return message.substring(0, i);
            }
            bytes += size;
            i = next - 1;
        }
        return message;
    }
}
