package org.cdigateway.internal.rooms;

import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.cdigateway.internal.client.ClientIds;
import org.cdigateway.internal.client.EncodedText;
import org.cdigateway.internal.client.SessionClient;
import org.cdigateway.internal.json.JsonText;
import org.cdigateway.internal.protocol.WireProtocol;
import org.cdigateway.spi.Broadcast;

/**
 * The rooms of one gateway and their members on this node. A room exists while it has members: it is created by the
 * first join and removed, atomically with its last leave, so that connection churn leaves nothing behind. Every client
 * is also addressable by its id, without an entry here.
 *
 * <p>
 * A client's membership changes hold the monitor of its {@link SessionClient#joined()} set: a join that races with
 * the client's disconnect either comes first (and {@link #leaveAll} undoes it) or sees the client ended.
 */
public final class Rooms {

    private final Map<String, SessionClient> clients;
    private final Map<String, Set<SessionClient>> rooms = new ConcurrentHashMap<>();

    /** @param clients the gateway's connected clients by id, kept by the gateway */
    public Rooms(Map<String, SessionClient> clients) {
        this.clients = clients;
    }

    /**
     * Checks a room name an application passes to {@code join}.
     *
     * @param own the id of the client that joins: joining its own room is allowed and changes nothing
     * @throws IllegalArgumentException when the name has the form of a client id, which only that client may have
     */
    public static void checkName(String room, String own) {
        Objects.requireNonNull(room, "room");
        if (ClientIds.isIdLike(room) && !room.equals(own)) {
            throw new IllegalArgumentException("The room name \"" + room + "\" has the form of a client id ("
                    + ClientIds.LENGTH + " letters, digits, '-' or '_'), and a client id addresses that client only:"
                    + " no other client may join it. Choose another name, for instance with a prefix (\"room:" + room
                    + "\").");
        }
    }

    /**
     * Adds the client to the room. Membership changes of one client are serialized on its {@link SessionClient#joined()}
     * set, so that a join racing with a leave or with the disconnect leaves the client either in the room and the room
     * in its set, or in neither.
     */
    public void join(SessionClient client, String room) {
        if (room.equals(client.id())) {
            return;
        }
        Set<String> joined = client.joined();
        synchronized (joined) {
            if (client.hasEnded() || !joined.add(room)) {
                return;
            }
            rooms.compute(room, (name, members) -> {
                Set<SessionClient> set = members != null ? members : ConcurrentHashMap.newKeySet();
                set.add(client);
                return set;
            });
        }
    }

    /** Removes the client from the room; the room disappears with its last member. */
    public void leave(SessionClient client, String room) {
        Set<String> joined = client.joined();
        synchronized (joined) {
            if (joined.remove(room)) {
                removeMember(client, room);
            }
        }
    }

    private void removeMember(SessionClient client, String room) {
        rooms.computeIfPresent(room, (name, members) -> {
            members.remove(client);
            return members.isEmpty() ? null : members;
        });
    }

    /** Removes a client that ended from every room it joined; called after it was marked ended. */
    public void leaveAll(SessionClient client) {
        Set<String> joined = client.joined();
        synchronized (joined) {
            for (String room : joined) {
                removeMember(client, room);
            }
            joined.clear();
        }
    }

    /** The rooms with members, a snapshot. */
    public Set<String> names() {
        return Set.copyOf(rooms.keySet());
    }

    /** Members of a room, or the client with that id; 0 when neither. */
    public int size(String room) {
        Set<SessionClient> members = rooms.get(room);
        int n = members == null ? 0 : members.size();
        return clients.containsKey(room) ? n + 1 : n;
    }

    /** The clients a broadcast targets on this node. */
    public Set<SessionClient> select(Set<String> to, Set<String> except) {
        Set<SessionClient> selected = new HashSet<>();
        if (to.isEmpty()) {
            selected.addAll(clients.values());
        } else {
            for (String name : to) {
                addMembers(name, selected);
            }
        }
        if (!except.isEmpty() && !selected.isEmpty()) {
            Set<SessionClient> excluded = new HashSet<>();
            for (String name : except) {
                addMembers(name, excluded);
            }
            selected.removeAll(excluded);
        }
        return selected;
    }

    private void addMembers(String name, Set<SessionClient> into) {
        Set<SessionClient> members = rooms.get(name);
        if (members != null) {
            into.addAll(members);
        }
        SessionClient byId = clients.get(name);
        if (byId != null) {
            into.add(byId);
        }
    }

    /**
     * Queues a broadcast's event for each client it targets on this node, in the frame of the client's protocol. The
     * common cases (everyone, one room, one client, no exceptions) iterate the members directly, without building a
     * set.
     *
     * @return the number of clients the event was queued for
     */
    public int deliver(Broadcast broadcast) {
        Frames frame = new Frames(JsonText.quote(broadcast.event()), broadcast.data(), broadcast.attachments());
        Recorder r = recorder;
        if (r != null) {
            synchronized (r.lock()) { // recorded and queued at once: a client resuming meanwhile gets it once
                frame.first = r.protocol();
                String recorded = r.record(broadcast, frame.quotedEvent);
                frame.firstFrame = recorded == null ? null : new EncodedText(recorded);
                return deliver(broadcast, frame);
            }
        }
        return deliver(broadcast, frame);
    }

    private int deliver(Broadcast broadcast, Frames frame) {
        if (broadcast.exceptRooms().isEmpty()) {
            if (broadcast.toAll()) {
                return sendAll(clients.values(), frame);
            }
            if (broadcast.rooms().size() == 1) {
                String name = broadcast.rooms().iterator().next();
                Set<SessionClient> members = rooms.get(name);
                SessionClient byId = clients.get(name);
                if (byId == null) {
                    return members == null ? 0 : sendAll(members, frame);
                }
                if (members == null || !members.contains(byId)) {
                    byId.sendShared(frame.of(byId.protocol()));
                    return 1 + (members == null ? 0 : sendAll(members, frame));
                }
            }
        }
        return sendAll(select(broadcast.rooms(), broadcast.exceptRooms()), frame);
    }

    private static int sendAll(Iterable<SessionClient> targets, Frames frame) {
        int n = 0;
        for (SessionClient client : targets) {
            client.sendShared(frame.of(client.protocol()));
            n++;
        }
        return n;
    }

    /**
     * One event in the frames of the protocols its receivers speak: written once per protocol. A gateway's clients
     * speak one or two protocols, so two are kept; a third protocol's frame is written again for each client. The
     * attachments of a broadcast with binaries go to {@link WireProtocol#event(String, String, List)}.
     */
    private static final class Frames {

        private final String quotedEvent;
        private final String data;
        private final List<byte[]> attachments;
        private WireProtocol first;
        private EncodedText firstFrame;
        private WireProtocol second;
        private EncodedText secondFrame;

        Frames(String quotedEvent, String data, List<byte[]> attachments) {
            this.quotedEvent = quotedEvent;
            this.data = data;
            this.attachments = attachments;
        }

        private EncodedText write(WireProtocol protocol) {
            String text = attachments.isEmpty()
                    ? protocol.event(quotedEvent, data)
                    : protocol.event(quotedEvent, data, attachments);
            return text == null ? null : new EncodedText(text);
        }

        EncodedText of(WireProtocol protocol) {
            if (protocol == first) {
                return firstFrame;
            }
            if (first == null) {
                first = protocol;
                return firstFrame = write(protocol);
            }
            if (protocol == second) {
                return secondFrame;
            }
            if (second == null) {
                second = protocol;
                return secondFrame = write(protocol);
            }
            return write(protocol);
        }
    }

    /**
     * Sees every broadcast this node delivers, whether or not a member is here, and writes its frame for one protocol:
     * a protocol that keeps what it sent (Socket.IO's connection state recovery) records it there.
     */
    public interface Recorder {

        /** The protocol whose frame {@link #record} writes. */
        WireProtocol protocol();

        /** The broadcast's frame in {@link #protocol()} (with its attachments, if it has any), recorded. */
        String record(Broadcast broadcast, String quotedEvent);

        /**
         * The lock under which a broadcast is recorded and queued for its members, and under which the recorder
         * replays what a resuming client missed, so that no broadcast is both replayed and delivered to it.
         */
        Object lock();
    }

    private volatile Recorder recorder;

    /** Sets the recorder of this gateway's broadcasts (one at most). */
    public void record(Recorder r) {
        recorder = r;
    }

    /** How many rooms exist: for tests of churn. */
    public int roomCount() {
        return rooms.size();
    }

    /** The members of a room on this node (not counting a client whose id it is). */
    public Set<SessionClient> members(String room) {
        Set<SessionClient> members = rooms.get(room);
        return members == null ? Set.of() : Collections.unmodifiableSet(new HashSet<>(members));
    }
}
