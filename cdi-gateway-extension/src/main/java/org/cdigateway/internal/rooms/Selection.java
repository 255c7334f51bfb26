package org.cdigateway.internal.rooms;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.cdigateway.BroadcastOperator;
import org.cdigateway.GatewayClient;
import org.cdigateway.RemoteClient;
import org.cdigateway.internal.client.Closing;
import org.cdigateway.internal.client.SessionClient;
import org.cdigateway.internal.dispatch.Attachments;
import org.cdigateway.spi.Broadcast;
import org.cdigateway.spi.Broadcaster;
import org.cdigateway.spi.ClusterAnswer;
import org.cdigateway.spi.ClusterRequest;
import org.cdigateway.spi.ClusterRequest.Kind;

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

        /** Performs a cluster-wide operation for the clients of this node. */
        ClusterAnswer perform(ClusterRequest request);

        /** Asks the other nodes, through the application's broadcaster (see {@link Broadcaster#request}). */
        CompletionStage<List<ClusterAnswer>> ask(ClusterRequest request);

        /** Reads JSON text as a value of {@code type}. */
        <T> T decode(String json, Class<T> type);
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

    @Override
    public CompletionStage<List<RemoteClient>> fetchClients() {
        if (nobody()) {
            return CompletableFuture.completedFuture(List.of());
        }
        return everywhere(request(Kind.CLIENTS, Set.of(), "", 0)).thenApply(answers -> {
            List<RemoteClient> all = new ArrayList<>();
            for (ClusterAnswer a : answers) {
                for (ClusterAnswer.Client c : a.clients()) {
                    all.add(new Remote(target, c));
                }
            }
            return List.copyOf(all);
        });
    }

    @Override
    public CompletionStage<Integer> countClients() {
        return counted(Kind.COUNT, Set.of(), "", 0);
    }

    @Override
    public CompletionStage<Integer> clientsJoin(String... rooms) {
        Set<String> names = plus(Set.of(), rooms);
        for (String room : names) {
            Rooms.checkName(room, null);
        }
        return counted(Kind.JOIN, names, "", 0);
    }

    @Override
    public CompletionStage<Integer> clientsLeave(String... rooms) {
        return counted(Kind.LEAVE, plus(Set.of(), rooms), "", 0);
    }

    @Override
    public CompletionStage<Integer> disconnectClients(int code, String reason) {
        Closing.check(code, reason);
        return counted(Kind.DISCONNECT, Set.of(), reason, code);
    }

    private CompletionStage<Integer> counted(Kind kind, Set<String> names, String data, int code) {
        if (nobody()) {
            return CompletableFuture.completedFuture(0);
        }
        return everywhere(request(kind, names, data, code)).thenApply(answers -> {
            int n = 0;
            for (ClusterAnswer a : answers) {
                n += a.count();
            }
            return n;
        });
    }

    private ClusterRequest request(Kind kind, Set<String> names, String data, int code) {
        return new ClusterRequest(kind, target.name(), to, except, names, "", data, code);
    }

    /** This node's answer, performed now, then those of the other nodes. */
    private CompletionStage<List<ClusterAnswer>> everywhere(ClusterRequest request) {
        ClusterAnswer mine = target.perform(request);
        return target.ask(request).thenApply(others -> {
            List<ClusterAnswer> all = new ArrayList<>(others.size() + 1);
            all.add(mine);
            all.addAll(others);
            return all;
        });
    }

    /** A client of some node, acting through the cluster by its id. */
    private record Remote(Target target, ClusterAnswer.Client client) implements RemoteClient {

        @Override
        public String id() {
            return client.id();
        }

        @Override
        public Set<String> rooms() {
            return client.rooms();
        }

        @Override
        public Set<String> dataNames() {
            return client.data().keySet();
        }

        @Override
        public <T> T data(String name, Class<T> type) {
            String json = client.data().get(name);
            return json == null ? null : target.decode(json, type);
        }

        private BroadcastOperator self() {
            return new Selection(target).to(client.id());
        }

        @Override
        public void emit(String event, Object data) {
            self().emit(event, data);
        }

        @Override
        public void join(String... rooms) {
            self().clientsJoin(rooms);
        }

        @Override
        public void leave(String... rooms) {
            self().clientsLeave(rooms);
        }

        @Override
        public void disconnect(int code, String reason) {
            self().disconnectClients(code, reason);
        }

        @Override
        public String toString() {
            return "RemoteClient[" + client.id() + ", rooms " + client.rooms() + "]";
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
