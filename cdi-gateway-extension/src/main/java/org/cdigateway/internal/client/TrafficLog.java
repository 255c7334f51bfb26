package org.cdigateway.internal.client;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The frames of one gateway's connections, in and out, at {@code FINE} (debug) on the logger
 * {@code org.cdigateway.traffic.<gateway class>}: off unless that logger (or {@code org.cdigateway.traffic}) is set to
 * {@code FINE}. A line is {@code <client id> < frame} for a frame received and {@code <client id> > frame} for one
 * handed to the transport; a frame longer than {@code cdigateway.traffic.max-chars} (system property, default 500)
 * is cut there, and control characters are escaped, so a client cannot forge log lines. Off, a frame costs one level
 * check.
 */
public final class TrafficLog {

    /** The parent of every gateway's traffic logger. */
    public static final String LOGGER = "org.cdigateway.traffic";

    static final int MAX_CHARS = Math.max(16, Integer.getInteger("cdigateway.traffic.max-chars", 500));

    /** Logs nothing: for clients made outside a gateway. */
    public static final TrafficLog NONE = new TrafficLog(null);

    private final Logger log;

    private TrafficLog(Logger log) {
        this.log = log;
    }

    /** The traffic log of the gateway {@code gateway}. */
    public static TrafficLog of(Class<?> gateway) {
        return new TrafficLog(Logger.getLogger(LOGGER + "." + gateway.getName()));
    }

    /** Whether frames are logged now. */
    public boolean on() {
        return log != null && log.isLoggable(Level.FINE);
    }

    /** A text frame received from {@code client}. */
    public void in(String client, String text) {
        if (on()) {
            log.fine(line(client, " < ", text));
        }
    }

    /** A text frame sent to {@code client}. */
    public void out(String client, String text) {
        if (on()) {
            log.fine(line(client, " > ", text));
        }
    }

    /** A binary frame of {@code bytes} received from ({@code in}) or sent to {@code client}. */
    public void binary(String client, boolean in, int bytes) {
        if (on()) {
            log.fine(client + (in ? " < " : " > ") + "(binary, " + bytes + " bytes)");
        }
    }

    static String line(String client, String direction, String text) {
        int n = text.length();
        int shown = Math.min(n, MAX_CHARS);
        StringBuilder sb = new StringBuilder(client.length() + shown + 40).append(client).append(direction);
        for (int i = 0; i < shown; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        if (shown < n) {
            sb.append("... (").append(n).append(" characters)");
        }
        return sb.toString();
    }
}
