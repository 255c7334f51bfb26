package org.cdigateway.internal.endpoint;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Flow;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.enterprise.context.spi.CreationalContext;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.json.JsonValue;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;

import org.cdigateway.BroadcastOperator;
import org.cdigateway.ExecutionContext.Phase;
import org.cdigateway.GatewayClient;
import org.cdigateway.GatewayServer;
import org.cdigateway.OnGatewayConnection;
import org.cdigateway.OnGatewayDisconnect;
import org.cdigateway.OnGatewayInit;
import org.cdigateway.UnauthorizedException;
import org.cdigateway.WsResponse;
import org.cdigateway.internal.client.SessionClient;
import org.cdigateway.internal.config.GatewaySettings;
import org.cdigateway.internal.dispatch.BadFrameException;
import org.cdigateway.internal.dispatch.DispatchTable;
import org.cdigateway.internal.dispatch.FrameCodec;
import org.cdigateway.internal.dispatch.GatewayModel;
import org.cdigateway.internal.dispatch.HandlerInvoker;
import org.cdigateway.internal.dispatch.InboundFrame;
import org.cdigateway.internal.dispatch.UnknownEventException;
import org.cdigateway.internal.extension.Describe;
import org.cdigateway.internal.filter.ErrorFrames;
import org.cdigateway.internal.filter.FilterChain;
import org.cdigateway.internal.filter.FilterResolver;
import org.cdigateway.internal.guard.Execution;
import org.cdigateway.internal.guard.Executions;
import org.cdigateway.internal.guard.GuardChain;
import org.cdigateway.internal.guard.GuardResolver;
import org.cdigateway.internal.json.JsonText;
import org.cdigateway.internal.rooms.Rooms;
import org.cdigateway.internal.rooms.Selection;
import org.cdigateway.internal.scope.ConnectionContext;
import org.cdigateway.internal.stream.StreamReply;
import org.cdigateway.internal.validation.BodyValidation;
import org.cdigateway.spi.Broadcast;
import org.cdigateway.spi.Broadcaster;

/**
 * One gateway at run time: its endpoint config, its connected clients, and the dispatch of their frames to the
 * gateway bean. The bean is resolved lazily, at the first handshake, and always called through its contextual
 * reference so that interceptors run.
 */
public final class DeployedGateway implements GatewayServer, Selection.Target {

    private static final Logger LOG = Logger.getLogger(DeployedGateway.class.getName());

    /** The key of the {@link SessionClient} in its session's user properties. */
    public static final String CLIENT_KEY = SessionClient.class.getName();

    /** Close codes of refused connections. */
    public static final int NOT_AUTHENTICATED = 4401, FORBIDDEN = 4403, RATE_LIMITED = 4429;

    private final GatewayModel model;
    private final DispatchTable table;
    private final BeanManager beans;
    private final RequestContextRunner contexts;
    private final FrameCodec codec;
    private final ErrorFrames errors;
    private final ServerEndpointConfig config;
    private final Map<String, SessionClient> clients = new ConcurrentHashMap<>();
    private final Rooms rooms = new Rooms(clients);
    private final Selection all = new Selection(this, Set.of(), Set.of());
    private final GatewaySettings settings;
    private final OriginPolicy origins;
    private final GuardChain connectionGuards;
    private final FilterChain gatewayFilters;
    private final Method afterInit;
    private final Method handleConnection;
    private final Method handleDisconnect;
    private volatile Broadcaster broadcaster;
    private volatile Object reference;

    DeployedGateway(GatewayModel model, BeanManager beans, RequestContextRunner contexts, FrameCodec codec,
            GuardResolver guards, FilterResolver filters) {
        this.model = model;
        this.beans = beans;
        this.contexts = contexts;
        this.codec = codec;
        this.errors = new ErrorFrames(codec.json());
        this.settings = model.settings();
        this.origins = new OriginPolicy(settings.allowedOrigins());
        Class<?> type = model.type();
        this.afterInit = lifecycle(type, OnGatewayInit.class, "afterInit", GatewayServer.class);
        this.handleConnection = lifecycle(type, OnGatewayConnection.class, "handleConnection", GatewayClient.class);
        this.handleDisconnect = lifecycle(type, OnGatewayDisconnect.class, "handleDisconnect", GatewayClient.class,
                CloseReason.class);
        long timeout = settings.guardTimeout();
        this.connectionGuards = guards.chain(timeout, true, type);
        FilterChain classFilters = filters.chain(null, type);
        this.gatewayFilters = classFilters.isEmpty() ? null : classFilters;
        this.table = model.table().map(h -> h.with(guards.chain(timeout, true, type, h.method()),
                filters.chain(h.method(), type), BodyValidation.forHandler(h.method(), h.paths(), () -> beans)));
        GatewayEndpoint endpoint = new GatewayEndpoint(this);
        this.config = ServerEndpointConfig.Builder.create(GatewayEndpoint.class, model.path().path())
                .configurator(new GatewayConfigurator(endpoint))
                .build();
    }

    private static Method lifecycle(Class<?> type, Class<?> callback, String name, Class<?>... parameters) {
        if (!callback.isAssignableFrom(type)) {
            return null;
        }
        try {
            return type.getMethod(name, parameters);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(type + " implements " + callback + " without " + name, e);
        }
    }

    /** The config to add to the WebSocket container. */
    public ServerEndpointConfig endpointConfig() {
        return config;
    }

    /** The gateway class. */
    public Class<?> gatewayClass() {
        return model.type();
    }

    /** The settings in force: the annotation's values, overridden by configuration. */
    public GatewaySettings settings() {
        return settings;
    }

    private Object bean() {
        Object ref = reference;
        if (ref == null) {
            synchronized (this) {
                ref = reference;
                if (ref == null) {
                    Bean<?> bean = model.bean();
                    CreationalContext<?> cc = beans.createCreationalContext(bean);
                    ref = beans.getReference(bean, bean.getBeanClass(), cc);
                    reference = ref;
                }
            }
        }
        return ref;
    }

    /** Runs {@link OnGatewayInit#afterInit} once the endpoint is registered. */
    void initialized() {
        if (afterInit != null) {
            Execution previous = Executions.enter(new Execution(model.type(), afterInit, Phase.INIT, null, null, null,
                    codec));
            try {
                contexts.run(() -> ((OnGatewayInit) bean()).afterInit(this));
            } catch (Exception e) {
                throw new IllegalStateException("afterInit of " + Describe.type(model.type()) + " failed", e);
            } finally {
                Executions.leave(previous);
            }
        }
    }

    // connection lifecycle

    SessionClient opened(Session session, HandshakeData handshake) {
        SessionClient client = new SessionClient(session, handshake, codec, rooms, settings.maxQueuedFrames(),
                settings.maxQueuedBytes(), settings.slowConsumer());
        session.getUserProperties().put(CLIENT_KEY, client);
        if (settings.idleTimeout() > 0) {
            session.setMaxIdleTimeout(settings.idleTimeout());
        }
        if (!origins.allows(handshake)) {
            LOG.log(Level.FINE, () -> "Refused " + client + " of " + this + ": origin " + handshake.header("Origin")
                    + " is not allowed");
            client.close(CloseReason.CloseCodes.VIOLATED_POLICY.getCode(), "Origin not allowed");
            return null;
        }
        Execution connecting = new Execution(model.type(), null, Phase.CONNECTION, client, null, null, codec);
        Execution previous = Executions.enter(connecting);
        try {
            if (connectionGuards != null) {
                try {
                    contexts.run(() -> connectionGuards.check(connecting));
                } catch (Exception e) {
                    Throwable refusal = ErrorFrames.unwrap(e);
                    if (gatewayFilters != null) {
                        FilterChain.Entry f = gatewayFilters.filterFor(refusal);
                        if (f != null) {
                            runFilter(f, refusal, connecting);
                        }
                    }
                    client.close(refusal instanceof UnauthorizedException ? NOT_AUTHENTICATED : FORBIDDEN,
                            closeReason(refusal.getMessage()));
                    return null;
                }
            }
            client.accept();
            clients.put(client.id(), client);
            if (handleConnection != null) {
                Execution connected = connecting.withHandler(handleConnection);
                Executions.enter(connected);
                try {
                    contexts.run(() -> ((OnGatewayConnection) bean()).handleConnection(client));
                } catch (Exception e) {
                    fail(e, connected, gatewayFilters);
                }
            }
        } finally {
            Executions.leave(previous);
        }
        return session.isOpen() && !client.hasEnded() ? client : null;
    }

    /** A close reason within the 123 bytes a close frame allows. */
    static String closeReason(String message) {
        if (message == null) {
            return "";
        }
        String m = message;
        while (m.getBytes(StandardCharsets.UTF_8).length > 123) {
            m = m.substring(0, m.length() - 1);
        }
        return m;
    }

    void closed(SessionClient client, CloseReason closeReason) {
        if (!client.end()) {
            return;
        }
        // Open Liberty reports a connection that ended without a close frame as 1011 ("Read failed"); the other
        // runtimes, and RFC 6455, call that 1006. A browser cannot send 1011 itself.
        CloseReason reason = closeReason.getCloseCode().getCode() == CloseReason.CloseCodes.UNEXPECTED_CONDITION
                .getCode() && !client.closedByServer()
                        ? new CloseReason(CloseReason.CloseCodes.CLOSED_ABNORMALLY, closeReason.getReasonPhrase())
                        : closeReason;
        clients.remove(client.id(), client);
        Execution disconnecting = new Execution(model.type(), handleDisconnect, Phase.DISCONNECT, client, null, null,
                codec);
        Execution previous = Executions.enter(disconnecting);
        try {
            if (handleDisconnect != null && client.accepted()) {
                try {
                    contexts.run(() -> ((OnGatewayDisconnect) bean()).handleDisconnect(client, reason));
                } catch (Exception e) {
                    fail(e, disconnecting, gatewayFilters);
                }
            }
            try {
                contexts.run(() -> ConnectionContext.destroyAll(client));
            } catch (Exception e) {
                LOG.log(Level.WARNING, "Destroying the @ConnectionScoped beans of " + client + " failed", e);
            }
        } finally {
            Executions.leave(previous);
        }
    }

    void failed(SessionClient client, Throwable error) {
        if (error instanceof IOException) {
            LOG.log(Level.FINE, error, () -> "Connection of " + client + " failed");
        } else {
            LOG.log(Level.WARNING, "WebSocket error for " + client + " of " + Describe.type(model.type()), error);
        }
    }

    /** The largest message a client may send. */
    int maxMessageSize() {
        return settings.maxMessageSize();
    }

    /** Messages per second per connection; 0 for no limit. */
    int maxMessagesPerSecond() {
        return settings.maxMessagesPerSecond();
    }

    // dispatch

    void onText(SessionClient client, String text) {
        InboundFrame frame;
        try {
            frame = codec.parse(text);
        } catch (BadFrameException e) {
            LOG.log(Level.FINE, () -> "Bad frame from " + client + ": " + e.getMessage());
            InboundFrame withId = new InboundFrame("", e.id(), JsonValue.NULL);
            fail(e, new Execution(model.type(), null, Phase.MESSAGE, client, withId, null, codec), gatewayFilters);
            return;
        }
        if (frame.cancel()) {
            if (!client.cancelStream(frame.id().toString())) {
                LOG.log(Level.FINE, () -> "Cancel for no running stream " + frame.id() + " from " + client);
            }
            return;
        }
        HandlerInvoker handler = table.handler(frame.event());
        if (handler == null) {
            LOG.log(Level.FINE, () -> "No handler for event '" + frame.event() + "' from " + client);
            fail(new UnknownEventException(frame.event()),
                    new Execution(model.type(), null, Phase.MESSAGE, client, frame, null, codec), gatewayFilters);
            return;
        }
        dispatch(handler, frame, null, client, frame.event(), frame.id());
    }

    void onBinary(SessionClient client, ByteBuffer data) {
        HandlerInvoker handler = table.binary();
        if (handler == null) {
            client.close(CloseReason.CloseCodes.CANNOT_ACCEPT.getCode(), "Binary frames are not accepted");
            return;
        }
        dispatch(handler, null, data, client, null, JsonValue.NULL);
    }

    private void dispatch(HandlerInvoker handler, InboundFrame frame, ByteBuffer binary, SessionClient client,
            String event, JsonValue id) {
        Execution execution = new Execution(model.type(), handler.method(), Phase.MESSAGE, client, frame, binary,
                codec);
        Execution previous = Executions.enter(execution);
        try {
            contexts.run(() -> {
                GuardChain guards = handler.guards();
                if (guards != null) {
                    guards.check(execution);
                }
                Object result;
                try {
                    result = handler.invoke(bean(), frame, binary, client);
                } catch (Exception | Error e) {
                    throw e;
                } catch (Throwable t) {
                    throw new IllegalStateException(t);
                }
                reply(result, handler, client, event, id, execution);
            });
        } catch (Exception e) {
            fail(e, execution, handler.filters());
        } finally {
            Executions.leave(previous);
        }
    }

    private void reply(Object result, HandlerInvoker handler, SessionClient client, String event, JsonValue id,
            Execution execution) {
        if (result == null) {
            return;
        }
        if (result instanceof CompletionStage<?> stage) {
            stage.whenComplete((value, failure) -> {
                if (failure != null) {
                    fail(failure, execution, handler.filters());
                } else {
                    try {
                        reply(value, handler, client, event, id, execution);
                    } catch (RuntimeException e) {
                        fail(e, execution, handler.filters());
                    }
                }
            });
            return;
        }
        if (result instanceof Flow.Publisher<?> publisher) {
            StreamReply.start(publisher, client, JsonText.quote(event == null ? "binary" : event), id, codec.json(),
                    failure -> fail(failure, execution, handler.filters()));
            return;
        }
        if (result instanceof WsResponse<?> response) {
            client.sendText(FrameCodec.encoded(JsonText.quote(response.event()), codec.json().encode(response.data()),
                    id));
            return;
        }
        if (event == null) { // binary handler
            if (result instanceof byte[] bytes) {
                client.sendBinary(ByteBuffer.wrap(bytes));
            } else if (result instanceof ByteBuffer buffer) {
                client.sendBinary(buffer);
            } else {
                client.sendText(codec.frame("binary", result, id));
            }
            return;
        }
        String quotedEvent = event.equals(handler.event()) ? handler.quotedEvent() : JsonText.quote(event);
        client.sendText(FrameCodec.encoded(quotedEvent, codec.json().encode(result), id));
    }

    // failures

    /**
     * Hands a failure to the exception filter for its type, or to the default filter: an error frame for a
     * message, a 1011 close for a connection, a log line for a disconnect.
     */
    private void fail(Throwable failure, Execution execution, FilterChain filters) {
        Throwable t = ErrorFrames.unwrap(failure);
        if (t instanceof IllegalStateException && t.getCause() != null && !(t.getCause() instanceof Exception)
                && !(t.getCause() instanceof Error)) {
            t = t.getCause();
        }
        FilterChain.Entry f = filters == null ? null : filters.filterFor(t);
        if (f != null && runFilter(f, t, execution)) {
            return;
        }
        SessionClient client = execution.client();
        String where = execution.getHandler() == null
                ? Describe.type(model.type())
                : Describe.method(execution.getHandler());
        switch (execution.getPhase()) {
            case MESSAGE -> client.sendText(errors.forFailure(t, execution.frameId(), where));
            case CONNECTION -> {
                LOG.log(Level.SEVERE, "handleConnection of " + Describe.type(model.type()) + " failed for " + client
                        + "; closing the connection with 1011", t);
                client.close(CloseReason.CloseCodes.UNEXPECTED_CONDITION.getCode(), ErrorFrames.INTERNAL_MESSAGE);
            }
            default -> LOG.log(Level.SEVERE, where + " failed for " + client, t);
        }
    }

    /** Runs an application's exception filter; false when it failed, so the default filter answers. */
    private boolean runFilter(FilterChain.Entry f, Throwable t, Execution execution) {
        Execution previous = Executions.enter(execution);
        try {
            contexts.run(() -> f.filter().catchException(t, execution));
            return true;
        } catch (Exception e) {
            if (ErrorFrames.unwrap(e) == t) {
                LOG.log(Level.FINE, () -> f.filterClass().getName() + " passed " + t + " on to the default filter");
            } else {
                LOG.log(Level.SEVERE, "The exception filter " + f.filterClass().getName() + " failed while handling "
                        + t + " of " + execution, e);
            }
            return false;
        } finally {
            Executions.leave(previous);
        }
    }

    // shutdown

    /** Closes every client with {@code reason}; each disconnect runs once whether or not the container reports it. */
    void closeAll(CloseReason reason) {
        for (SessionClient client : List.copyOf(clients.values())) {
            client.close(reason.getCloseCode().getCode(), reason.getReasonPhrase());
        }
    }

    /** Runs the disconnect of clients the container did not report closed. */
    void forgetAll(CloseReason reason) {
        for (SessionClient client : List.copyOf(clients.values())) {
            closed(client, reason);
        }
    }

    // GatewayServer

    @Override
    public String path() {
        return model.path().path();
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
        return List.copyOf(clients.values());
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
        return Optional.ofNullable(clients.get(id));
    }

    @Override
    public int clientCount() {
        return clients.size();
    }

    @Override
    public String encode(String event, Object data) {
        return codec.frame(event, data, JsonValue.NULL);
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

    /** Delivers a broadcast to this gateway's clients on this node. */
    public int deliver(Broadcast broadcast) {
        return rooms.deliver(broadcast);
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
        return "Gateway[" + Describe.type(model.type()) + " at " + path() + "]";
    }
}
