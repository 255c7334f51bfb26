package org.cdigateway.tests;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Records lifecycle calls of test gateways, and lets tests await them without sleeping. The events are kept across
 * runtimes (tests tell connections apart by their ids), so they can be read after a runtime stopped.
 */
@ApplicationScoped
public class Recorder {

    private static final List<String> events = new ArrayList<>();
    private static final Object lock = new Object();

    /** Records an event such as {@code "disconnect:<id>:1000"}. */
    public void record(String event) {
        synchronized (lock) {
            events.add(event);
            lock.notifyAll();
        }
    }

    public List<String> events() {
        synchronized (lock) {
            return List.copyOf(events);
        }
    }

    /** How many recorded events start with {@code prefix}. */
    public long count(String prefix) {
        synchronized (lock) {
            return events.stream().filter(e -> e.startsWith(prefix)).count();
        }
    }

    /** Waits until {@code count(prefix) >= n}; fails with the recorded events after the timeout. */
    public void await(String prefix, long n, Duration timeout) {
        synchronized (lock) {
            awaitLocked(prefix, n, timeout);
        }
    }

    private void awaitLocked(String prefix, long n, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (count(prefix) < n) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("Expected " + n + " events starting with '" + prefix + "' within " + timeout
                        + " but recorded " + count(prefix) + ": " + events);
            }
            try {
                lock.wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

}
