package org.cdigateway.internal.rooms;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.cdigateway.BroadcastOperator;
import org.cdigateway.GatewayClient;
import org.cdigateway.internal.client.SessionClient;
import org.cdigateway.spi.Broadcast;

/** An immutable selection of a gateway's clients: targets and exclusions by room or client id. */
public final class Selection implements BroadcastOperator {

    /** What a selection needs from its gateway. */
    public interface Target {

        /** The gateway's path template, which names it in broadcasts. */
        String path();

        /** The gateway's rooms on this node. */
        Rooms localRooms();

        /** Encodes {@code {"event":..,"data":..}} once. */
        String encode(String event, Object data);

        /** Hands a broadcast to the application's broadcaster. */
        void broadcast(Broadcast broadcast);
    }

    private final Target target;
    private final Set<String> to;
    private final Set<String> except;

    public Selection(Target target, Set<String> to, Set<String> except) {
        this.target = target;
        this.to = to;
        this.except = except;
    }

    @Override
    public BroadcastOperator to(String... roomsOrClientIds) {
        return new Selection(target, plus(to, roomsOrClientIds), except);
    }

    @Override
    public BroadcastOperator except(String... roomsOrClientIds) {
        return new Selection(target, to, plus(except, roomsOrClientIds));
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
        target.broadcast(new Broadcast(target.path(), to, except, target.encode(event, data)));
    }

    @Override
    public Collection<GatewayClient> clients() {
        return List.copyOf(target.localRooms().select(to, except));
    }

    @Override
    public void disconnect(int code, String reason) {
        for (SessionClient client : target.localRooms().select(to, except)) {
            client.close(code, reason);
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
        return "Selection[to=" + to + ", except=" + except + "]";
    }
}
