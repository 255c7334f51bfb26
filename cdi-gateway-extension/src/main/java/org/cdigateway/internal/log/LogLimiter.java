package org.cdigateway.internal.log;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps what clients can make the server log bounded: at most {@code perMinute} records a minute pass with their stack
 * trace; the rest are counted, and the count is logged once with the first record of the next minute. A client that
 * sends a thousand failing frames a second costs the log one line a minute beyond the allowance.
 */
public final class LogLimiter {

    private static final long MINUTE = 60_000_000_000L;

    /** How the line that counts what was left out ends. */
    public static final String LEFT_OUT = "similar records were left out in the last minute";

    private final Logger log;
    private final int perMinute;
    private long windowStart = System.nanoTime();
    private int logged;
    private long suppressed;

    public LogLimiter(Logger log, int perMinute) {
        this.log = log;
        this.perMinute = perMinute;
    }

    /** Logs {@code message} with {@code thrown} when within the allowance; counts it otherwise. */
    public void log(Level level, String message, Throwable thrown) {
        if (!log.isLoggable(level)) {
            return;
        }
        long missed;
        synchronized (this) {
            long now = System.nanoTime();
            if (now - windowStart >= MINUTE) {
                windowStart = now;
                logged = 0;
            }
            if (logged >= perMinute) {
                suppressed++;
                return;
            }
            logged++;
            missed = suppressed;
            suppressed = 0;
        }
        if (missed > 0) {
            log.log(level, missed + " " + LEFT_OUT);
        }
        log.log(level, message, thrown);
    }

    /** Records left out and not yet reported, for tests. */
    public synchronized long suppressed() {
        return suppressed;
    }
}
