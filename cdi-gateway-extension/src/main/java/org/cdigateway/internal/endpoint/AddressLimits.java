package org.cdigateway.internal.endpoint;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;

import org.cdigateway.internal.client.RateLimiter;
import org.cdigateway.internal.client.SessionClient;

/**
 * Counts a gateway's connections per remote address and caps them, and carries the bucket of a connection closed for
 * its rate (4429) over to the address's next connection for a moment, so that a client cannot refill its bucket by
 * reconnecting. Connections that ended otherwise leave nothing behind: others behind the same address start full.
 * The address is the one the client's channel tells (see {@code WebSocketChannel}); where it is unknown,
 * connections are not capped.
 */
final class AddressLimits {

    /** What one address holds: its open connections, and the rate bucket its last connection left behind. */
    private static final class Entry {

        int open;
        RateLimiter left;
        long leftAt;
    }

    /** How long a bucket outlives the connection that drained it: a full bucket refills within a second. */
    private static final long KEEP_BUCKET_NANOS = 2_000_000_000L;

    private final int max;
    private final int perSecond;
    private final Function<SessionClient, String> addressOf;
    private final LongSupplier clock;
    private final Map<String, Entry> addresses = new ConcurrentHashMap<>();

    /**
     * @param max       connections one address may hold; 0 for no limit
     * @param perSecond the per-connection message rate; 0 for none. A new connection of an address starts with the
     *                  bucket that a connection closed for its rate left, so that reconnecting does not refill it.
     */
    AddressLimits(int max, int perSecond) {
        this(max, perSecond, client -> client.channel().remoteAddress(), System::nanoTime);
    }

    /** With the container's address lookup and the clock given, for tests. */
    AddressLimits(int max, int perSecond, Function<SessionClient, String> addressOf, LongSupplier clock) {
        this.max = max;
        this.perSecond = perSecond;
        this.addressOf = addressOf;
        this.clock = clock;
    }

    /**
     * Counts the client's connection and gives it its rate bucket (null when there is no rate limit).
     *
     * @return false when its address holds the most connections allowed already
     */
    boolean add(SessionClient client) {
        if (max <= 0 && perSecond <= 0) {
            return true;
        }
        String address = addressOf.apply(client);
        if (address == null) {
            client.setRateLimiter(perSecond > 0 ? new RateLimiter(perSecond, clock) : null);
            return true;
        }
        boolean[] taken = {false};
        RateLimiter[] bucket = {null};
        addresses.compute(address, (a, e) -> {
            Entry entry = e == null ? new Entry() : e;
            if (max > 0 && entry.open >= max) {
                return entry;
            }
            taken[0] = true;
            entry.open++;
            if (perSecond > 0) {
                boolean recent = entry.left != null && clock.getAsLong() - entry.leftAt < KEEP_BUCKET_NANOS;
                bucket[0] = recent ? new RateLimiter(entry.left) : new RateLimiter(perSecond, clock);
            }
            return entry;
        });
        if (taken[0]) {
            client.setRemoteAddress(address);
            client.setRateLimiter(bucket[0]);
        }
        return taken[0];
    }

    /** Forgets a counted connection that ended, keeping its bucket for a moment for the address's next one. */
    void remove(SessionClient client) {
        String address = client.takeRemoteAddress();
        if (address != null) {
            RateLimiter bucket = client.rateLimited() ? client.rateLimiter() : null; // only a bucket it overdrew
            long now = clock.getAsLong();
            addresses.computeIfPresent(address, (a, e) -> {
                e.open--;
                if (bucket != null) {
                    e.left = bucket;
                    e.leftAt = now;
                }
                return e.open <= 0 && e.left == null ? null : e;
            });
        }
    }

    /** Drops addresses without connections whose last bucket is old; called now and then (the heartbeat tick). */
    void sweep() {
        long now = clock.getAsLong();
        for (String address : addresses.keySet()) {
            addresses.computeIfPresent(address,
                    (a, e) -> e.open <= 0 && (e.left == null || now - e.leftAt >= KEEP_BUCKET_NANOS) ? null : e);
        }
    }

    /** Addresses known, for tests. */
    int addresses() {
        return addresses.size();
    }
}
