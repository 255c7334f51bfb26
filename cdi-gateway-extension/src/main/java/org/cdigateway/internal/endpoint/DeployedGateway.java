package org.cdigateway.internal.endpoint;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.websocket.CloseReason;
import jakarta.websocket.server.ServerEndpointConfig;

import org.cdigateway.Adapter;
import org.cdigateway.BroadcastOperator;
import org.cdigateway.Compression;
import org.cdigateway.GatewayClient;
import org.cdigateway.GatewayServer;
import org.cdigateway.RemoteClient;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.internal.client.Channel;
import org.cdigateway.internal.client.SessionClient;
import org.cdigateway.internal.config.GatewaySettings;
import org.cdigateway.internal.dispatch.Attachments;
import org.cdigateway.internal.dispatch.DispatchTable;
import org.cdigateway.internal.dispatch.GatewayModel;
import org.cdigateway.internal.filter.FilterResolver;
import org.cdigateway.internal.guard.GuardChain;
import org.cdigateway.internal.guard.GuardResolver;
import org.cdigateway.internal.guard.RolesGuard;
import org.cdigateway.internal.json.JsonCodec;
import org.cdigateway.internal.protocol.WireProtocol;
import org.cdigateway.internal.rooms.Rooms;
import org.cdigateway.internal.rooms.Selection;
import org.cdigateway.internal.telemetry.GatewayTelemetry;
import org.cdigateway.internal.validation.BodyValidation;
import org.cdigateway.spi.Broadcast;
import org.cdigateway.spi.Broadcaster;
import org.cdigateway.spi.ClusterAnswer;
import org.cdigateway.spi.ClusterRequest;
import org.cdigateway.spi.ClusterRequest.Kind;

/**
 * One gateway at run time, as the application and the registry see it: its endpoint config, and the
 * {@link GatewayServer} that sends to its clients. Its parts do the work: {@link Connections} from handshake to
 * disconnect, {@link Dispatcher} for messages, {@link GatewayCore} for what they share. The bean is resolved lazily,
 * at the first handshake, and always called through its contextual reference so that interceptors run.
 */
public final class DeployedGateway implements GatewayServer, Selection.Target {

    /** Close codes of refused connections. */
    public static final int NOT_AUTHENTICATED = 4401, FORBIDDEN = 4403, RATE_LIMITED = 4429;

    private static final Logger LOG = Logger.getLogger(DeployedGateway.class.getName());

    private final GatewayCore core;
    private final Connections connections;
    private final Rooms rooms;
    private final Selection all = new Selection(this);
    private final Dispatcher dispatcher;
    private final ServerEndpointConfig config;
    private final Set<Adapter> adapters;
    private final String namespace;
    private final String name;
    private final boolean attachesBinaries;
    private volatile Broadcaster broadcaster;
    private final Set<String> roleNames;

    DeployedGateway(GatewayModel model, BeanManager beans, RequestContextRunner contexts, JsonCodec json,
            WireProtocol protocol, GuardResolver guards, FilterResolver filters, GatewayExecutor executor,
            GatewayTelemetry telemetry) {
        Class<?> type = model.type();
        WebSocketGateway declared = type.getAnnotation(WebSocketGateway.class);
        boolean nativeEndpoint = declared == null || declared.adapter().length == 0
                || Arrays.asList(declared.adapter()).contains(Adapter.NATIVE);
        String metricsName = nativeEndpoint
                ? model.path().path()
                : "socket.io:" + (declared == null ? "/" : declared.namespace());
        this.core = new GatewayCore(model, beans, contexts, json, protocol, filters, executor,
                telemetry.forGateway(metricsName), telemetry.tracerFor(metricsName));
        long timeout = core.settings.guardTimeout();
        GuardChain connectionGuards = guards.gatewayChain(timeout, type, null);
        Set<String> names = new HashSet<>(); // what @RolesAllowed names, asked of the container at each handshake
        RolesGuard.roleNames(type, names);
        DispatchTable table = model.table().map(h -> {
            RolesGuard.roleNames(h.method(), names);
            return h.with(guards.gatewayChain(timeout, type, h.method()), filters.chain(h.method(), type),
                    BodyValidation.forHandler(h.method(), h.paths(), () -> beans));
        });
        this.roleNames = Set.copyOf(names);
        this.connections = new Connections(core, connectionGuards);
        this.rooms = connections.rooms();
        this.dispatcher = new Dispatcher(core, table, connectionGuards);
        WebSocketGateway annotation = type.getAnnotation(WebSocketGateway.class);
        this.adapters = annotation == null || annotation.adapter().length == 0
                ? EnumSet.of(Adapter.NATIVE)
                : EnumSet.copyOf(Arrays.asList(annotation.adapter()));
        this.namespace = annotation == null ? "/" : annotation.namespace();
        this.attachesBinaries = adapters.contains(Adapter.SOCKET_IO); // sends binaries as attachments
        if (adapters.contains(Adapter.NATIVE)) {
            GatewayEndpoint endpoint = new GatewayEndpoint(connections, dispatcher, core.settings);
            Compression compression = core.settings.compression();
            CompressionSupport deflate = compression == Compression.ON ? CompressionSupport.find() : null;
            this.config = ServerEndpointConfig.Builder.create(GatewayEndpoint.class, model.path().path())
                    .configurator(new GatewayConfigurator(endpoint, roleNames, compression, deflate))
                    .subprotocols(declared == null ? List.of() : List.of(declared.subprotocols()))
                    .extensions(deflate == null
                            ? List.of()
                            : List.of(deflate.perMessageDeflate(core.settings.maxMessageSize())))
                    .build();
            this.name = model.path().path();
        } else {
            this.config = null;
            this.name = "socket.io:" + namespace;
        }
    }

    /**
     * The roles the gateway names in {@code @RolesAllowed}, on its class and handlers: the container is asked about
     * these at the handshake.
     */
    public Set<String> roleNames() {
        return roleNames;
    }

    /** Whether the gateway speaks {@code adapter}'s protocol. */
    public boolean speaks(Adapter adapter) {
        return adapters.contains(adapter);
    }

    /** The Socket.IO namespace of the gateway, {@code /} unless it names one. */
    public String namespace() {
        return namespace;
    }

    /**
     * The gateway's name in broadcasts, the same on every node: its path template when it speaks the native protocol,
     * else {@code socket.io:} and its namespace.
     */
    @Override
    public String name() {
        return name;
    }

    // connections of other protocols (see ProtocolAdapter)

    /**
     * A new client of another protocol, connected through {@code channel}: checked as a native connection is (shutdown,
     * origin, connections per address), before any guard.
     *
     * @return the client, or null when it was refused (and its channel is being closed)
     */
    public SessionClient open(Channel channel, HandshakeData handshake, WireProtocol protocol) {
        return connections.open(channel, handshake, protocol);
    }

    /**
     * Runs the client's connection guards, then {@code handleConnection}.
     *
     * @return null when decided already (see {@link SessionClient#accepted()}); else a stage that completes once it is
     */
    public CompletionStage<Void> admit(SessionClient client) {
        return connections.admit(client);
    }

    /**
     * The inbound side of a client: its messages go there, whole or in parts, and are dispatched in order within the
     * gateway's size and rate limits.
     *
     * @param admitting whether its guards are still deciding (then {@link Inbound#resume()} once they did)
     */
    public Inbound inbound(SessionClient client, boolean admitting) {
        return new Inbound(dispatcher, core.settings, client, admitting, dispatcher.mayWait());
    }

    /** The end of a client of another protocol, however it ended: {@code handleDisconnect} once. */
    public void closed(SessionClient client, CloseReason reason) {
        connections.closed(client, reason);
    }

    /** The config to add to the WebSocket container; null when the gateway does not speak the native protocol. */
    public ServerEndpointConfig endpointConfig() {
        return config;
    }

    /** The gateway class. */
    public Class<?> gatewayClass() {
        return core.model.type();
    }

    /** The settings in force: the annotation's values, overridden by configuration. */
    public GatewaySettings settings() {
        return core.settings;
    }

    /** Runs {@code afterInit} once the endpoint is registered, and starts the heartbeats. */
    void initialized() {
        connections.initialized(this);
    }

    /** Begins the shutdown: no more handshakes, and every client closed with {@code reason}. */
    void closeAll(CloseReason reason) {
        connections.closeAll(reason);
    }

    /** Runs the disconnect of clients the container did not report closed. */
    void forgetAll(CloseReason reason) {
        connections.forgetAll(reason);
    }

    /** Clients whose guards are still deciding, for tests. */
    public int connectingCount() {
        return connections.connectingCount();
    }

    // GatewayServer

    @Override
    public String path() {
        return core.model.path().path();
    }

    @Override
    public void emit(String event, Object data) {
        all.emit(event, data);
    }

    @Override
    public BroadcastOperator to(String... roomsOrClientIds) {
        return all.to(roomsOrClientIds);
    }

    @Override
    public BroadcastOperator except(String... roomsOrClientIds) {
        return all.except(roomsOrClientIds);
    }

    @Override
    public BroadcastOperator except(GatewayClient... excluded) {
        return all.except(excluded);
    }

    @Override
    public void disconnect(int code, String reason) {
        all.disconnect(code, reason);
    }

    @Override
    public Collection<GatewayClient> clients() {
        return List.copyOf(connections.clients().values());
    }

    /** Sets the recorder of the gateway's broadcasts on this node (see {@link Rooms.Recorder}). */
    public void record(Rooms.Recorder recorder) {
        rooms.record(recorder);
    }

    @Override
    public Set<String> rooms() {
        return rooms.names();
    }

    @Override
    public int roomSize(String room) {
        return rooms.size(room);
    }

    // Selection.Target

    @Override
    public Rooms localRooms() {
        return rooms;
    }

    @Override
    public Optional<GatewayClient> client(String id) {
        return Optional.ofNullable(connections.clients().get(id));
    }

    @Override
    public int clientCount() {
        return connections.clients().size();
    }

    @Override
    public String encode(Object data) {
        return core.json.encode(data);
    }

    @Override
    public boolean attachesBinaries() {
        return attachesBinaries;
    }

    @Override
    public String encode(Object data, List<byte[]> attachments) {
        return Attachments.encode(data, core.json, attachments);
    }

    @Override
    public void broadcast(Broadcast broadcast) {
        Broadcaster b = broadcaster;
        if (b == null) {
            rooms.deliver(broadcast); // before the registry started the broadcaster: this node only
        } else {
            b.broadcast(broadcast);
        }
    }

    @Override
    public CompletionStage<List<RemoteClient>> fetchClients() {
        return all.fetchClients();
    }

    @Override
    public CompletionStage<Integer> countClients() {
        return all.countClients();
    }

    @Override
    public CompletionStage<Integer> clientsJoin(String... roomNames) {
        return all.clientsJoin(roomNames);
    }

    @Override
    public CompletionStage<Integer> clientsLeave(String... roomNames) {
        return all.clientsLeave(roomNames);
    }

    @Override
    public CompletionStage<Integer> disconnectClients(int code, String reason) {
        return all.disconnectClients(code, reason);
    }

    @Override
    public void serverSideEmit(String event, Object data) {
        ask(serverEvent(event, data)).whenComplete((answers, failure) -> {
            if (failure != null) {
                LOG.log(Level.FINE, failure, () -> "Server-side event '" + event + "' of " + this);
            }
        });
    }

    @Override
    public <T> CompletionStage<List<T>> serverSideEmitWithAck(String event, Object data, Class<T> replyType) {
        Objects.requireNonNull(replyType, "replyType");
        return ask(serverEvent(event, data)).thenApply(answers -> {
            List<T> replies = new ArrayList<>();
            for (ClusterAnswer a : answers) {
                for (String json : a.replies()) {
                    replies.add(decode(json, replyType));
                }
            }
            return List.copyOf(replies);
        });
    }

    private ClusterRequest serverEvent(String event, Object data) {
        Objects.requireNonNull(event, "event");
        return new ClusterRequest(Kind.SERVER_EVENT, name(), Set.of(), Set.of(), Set.of(), event, encode(data), 0);
    }

    @Override
    public CompletionStage<List<ClusterAnswer>> ask(ClusterRequest request) {
        Broadcaster b = broadcaster;
        if (b == null) {
            return CompletableFuture.completedFuture(List.of());
        }
        try {
            return b.request(request);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public <T> T decode(String json, Class<T> type) {
        return core.json.jsonb().fromJson(json, type);
    }

    @Override
    public ClusterAnswer perform(ClusterRequest request) {
        if (request.kind() == Kind.SERVER_EVENT) {
            return serverEvent(request);
        }
        Set<SessionClient> selected = rooms.select(request.rooms(), request.exceptRooms());
        switch (request.kind()) {
            case CLIENTS -> {
                List<ClusterAnswer.Client> described = new ArrayList<>(selected.size());
                for (SessionClient c : selected) {
                    described.add(describe(c));
                }
                return new ClusterAnswer(described.size(), described, List.of());
            }
            case JOIN -> selected.forEach(c -> c.join(request.names().toArray(String[]::new)));
            case LEAVE -> selected.forEach(c -> request.names().forEach(c::leave));
            case DISCONNECT -> selected.forEach(c -> c.closeChecked(request.code(), request.data()));
            default -> {
                // COUNT: the size alone
            }
        }
        return new ClusterAnswer(selected.size(), List.of(), List.of());
    }

    private ClusterAnswer.Client describe(SessionClient client) {
        Map<String, Object> shared = client.sharedData();
        Map<String, String> data = Map.of();
        if (shared != null && !shared.isEmpty()) {
            data = new HashMap<>();
            for (Map.Entry<String, Object> e : shared.entrySet()) {
                data.put(e.getKey(), core.json.encode(e.getValue()));
            }
        }
        return new ClusterAnswer.Client(client.id(), client.rooms(), data);
    }

    /** Hands a server-side event of another node to this gateway's handler of that name. */
    private ClusterAnswer serverEvent(ClusterRequest request) {
        Method handler = core.model.serverEvents().get(request.event());
        if (handler == null) {
            LOG.fine(() -> "No @OnServerEvent(\"" + request.event() + "\") on " + this + ": the event is ignored");
            return ClusterAnswer.NONE;
        }
        try {
            Object[] args = handler.getParameterCount() == 0
                    ? new Object[0]
                    : new Object[]{core.json.jsonb().fromJson(request.data(), handler.getGenericParameterTypes()[0])};
            Object result = core.contexts.call(() -> handler.invoke(core.bean(), args));
            if (handler.getReturnType() == void.class) {
                return new ClusterAnswer(1, List.of(), List.of());
            }
            return new ClusterAnswer(1, List.of(), List.of(core.json.encode(result)));
        } catch (InvocationTargetException e) {
            LOG.log(Level.WARNING, e.getCause(), () -> "@OnServerEvent(\"" + request.event() + "\") handler "
                    + handler.getDeclaringClass().getName() + "#" + handler.getName() + " failed");
        } catch (Exception e) {
            LOG.log(Level.WARNING, e, () -> "Server-side event '" + request.event() + "' for " + this
                    + " could not be handled");
        }
        return ClusterAnswer.NONE;
    }

    /** Delivers a broadcast to this gateway's clients on this node. */
    public int deliver(Broadcast broadcast) {
        int clients = rooms.deliver(broadcast);
        core.metrics.delivered(clients);
        return clients;
    }

    /** Sets the application's broadcaster, through which every emit to several clients goes. */
    void useBroadcaster(Broadcaster broadcaster) {
        this.broadcaster = broadcaster;
    }

    /** The rooms that exist on this node, counted: for tests of churn. */
    public int roomCount() {
        return rooms.roomCount();
    }

    @Override
    public String toString() {
        return "Gateway[" + core.describe() + " at " + path() + "]";
    }
}
