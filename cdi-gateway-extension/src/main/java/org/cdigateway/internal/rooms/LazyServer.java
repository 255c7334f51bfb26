package org.cdigateway.internal.rooms;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

import org.cdigateway.BroadcastOperator;
import org.cdigateway.GatewayClient;
import org.cdigateway.GatewayServer;
import org.cdigateway.RemoteClient;

/**
 * The {@link GatewayServer} injected into beans: finds the gateway's server when first used, so that a bean created
 * before the gateways are deployed (a startup observer, say) can hold it.
 */
public final class LazyServer implements GatewayServer {

    private final Supplier<GatewayServer> lookup;
    private volatile GatewayServer server;

    public LazyServer(Supplier<GatewayServer> lookup) {
        this.lookup = lookup;
    }

    private GatewayServer server() {
        GatewayServer s = server;
        if (s == null) {
            s = lookup.get();
            server = s;
        }
        return s;
    }

    @Override
    public String path() {
        return server().path();
    }

    @Override
    public void emit(String event, Object data) {
        server().emit(event, data);
    }

    @Override
    public BroadcastOperator to(String... roomsOrClientIds) {
        return server().to(roomsOrClientIds);
    }

    @Override
    public BroadcastOperator except(String... roomsOrClientIds) {
        return server().except(roomsOrClientIds);
    }

    @Override
    public BroadcastOperator except(GatewayClient... clients) {
        return server().except(clients);
    }

    @Override
    public Collection<GatewayClient> clients() {
        return server().clients();
    }

    @Override
    public void disconnect(int code, String reason) {
        server().disconnect(code, reason);
    }

    @Override
    public Optional<GatewayClient> client(String id) {
        return server().client(id);
    }

    @Override
    public int clientCount() {
        return server().clientCount();
    }

    @Override
    public Set<String> rooms() {
        return server().rooms();
    }

    @Override
    public int roomSize(String room) {
        return server().roomSize(room);
    }

    @Override
    public CompletionStage<List<RemoteClient>> fetchClients() {
        return server().fetchClients();
    }

    @Override
    public CompletionStage<Integer> countClients() {
        return server().countClients();
    }

    @Override
    public CompletionStage<Integer> clientsJoin(String... rooms) {
        return server().clientsJoin(rooms);
    }

    @Override
    public CompletionStage<Integer> clientsLeave(String... rooms) {
        return server().clientsLeave(rooms);
    }

    @Override
    public CompletionStage<Integer> disconnectClients(int code, String reason) {
        return server().disconnectClients(code, reason);
    }

    @Override
    public void serverSideEmit(String event, Object data) {
        server().serverSideEmit(event, data);
    }

    @Override
    public <T> CompletionStage<List<T>> serverSideEmitWithAck(String event, Object data, Class<T> replyType) {
        return server().serverSideEmitWithAck(event, data, replyType);
    }

    @Override
    public String toString() {
        return server == null ? "GatewayServer[not yet resolved]" : server.toString();
    }
}
