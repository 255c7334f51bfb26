package com.example;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Waits for a condition that another thread makes true, polling every few milliseconds, up to a bound. */
public final class Eventually {

    private Eventually() {}

    public static void await(String what, Duration timeout, BooleanSupplier condition) {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError(what + ": not within " + timeout);
            }
            LockSupport.parkNanos(5_000_000);
        }
    }
}
