package org.cdigateway.internal.client;

import java.util.function.LongSupplier;

/**
 * A token bucket for one connection: {@code perSecond} messages a second, in bursts of up to {@code perSecond}. A
 * connection from the same address soon after may start with it (see {@code AddressLimits}).
 * Called only from the connection's message callbacks, which a WebSocket container never runs concurrently for one
 * session; no allocation per message.
 */
public final class RateLimiter {

    private static final long SECOND = 1_000_000_000L;

    private final int perSecond;
    private final LongSupplier clock;
    private double tokens;
    private long last;

    public RateLimiter(int perSecond) {
        this(perSecond, System::nanoTime);
    }

    /** @param clock nanoseconds, as {@link System#nanoTime()} */
    public RateLimiter(int perSecond, LongSupplier clock) {
        this.perSecond = perSecond;
        this.clock = clock;
        this.tokens = perSecond;
        this.last = clock.getAsLong();
    }

    /** A bucket that starts where {@code previous} is now: what it spent and has not earned back stays spent. */
    public RateLimiter(RateLimiter previous) {
        synchronized (previous) {
            this.perSecond = previous.perSecond;
            this.clock = previous.clock;
            this.tokens = previous.tokens;
            this.last = previous.last;
        }
    }

    /** Takes one token; false when the bucket is empty (the client sends too fast). */
    public synchronized boolean tryAcquire() {
        long now = clock.getAsLong();
        long elapsed = now - last;
        if (elapsed > 0) {
            tokens = Math.min(perSecond, tokens + (double) elapsed * perSecond / SECOND);
            last = now;
        }
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
