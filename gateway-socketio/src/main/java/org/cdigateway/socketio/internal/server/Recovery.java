package org.cdigateway.socketio.internal.server;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.cdigateway.internal.client.SessionClient;
import org.cdigateway.spi.Broadcast;

/**
 * Connection state recovery of one namespace (socket.io 4.6+): every event the namespace sends carries an offset as
 * its last argument, and is kept for the recovery window; a client whose transport dropped is kept too, by a private
 * id. A client that reconnects within the window with that id and the offset of the last event it got resumes: its
 * id, rooms and attributes, and the broadcasts it missed, in order, before anything newer.
 *
 * <p>
 * Bounded: events older than the window go, and the oldest go first once they hold {@code maxBytes}; clients kept
 * beyond the window, or beyond {@code maxSessions}, go too. Events to one client (its emits, responses, stream items)
 * carry offsets and are kept for finding an offset, but are not sent again: the connection they were for is gone.
 */
final class Recovery {

    /** A client kept for resuming. */
    record Kept(String pid, String clientId, Set<String> rooms, Map<String, Object> attributes, long at) {}

    /**
     * An event kept: its frame, and whom it targets when it is a broadcast (its rooms only: its data and attachments
     * are in the frame already).
     */
    private record Entry(long n, long at, String frame, Set<String> rooms, Set<String> exceptRooms,
            boolean broadcast) {}

    private final long windowNanos;
    private final long maxBytes;
    private final int maxSessions;
    private final String prefix = Engine.newSid().substring(0, 8) + "-"; // offsets of another process never match
    private final ArrayDeque<Entry> log = new ArrayDeque<>();
    private long bytes;
    private long next;
    private final ArrayDeque<Kept> kept = new ArrayDeque<>(); // in the order they were kept
    private final Map<String, Kept> byPid = new HashMap<>();

    Recovery(long windowMillis, long maxBytes, int maxSessions) {
        this.windowNanos = windowMillis * 1_000_000;
        this.maxBytes = maxBytes;
        this.maxSessions = maxSessions;
    }

    /** A new private id. */
    static String newPid() {
        return Engine.newSid();
    }

    /**
     * Writes an event with its offset, and keeps it.
     *
     * @param build    writes the frame of the event with the given offset (a JSON string literal) as its last argument
     * @param broadcast the broadcast it is, or null for an event to one client
     */
    synchronized String record(Function<String, String> build, Broadcast broadcast) {
        long n = next++;
        String frame = build.apply("\"" + prefix + Long.toString(n, 36) + "\"");
        long now = System.nanoTime();
        log.addLast(broadcast == null
                ? new Entry(n, now, frame, Set.of(), Set.of(), false)
                : new Entry(n, now, frame, broadcast.rooms(), broadcast.exceptRooms(), true));
        bytes += frame.length();
        prune(now);
        return frame;
    }

    private void prune(long now) {
        for (Entry e = log.peekFirst(); e != null; e = log.peekFirst()) {
            if (now - e.at() <= windowNanos && bytes <= maxBytes) {
                break;
            }
            log.pollFirst();
            bytes -= e.frame().length();
        }
        for (Kept k = kept.peekFirst(); k != null; k = kept.peekFirst()) {
            if (now - k.at() <= windowNanos && kept.size() <= maxSessions) {
                break;
            }
            kept.pollFirst();
            byPid.remove(k.pid(), k);
        }
    }

    /** What is kept of a client whose transport dropped: its rooms and attributes as they are now. */
    static Kept snapshot(String pid, SessionClient client) {
        Set<String> rooms;
        synchronized (client.joined()) {
            rooms = Set.copyOf(client.joined());
        }
        return new Kept(pid, client.id(), rooms, Map.copyOf(client.attributes()), System.nanoTime());
    }

    /** Keeps a client for resuming. */
    synchronized void keep(Kept k) {
        Kept previous = byPid.put(k.pid(), k);
        if (previous != null) {
            kept.remove(previous);
        }
        kept.addLast(k);
        prune(k.at());
    }

    /**
     * The kept client of a private id, taken, when it is within the window and its offset is still known; null
     * otherwise (the client then connects anew).
     */
    synchronized Kept take(String pid, String offset) {
        prune(System.nanoTime());
        Kept k = byPid.get(pid);
        if (k == null || position(offset) < 0) {
            return null;
        }
        byPid.remove(pid);
        kept.remove(k);
        return k;
    }

    /**
     * Resumes a kept client on its new connection: its rooms and attributes, then every broadcast after
     * {@code offset} that targets it, queued in order. Broadcasts wait meanwhile, so that none is both missed and
     * delivered, or delivered before the missed ones.
     */
    synchronized void resume(Kept k, String offset, SessionClient client) {
        client.attributes().putAll(k.attributes());
        if (!k.rooms().isEmpty()) {
            client.join(k.rooms().toArray(String[]::new));
        }
        long from = position(offset);
        if (from < 0) {
            return; // gone meanwhile: nothing more can be replayed
        }
        for (Iterator<Entry> it = log.iterator(); it.hasNext();) {
            Entry e = it.next();
            if (e.n() > from && e.broadcast() && targets(e, k)) {
                client.sendText(e.frame());
            }
        }
    }

    /** The counter of an offset kept in the log, or -1. */
    private long position(String offset) {
        if (offset == null || !offset.startsWith(prefix)) {
            return -1;
        }
        long n;
        try {
            n = Long.parseLong(offset.substring(prefix.length()), 36);
        } catch (NumberFormatException e) {
            return -1;
        }
        Entry first = log.peekFirst();
        return first != null && n >= first.n() && n < next ? n : -1;
    }

    /** Whether a broadcast reaches a client of these rooms, as socket.io decides it. */
    private static boolean targets(Entry b, Kept k) {
        for (String except : b.exceptRooms()) {
            if (except.equals(k.clientId()) || k.rooms().contains(except)) {
                return false;
            }
        }
        if (b.rooms().isEmpty()) {
            return true;
        }
        for (String room : b.rooms()) {
            if (room.equals(k.clientId()) || k.rooms().contains(room)) {
                return true;
            }
        }
        return false;
    }

    /** For tests: how many events and clients are kept. */
    synchronized List<Integer> sizes() {
        return new ArrayList<>(List.of(log.size(), byPid.size()));
    }
}
