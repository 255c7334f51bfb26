package org.cdigateway.internal.endpoint;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
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
import org.cdigateway.ForbiddenException;
import org.cdigateway.GatewayClient;
import org.cdigateway.GatewayServer;
import org.cdigateway.OnGatewayConnection;
import org.cdigateway.OnGatewayDisconnect;
import org.cdigateway.OnGatewayInit;
import org.cdigateway.UnauthorizedException;
import org.cdigateway.WsResponse;
import org.cdigateway.internal.client.Closing;
import org.cdigateway.internal.client.SessionClient;
import org.cdigateway.internal.config.GatewaySettings;
import org.cdigateway.internal.dispatch.BadFrameException;
import org.cdigateway.internal.dispatch.DispatchTable;
import org.cdigateway.internal.dispatch.FrameCodec;
import org.cdigateway.internal.dispatch.GatewayModel;
import org.cdigateway.internal.dispatch.HandlerInvoker;
import org.cdigateway.internal.dispatch.HandlerInvoker.Kind;
import org.cdigateway.internal.dispatch.InboundFrame;
import org.cdigateway.internal.dispatch.MessageRefusedException;
import org.cdigateway.internal.dispatch.UnknownEventException;
import org.cdigateway.internal.extension.Describe;
import org.cdigateway.internal.filter.ErrorFrames;
import org.cdigateway.internal.filter.FilterChain;
import org.cdigateway.internal.filter.FilterResolver;
import org.cdigateway.internal.guard.Execution;
import org.cdigateway.internal.guard.Executions;
import org.cdigateway.internal.guard.GuardChain;
import org.cdigateway.internal.guard.GuardResolver;
import org.cdigateway.internal.json.JsonDepth;
import org.cdigateway.internal.json.JsonText;
import org.cdigateway.internal.log.LogLimiter;
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
    private final Set<SessionClient> connecting = ConcurrentHashMap.newKeySet();
    private final Rooms rooms = new Rooms(clients);
    private final Selection all = new Selection(this);
    private final GatewaySettings settings;
    private final OriginPolicy origins;
    private final GuardChain connectionGuards;
    private final FilterChain gatewayFilters;
    private final Method afterInit;
    private final Method handleConnection;
    private final Method handleDisconnect;
    private final GatewayExecutor executor;
    private final LogLimiter failures = new LogLimiter(LOG, 20);
    private final AddressLimits addresses;
    private final boolean mayWait;
    private volatile Broadcaster broadcaster;
    private volatile Object reference;
    private volatile boolean stopping;
    private ScheduledFuture<?> heartbeat;

    DeployedGateway(GatewayModel model, BeanManager beans, RequestContextRunner contexts, FrameCodec codec,
            GuardResolver guards, FilterResolver filters, GatewayExecutor executor) {
        this.model = model;
        this.executor = executor;
        this.beans = beans;
        this.contexts = contexts;
        this.codec = codec;
        this.errors = new ErrorFrames(codec.json());
        this.settings = model.settings();
        this.origins = new OriginPolicy(settings.allowedOrigins());
        this.addresses = new AddressLimits(settings.maxConnectionsPerAddress(), settings.maxMessagesPerSecond());
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
        this.mayWait = anyAsync(connectionGuards, table);
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

    /** Runs {@link OnGatewayInit#afterInit} once the endpoint is registered, and starts the heartbeats. */
    void initialized() {
        startHeartbeats();
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

    /**
     * The first half of a connection, in the container's {@code onOpen}: the client, and the checks that need no
     * guard (shutdown, origin, connections per address).
     *
     * @return the client, or null when it was refused (and is being closed)
     */
    SessionClient open(Session session, HandshakeData handshake) {
        SessionClient client = new SessionClient(session, handshake, codec, rooms, settings.maxQueuedFrames(),
                settings.maxQueuedBytes(), settings.slowConsumer());
        session.getUserProperties().put(CLIENT_KEY, client);
        if (settings.idleTimeout() > 0) {
            session.setMaxIdleTimeout(settings.idleTimeout());
        }
        if (stopping) {
            client.closeChecked(CloseReason.CloseCodes.GOING_AWAY.getCode(), GatewayRegistry.GOING_AWAY
                    .getReasonPhrase());
            return null;
        }
        if (!origins.allows(handshake)) {
            LOG.log(Level.FINE, () -> "Refused " + client + " of " + this + ": origin "
                    + JsonText.forLog(handshake.header("Origin")) + " is not allowed");
            client.closeChecked(CloseReason.CloseCodes.VIOLATED_POLICY.getCode(), "Origin not allowed");
            return null;
        }
        if (!addresses.add(client)) {
            LOG.log(Level.FINE, () -> "Refused " + client + " of " + this + ": its address holds "
                    + settings.maxConnectionsPerAddress() + " connections already");
            client.closeChecked(SessionClient.SLOW_CONSUMER, "Too many connections from this address");
            return null;
        }
        connecting.add(client);
        if (stopping) { // shutdown began meanwhile and may have missed it
            connecting.remove(client);
            addresses.remove(client);
            client.closeChecked(CloseReason.CloseCodes.GOING_AWAY.getCode(), GatewayRegistry.GOING_AWAY
                    .getReasonPhrase());
            return null;
        }
        return client;
    }

    /**
     * The second half: the connection's guards, then {@code handleConnection}. Decided at once when every guard
     * answered at once; otherwise the decision goes on on a gateway thread when the guards answer, and no container
     * thread waits for it.
     *
     * @return null when decided (accepted or refused) already; else a stage that completes once it is
     */
    CompletionStage<Void> admit(SessionClient client) {
        Execution connecting = new Execution(model.type(), null, Phase.CONNECTION, client, null, null, codec);
        if (connectionGuards == null) {
            accept(client, connecting);
            return null;
        }
        return admit(client, connecting, null, null, null);
    }

    private CompletionStage<Void> admit(SessionClient client, Execution connecting, GuardChain.Pending resumed,
            Boolean answer, Throwable failure) {
        Execution previous = Executions.enter(connecting);
        GuardChain.Pending pending;
        try {
            pending = contexts.call(() -> resumed == null
                    ? connectionGuards.start(connecting)
                    : connectionGuards.resume(resumed, answer, failure, connecting));
        } catch (Throwable e) {
            refuse(client, connecting, e);
            return null;
        } finally {
            Executions.leave(previous);
        }
        if (pending == null) {
            accept(client, connecting);
            return null;
        }
        return later(pending, (value, error) -> admit(client, connecting, pending, value, error));
    }

    /**
     * Goes on with {@code next} on a gateway thread once a guard's pending answer arrived.
     *
     * @return a stage that completes when {@code next}, and whatever it started, is done
     */
    private CompletionStage<Void> later(GuardChain.Pending pending,
            BiFunction<Boolean, Throwable, CompletionStage<Void>> next) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        pending.answer().whenComplete((value, error) -> executor.execute(() -> {
            CompletionStage<Void> more = null;
            try {
                more = next.apply(value, error);
            } catch (Throwable t) {
                failures.log(Level.SEVERE, "Continuing after a guard's answer failed in " + this, t);
            }
            if (more == null) {
                done.complete(null);
            } else {
                more.whenComplete((v, t) -> done.complete(null));
            }
        }));
        return done;
    }

    private void refuse(SessionClient client, Execution execution, Throwable e) {
        connecting.remove(client);
        Throwable refusal = ErrorFrames.unwrap(e);
        if (!(refusal instanceof UnauthorizedException) && !(refusal instanceof ForbiddenException)) {
            failures.log(Level.SEVERE, "The connection guards of " + Describe.type(model.type()) + " failed for "
                    + client + "; refusing it", refusal);
        } else if (gatewayFilters != null) {
            FilterChain.Entry f = gatewayFilters.filterFor(refusal);
            if (f != null) {
                runFilter(f, refusal, execution);
            }
        }
        int code = refusal instanceof UnauthorizedException ? NOT_AUTHENTICATED : FORBIDDEN;
        client.closeChecked(code, Closing.fit(refusal.getMessage()));
        closed(client, new CloseReason(CloseReason.CloseCodes.getCloseCode(code), "Refused"));
    }

    private void accept(SessionClient client, Execution execution) {
        clients.put(client.id(), client);
        connecting.remove(client);
        synchronized (client.lifecycle()) {
            if (!client.accept()) { // ended while its guards decided
                clients.remove(client.id(), client);
                return;
            }
            if (stopping) { // shutdown's close-all may have missed it
                client.closeChecked(CloseReason.CloseCodes.GOING_AWAY.getCode(), GatewayRegistry.GOING_AWAY
                        .getReasonPhrase());
                return;
            }
            if (handleConnection != null) {
                Execution connected = execution.withHandler(handleConnection);
                Execution previous = Executions.enter(connected);
                try {
                    contexts.run(() -> ((OnGatewayConnection) bean()).handleConnection(client));
                } catch (Throwable e) {
                    fail(e, connected, gatewayFilters);
                } finally {
                    Executions.leave(previous);
                }
            }
        }
    }

    void closed(SessionClient client, CloseReason closeReason) {
        if (!client.end()) {
            return;
        }
        connecting.remove(client);
        addresses.remove(client);
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
                synchronized (client.lifecycle()) { // after handleConnection, never while it runs
                    try {
                        contexts.run(() -> ((OnGatewayDisconnect) bean()).handleDisconnect(client, reason));
                    } catch (Throwable e) {
                        fail(e, disconnecting, gatewayFilters);
                    }
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
            failures.log(Level.WARNING, "WebSocket error for " + client + " of " + Describe.type(model.type()), error);
        }
    }

    /**
     * Whether a message of this gateway can wait for a guard's answer: only then does a connection keep its messages
     * in order itself; otherwise each is handled in its callback, as the container delivers them.
     */
    boolean mayWait() {
        return mayWait;
    }

    private static boolean anyAsync(GuardChain connectionGuards, DispatchTable table) {
        if (connectionGuards != null && connectionGuards.hasAsync()) {
            return true;
        }
        List<HandlerInvoker> all = new java.util.ArrayList<>(table.handlers().values());
        all.add(table.wildcard());
        all.add(table.binary());
        for (HandlerInvoker h : all) {
            if (h != null && h.guards() != null && h.guards().hasAsync()) {
                return true;
            }
        }
        return false;
    }

    /** Messages a connection may have waiting while an asynchronous guard decides. */
    int maxWaitingMessages() {
        return settings.maxWaitingMessages();
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

    /**
     * Handles one text message of an accepted client.
     *
     * @return null when done; a stage that completes when it is, when an asynchronous guard has not answered yet (the
     *         connection's next messages wait for it)
     */
    CompletionStage<Void> onText(SessionClient client, String text) {
        if (!client.accepted() || client.hasEnded()) {
            return null; // nothing is dispatched after the disconnect
        }
        InboundFrame frame;
        try {
            if (JsonDepth.exceeds(text, settings.maxNestingDepth())) {
                throw new BadFrameException("The frame nests arrays and objects deeper than "
                        + settings.maxNestingDepth() + " levels", JsonValue.NULL);
            }
            frame = codec.parse(text);
        } catch (BadFrameException e) {
            LOG.log(Level.FINE, () -> "Bad frame from " + client + ": " + e.getMessage());
            InboundFrame withId = new InboundFrame("", e.id(), JsonValue.NULL);
            fail(e, new Execution(model.type(), null, Phase.MESSAGE, client, withId, null, codec), gatewayFilters);
            return null;
        }
        if (frame.cancel()) {
            if (!client.cancelStream(StreamReply.key(frame.id()))) {
                LOG.log(Level.FINE, () -> "Cancel for no running stream " + frame.id() + " from " + client);
            }
            return null;
        }
        HandlerInvoker handler = table.handler(frame.event());
        if (handler == null) {
            LOG.log(Level.FINE, () -> "No handler for event " + JsonText.forLog(frame.event()) + " from " + client);
            fail(new UnknownEventException(frame.event()),
                    new Execution(model.type(), null, Phase.MESSAGE, client, frame, null, codec), gatewayFilters);
            return null;
        }
        return dispatch(handler, frame, null, client, frame.event(), frame.id());
    }

    /** Handles one binary message of an accepted client; returns as {@link #onText}. */
    CompletionStage<Void> onBinary(SessionClient client, ByteBuffer data) {
        if (!client.accepted() || client.hasEnded()) {
            return null;
        }
        HandlerInvoker handler = table.binary();
        if (handler == null) {
            client.closeChecked(CloseReason.CloseCodes.CANNOT_ACCEPT.getCode(), "Binary frames are not accepted");
            return null;
        }
        GuardChain guards = handler.guards();
        ByteBuffer message = guards != null && guards.hasAsync() ? copy(data) : data; // may outlive the callback
        return dispatch(handler, null, message, client, null, JsonValue.NULL);
    }

    /** A copy of what remains in {@code data}, for a message that waits beyond its callback. */
    static ByteBuffer copy(ByteBuffer data) {
        ByteBuffer copy = ByteBuffer.allocate(data.remaining());
        copy.put(data.duplicate()).flip();
        return copy;
    }

    private CompletionStage<Void> dispatch(HandlerInvoker handler, InboundFrame frame, ByteBuffer binary,
            SessionClient client, String event, JsonValue id) {
        Execution execution = new Execution(model.type(), handler.method(), Phase.MESSAGE, client, frame, binary,
                codec);
        return dispatch(handler, execution, client, event, id, null, null, null);
    }

    private CompletionStage<Void> dispatch(HandlerInvoker handler, Execution execution, SessionClient client,
            String event, JsonValue id, GuardChain.Pending resumed, Boolean answer, Throwable failure) {
        GuardChain.Pending pending;
        // with the disconnect: a message that has not started when the connection ended is not dispatched, and the
        // disconnect waits for one that has
        synchronized (client.lifecycle()) {
            if (client.hasEnded()) {
                return null;
            }
            Execution previous = Executions.enter(execution);
            try {
                pending = contexts.call(() -> {
                    GuardChain guards = handler.guards();
                    if (guards != null) {
                        GuardChain.Pending p = resumed == null
                                ? guards.start(execution)
                                : guards.resume(resumed, answer, failure, execution);
                        if (p != null) {
                            return p;
                        }
                    }
                    Kind kind = handler.replyKind();
                    if (kind == Kind.STREAM) {
                        checkStream(client, id);
                    } else if (kind == Kind.LATER
                            && !client.addPendingReply(settings.maxPendingRepliesPerConnection())) {
                        throw new MessageRefusedException(MessageRefusedException.LIMIT_EXCEEDED,
                                "This connection has " + settings.maxPendingRepliesPerConnection()
                                        + " replies on their way already; wait for one before asking again");
                    }
                    Object result;
                    try {
                        result = handler.invoke(bean(), execution.frame(), execution.binary(), client);
                    } catch (Throwable t) {
                        if (kind == Kind.LATER) {
                            client.removePendingReply();
                        }
                        if (t instanceof Exception e) {
                            throw e;
                        }
                        if (t instanceof Error e) {
                            throw e;
                        }
                        throw new IllegalStateException(t);
                    }
                    if (kind == Kind.LATER) {
                        result = counted(result, client);
                    }
                    reply(result, handler, client, event, id, execution);
                    return null;
                });
            } catch (Throwable e) {
                fail(e, execution, handler.filters());
                return null;
            } finally {
                Executions.leave(previous);
            }
        }
        if (pending == null) {
            return null;
        }
        return later(pending, (value, error) -> dispatch(handler, execution, client, event, id, pending, value,
                error));
    }

    /** Refuses a stream over the connection's cap, or with the id of a running stream, before the handler runs. */
    private void checkStream(SessionClient client, JsonValue id) {
        if (id != JsonValue.NULL && client.hasStream(StreamReply.key(id))) {
            throw StreamReply.duplicate(id);
        }
        checkStreamCap(client);
    }

    /** Refuses one more stream on a connection that runs as many as it may. */
    private void checkStreamCap(SessionClient client) {
        if (client.activeStreams() >= settings.maxStreamsPerConnection()) {
            throw new MessageRefusedException(MessageRefusedException.LIMIT_EXCEEDED,
                    "This connection has " + settings.maxStreamsPerConnection()
                            + " streams running already; cancel one or wait for its end");
        }
    }

    /** The handler's stage, counted on the client until it completes. */
    private static Object counted(Object result, SessionClient client) {
        if (!(result instanceof CompletionStage<?> stage)) {
            client.removePendingReply();
            return result;
        }
        return stage.whenComplete((v, t) -> client.removePendingReply());
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
                    } catch (Throwable e) {
                        fail(e, execution, handler.filters());
                    }
                }
            });
            return;
        }
        if (result instanceof Flow.Publisher<?> publisher) {
            checkStreamCap(client); // again for a publisher a handler's declared type did not announce
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
            case MESSAGE -> client.sendText(errors.forFailure(t, execution.frameId(), where, failures));
            case CONNECTION -> {
                failures.log(Level.SEVERE, "handleConnection of " + Describe.type(model.type()) + " failed for "
                        + client + "; closing the connection with 1011", t);
                client.closeChecked(CloseReason.CloseCodes.UNEXPECTED_CONDITION.getCode(),
                        ErrorFrames.INTERNAL_MESSAGE);
            }
            default -> failures.log(Level.SEVERE, where + " failed for " + client, t);
        }
    }

    /** Runs an application's exception filter; false when it failed, so the default filter answers. */
    private boolean runFilter(FilterChain.Entry f, Throwable t, Execution execution) {
        Execution previous = Executions.enter(execution);
        try {
            contexts.run(() -> f.filter().catchException(t, execution));
            return true;
        } catch (Throwable e) {
            if (ErrorFrames.unwrap(e) == t) {
                LOG.log(Level.FINE, () -> f.filterClass().getName() + " passed " + t + " on to the default filter");
            } else {
                failures.log(Level.SEVERE, "The exception filter " + f.filterClass().getName()
                        + " failed while handling " + t + " of " + execution, e);
            }
            return false;
        } finally {
            Executions.leave(previous);
        }
    }

    // shutdown

    /**
     * Begins the shutdown: no handshake is accepted from now on, the heartbeats stop, and every client, those whose
     * guards are still deciding included, is closed with {@code reason}.
     */
    void closeAll(CloseReason reason) {
        stopping = true;
        stopHeartbeats();
        for (SessionClient client : everyone()) {
            client.closeChecked(reason.getCloseCode().getCode(), reason.getReasonPhrase());
        }
    }

    /** The clients whose guards are still deciding, then the accepted ones: a snapshot. */
    private List<SessionClient> everyone() {
        List<SessionClient> all = new java.util.ArrayList<>(connecting);
        all.addAll(clients.values());
        return all;
    }

    /** Runs the disconnect of clients the container did not report closed: once each, whatever reports it later. */
    void forgetAll(CloseReason reason) {
        for (SessionClient client : everyone()) {
            closed(client, reason);
        }
    }

    /** Clients whose guards are still deciding, for tests. */
    public int connectingCount() {
        return connecting.size();
    }

    // heartbeats

    /** Starts the periodic work: pings when they are on, and forgetting the addresses that left. */
    private synchronized void startHeartbeats() {
        if (heartbeat != null || stopping) {
            return;
        }
        long interval = settings.pingInterval();
        long tick = interval > 0 ? Math.max(10, Math.min(interval, settings.pingTimeout()) / 4) : 1_000;
        heartbeat = executor.timer().scheduleWithFixedDelay(this::heartbeat, tick, tick, TimeUnit.MILLISECONDS);
    }

    private synchronized void stopHeartbeats() {
        if (heartbeat != null) {
            heartbeat.cancel(false);
            heartbeat = null;
        }
    }

    /** Pings clients due for a ping; closes and disconnects those that did not answer the last one in time. */
    private void heartbeat() {
        try {
            addresses.sweep();
            if (settings.pingInterval() <= 0) {
                return;
            }
            long now = System.nanoTime();
            long interval = TimeUnit.MILLISECONDS.toNanos(settings.pingInterval());
            long timeout = TimeUnit.MILLISECONDS.toNanos(settings.pingTimeout());
            for (SessionClient client : clients.values()) {
                if (!client.heartbeat(now, interval, timeout)) {
                    LOG.log(Level.FINE, () -> client + " did not answer a ping within " + settings.pingTimeout()
                            + " ms; closing it");
                    String reason = "No pong within " + settings.pingTimeout() + " ms";
                    // disconnected first: the peer is gone, whatever the container reports when it closes
                    closed(client, new CloseReason(CloseReason.CloseCodes.CLOSED_ABNORMALLY, reason));
                    client.closeChecked(CloseReason.CloseCodes.GOING_AWAY.getCode(), reason);
                }
            }
        } catch (Throwable t) {
            failures.log(Level.SEVERE, "The heartbeat of " + this + " failed", t);
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
