package org.cdigateway.internal.rooms;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.cdigateway.BroadcastOperator;
import org.cdigateway.GatewayClient;
import org.cdigateway.internal.client.Closing;
import org.cdigateway.internal.client.SessionClient;
import org.cdigateway.internal.dispatch.Attachments;
import org.cdigateway.spi.Broadcast;

/** An immutable selection of a gateway's clients: targets and exclusions by room or client id. */
public final class Selection implements BroadcastOperator {

    /** What a selection needs from its gateway. */
    public interface Target {

        /** The gateway's name in broadcasts (its path template, for a gateway of the native protocol). */
        String name();

        /** The gateway's rooms on this node. */
        Rooms localRooms();

        /** Encodes an event's data as JSON, once for every receiver. */
        String encode(Object data);

        /**
         * Whether the binaries of a broadcast travel as attachments: some protocol of the gateway sends them beside
         * its JSON (Socket.IO). When none does, a broadcast is only {@link #encode(Object) encoded}, as before.
         */
        boolean attachesBinaries();

        /**
         * Encodes data that holds binaries ({@link Attachments#held}): JSON with a placeholder for each binary, added
         * to {@code attachments} (see {@link Attachments#encode}).
         */
        String encode(Object data, List<byte[]> attachments);

        /** Hands a broadcast to the application's broadcaster. */
        void broadcast(Broadcast broadcast);
    }

    private final Target target;
    private final boolean targeted;
    private final Set<String> to;
    private final Set<String> except;

    /** Every client of the gateway, until {@link #to} names whom. */
    public Selection(Target target) {
        this(target, false, Set.of(), Set.of());
    }

    private Selection(Target target, boolean targeted, Set<String> to, Set<String> except) {
        this.target = target;
        this.targeted = targeted;
        this.to = to;
        this.except = except;
    }

    /** Adds targets; once {@code to} was called the selection holds only what it named, nobody if it named none. */
    @Override
    public BroadcastOperator to(String... roomsOrClientIds) {
        return new Selection(target, true, plus(to, roomsOrClientIds), except);
    }

    @Override
    public BroadcastOperator except(String... roomsOrClientIds) {
        return new Selection(target, targeted, to, plus(except, roomsOrClientIds));
    }

    /** Whether the selection is empty by construction: {@code to} was called with nothing. */
    private boolean nobody() {
        return targeted && to.isEmpty();
    }

    @Override
    public BroadcastOperator except(GatewayClient... clients) {
        String[] ids = new String[clients.length];
        for (int i = 0; i < clients.length; i++) {
            ids[i] = Objects.requireNonNull(clients[i], "client").id();
        }
        return except(ids);
    }

    @Override
    public void emit(String event, Object data) {
        Objects.requireNonNull(event, "event");
        if (nobody()) {
            return;
        }
        if (target.attachesBinaries() && Attachments.held(data)) {
            List<byte[]> attachments = new ArrayList<>(2);
            String json = target.encode(data, attachments);
            target.broadcast(new Broadcast(target.name(), to, except, event, json, attachments));
            return;
        }
        target.broadcast(new Broadcast(target.name(), to, except, event, target.encode(data)));
    }

    @Override
    public Collection<GatewayClient> clients() {
        return nobody() ? List.of() : List.copyOf(target.localRooms().select(to, except));
    }

    @Override
    public void disconnect(int code, String reason) {
        Closing.check(code, reason); // before anyone is closed
        if (nobody()) {
            return;
        }
        for (SessionClient client : target.localRooms().select(to, except)) {
            client.closeChecked(code, reason);
        }
    }

    private static Set<String> plus(Set<String> names, String... more) {
        Set<String> all = new LinkedHashSet<>(names);
        for (String name : more) {
            all.add(Objects.requireNonNull(name, "room"));
        }
        return Set.copyOf(all);
    }

    @Override
    public String toString() {
        return "Selection[" + (targeted ? "to=" + to : "all") + ", except=" + except + "]";
    }
}
