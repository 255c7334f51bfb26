package org.cdigateway.internal.endpoint;

import java.io.IOException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;

import org.cdigateway.ClientConnected;
import org.cdigateway.ClientDisconnected;
import org.cdigateway.ExecutionContext.Phase;
import org.cdigateway.ForbiddenException;
import org.cdigateway.GatewayClient;
import org.cdigateway.GatewayServer;
import org.cdigateway.OnGatewayConnection;
import org.cdigateway.OnGatewayDisconnect;
import org.cdigateway.OnGatewayInit;
import org.cdigateway.UnauthorizedException;
import org.cdigateway.internal.client.Channel;
import org.cdigateway.internal.client.Closing;
import org.cdigateway.internal.client.SessionClient;
import org.cdigateway.internal.client.TyrusFrames;
import org.cdigateway.internal.client.WebSocketChannel;
import org.cdigateway.internal.config.GatewaySettings;
import org.cdigateway.internal.filter.ErrorFrames;
import org.cdigateway.internal.filter.FilterChain;
import org.cdigateway.internal.guard.Execution;
import org.cdigateway.internal.guard.Executions;
import org.cdigateway.internal.guard.GuardChain;
import org.cdigateway.internal.json.JsonText;
import org.cdigateway.internal.protocol.WireProtocol;
import org.cdigateway.internal.rooms.Rooms;
import org.cdigateway.internal.scope.ConnectionContext;
import org.cdigateway.internal.telemetry.GatewayMetrics;
import org.cdigateway.internal.telemetry.GatewayTracer;
import org.cdigateway.internal.telemetry.TraceSpan;

/**
 * The connections of a gateway, from handshake to disconnect: the checks that need no guard, the connection's
 * guards, {@code handleConnection}, {@code handleDisconnect} once however a connection ended, heartbeats, and the
 * order of a shutdown.
 */
final class Connections {

    /** The key of the {@link SessionClient} in its session's user properties. */
    static final String CLIENT_KEY = SessionClient.class.getName();

    private final GatewayCore core;
    private final GatewaySettings settings;
    private final Map<String, SessionClient> clients = new ConcurrentHashMap<>();
    private final Set<SessionClient> connecting = ConcurrentHashMap.newKeySet();
    private final Rooms rooms = new Rooms(clients);
    private final OriginPolicy origins;
    private final AddressLimits addresses;
    private final GuardChain connectionGuards;
    private final Method afterInit;
    private final Method handleConnection;
    private final Method handleDisconnect;
    private volatile boolean stopping;
    private ScheduledFuture<?> heartbeat;

    Connections(GatewayCore core, GuardChain connectionGuards) {
        this.core = core;
        this.settings = core.settings;
        this.connectionGuards = connectionGuards;
        this.origins = new OriginPolicy(settings.allowedOrigins());
        this.addresses = new AddressLimits(settings.maxConnectionsPerAddress(), settings.maxMessagesPerSecond());
        Class<?> type = core.model.type();
        this.afterInit = lifecycle(type, OnGatewayInit.class, "afterInit", GatewayServer.class);
        this.handleConnection = lifecycle(type, OnGatewayConnection.class, "handleConnection", GatewayClient.class);
        this.handleDisconnect = lifecycle(type, OnGatewayDisconnect.class, "handleDisconnect", GatewayClient.class,
                CloseReason.class);
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

    /** The accepted clients on this node, by id. */
    Map<String, SessionClient> clients() {
        return clients;
    }

    /** The rooms of this node. */
    Rooms rooms() {
        return rooms;
    }

    /** Runs {@link OnGatewayInit#afterInit} once the endpoint is registered, and starts the heartbeats. */
    void initialized(GatewayServer server) {
        startHeartbeats();
        if (afterInit != null) {
            Execution previous = Executions.enter(new Execution(core.model.type(), afterInit, Phase.INIT, null, null,
                    null));
            try {
                core.contexts.run(() -> ((OnGatewayInit) core.bean()).afterInit(server));
            } catch (Exception e) {
                throw new IllegalStateException("afterInit of " + core.describe() + " failed", e);
            } finally {
                Executions.leave(previous);
            }
        }
    }

    /**
     * The first half of a connection, in the container's {@code onOpen}: the client, and the checks that need no
     * guard (shutdown, origin, connections per address).
     *
     * @return the client, or null when it was refused (and is being closed)
     */
    SessionClient open(Session session, HandshakeData handshake) {
        SessionClient client = new SessionClient(new WebSocketChannel(session, WebSocketChannel::remoteAddress),
                handshake,
                core.protocol, core.json, rooms, settings.maxQueuedFrames(), settings.maxQueuedBytes(),
                settings.slowConsumer(), core.metrics, core.traffic);
        session.getUserProperties().put(CLIENT_KEY, client);
        if (settings.idleTimeout() > 0) {
            TyrusFrames.awaitIdleCheck(session); // else a check Tyrus started at once may close the new session
            session.setMaxIdleTimeout(settings.idleTimeout());
        }
        return checked(client, handshake) ? client : null;
    }

    /**
     * The first half of a connection of another protocol, through {@code channel}: as {@link #open(Session,
     * HandshakeData)}.
     */
    SessionClient open(Channel channel, HandshakeData handshake, WireProtocol protocol) {
        SessionClient client = new SessionClient(channel, handshake, protocol, core.json, rooms,
                settings.maxQueuedFrames(), settings.maxQueuedBytes(), settings.slowConsumer(), core.metrics,
                core.traffic);
        return checked(client, handshake) ? client : null;
    }

    /**
     * The checks of a new client that need no guard: shutdown, origin, connections per address.
     *
     * @return false when it was refused (and is being closed)
     */
    private boolean checked(SessionClient client, HandshakeData handshake) {
        if (stopping) {
            goingAway(client);
            return false;
        }
        if (!origins.allows(handshake)) {
            GatewayCore.LOG.log(Level.FINE, () -> "Refused " + client + " of " + core.describe() + ": origin "
                    + JsonText.forLog(handshake.header("Origin")) + " is not allowed");
            client.closeChecked(CloseReason.CloseCodes.VIOLATED_POLICY.getCode(), "Origin not allowed");
            return false;
        }
        if (!addresses.add(client)) {
            GatewayCore.LOG.log(Level.FINE, () -> "Refused " + client + " of " + core.describe()
                    + ": its address holds " + settings.maxConnectionsPerAddress() + " connections already");
            client.closeChecked(SessionClient.SLOW_CONSUMER, "Too many connections from this address");
            return false;
        }
        connecting.add(client);
        if (stopping) { // shutdown began meanwhile and may have missed it
            connecting.remove(client);
            addresses.remove(client);
            goingAway(client);
            return false;
        }
        return true;
    }

    private static void goingAway(SessionClient client) {
        client.closeChecked(CloseReason.CloseCodes.GOING_AWAY.getCode(),
                GatewayRegistry.GOING_AWAY.getReasonPhrase());
    }

    /**
     * The second half: the connection's guards, then {@code handleConnection}. Decided at once when every guard
     * answered at once; otherwise the decision goes on on a gateway thread when the guards answer, and no container
     * thread waits for it.
     *
     * @return null when decided (accepted or refused) already; else a stage that completes once it is
     */
    CompletionStage<Void> admit(SessionClient client) {
        Execution connecting = new Execution(core.model.type(), null, Phase.CONNECTION, client, null, null);
        Object parent = core.tracer.parent(client.handshakeData());
        client.traceParent(parent);
        connecting.span(core.tracer.connection(parent));
        if (connectionGuards == null) {
            accept(client, connecting);
            return null;
        }
        return admit(client, connecting, null, null, null);
    }

    private CompletionStage<Void> admit(SessionClient client, Execution connecting, GuardChain.Pending resumed,
            Boolean answer, Throwable failure) {
        Execution previous = Executions.enter(connecting);
        TraceSpan span = connecting.span();
        Object scope = span.enter();
        GuardChain.Pending pending;
        try {
            pending = core.contexts.call(() -> resumed == null
                    ? connectionGuards.start(connecting)
                    : connectionGuards.resume(resumed, answer, failure, connecting));
        } catch (Throwable e) {
            refuse(client, connecting, e);
            return null;
        } finally {
            span.leave(scope);
            Executions.leave(previous);
        }
        if (pending == null) {
            accept(client, connecting);
            return null;
        }
        return core.later(pending, (value, error) -> admit(client, connecting, pending, value, error));
    }

    private void refuse(SessionClient client, Execution execution, Throwable e) {
        connecting.remove(client);
        core.metrics.guardRefused(GatewayMetrics.CONNECTION);
        Throwable refusal = ErrorFrames.unwrap(e);
        if (!(refusal instanceof UnauthorizedException) && !(refusal instanceof ForbiddenException)) {
            core.failures.log(Level.SEVERE, "The connection guards of " + core.describe() + " failed for " + client
                    + "; refusing it", refusal);
        } else if (core.gatewayFilters != null) {
            FilterChain.Entry f = core.gatewayFilters.filterFor(refusal);
            if (f != null) {
                core.runFilter(f, refusal, execution);
            }
        }
        int code = refusal instanceof UnauthorizedException
                ? DeployedGateway.NOT_AUTHENTICATED
                : DeployedGateway.FORBIDDEN;
        Object data = refusal instanceof UnauthorizedException u
                ? u.getData()
                : refusal instanceof ForbiddenException f ? f.getData() : null;
        String dataJson = null;
        if (data != null) {
            try {
                dataJson = core.json.encode(data);
            } catch (RuntimeException unencodable) {
                core.failures.log(Level.WARNING, "The data of a refusal by the guards of " + core.describe()
                        + " cannot be encoded; the client gets the message only", unencodable);
            }
        }
        client.refuse(code, Closing.fit(refusal.getMessage()), dataJson);
        closed(client, new CloseReason(CloseReason.CloseCodes.getCloseCode(code), "Refused"));
        execution.span().end(ErrorFrames.code(refusal), true);
    }

    private void accept(SessionClient client, Execution execution) {
        clients.put(client.id(), client);
        connecting.remove(client);
        TraceSpan span = execution.span();
        synchronized (client.lifecycle()) {
            if (!client.accept()) { // ended while its guards decided
                clients.remove(client.id(), client);
                span.end(GatewayTracer.DISCONNECTED, false);
                return;
            }
            core.metrics.opened();
            if (stopping) { // shutdown's close-all may have missed it
                goingAway(client);
                span.end(GatewayTracer.DISCONNECTED, false);
                return;
            }
            client.sendText(client.protocol().accepted(client.id()));
            client.channel().accepted(client);
            Execution connected = handleConnection == null ? execution : execution.withHandler(handleConnection);
            Execution previous = Executions.enter(connected);
            Object scope = span.enter();
            try {
                if (handleConnection != null) {
                    try {
                        core.contexts.run(() -> ((OnGatewayConnection) core.bean()).handleConnection(client));
                    } catch (Throwable e) {
                        core.fail(e, connected, core.gatewayFilters);
                    }
                }
                core.fire(new ClientConnected(client, core.model.type()));
            } finally {
                span.leave(scope);
                Executions.leave(previous);
            }
            span.end(GatewayMetrics.OK, false);
        }
    }

    /** The end of a connection, however it ended: {@code handleDisconnect} once, and everything it held released. */
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
        if (client.accepted()) {
            core.metrics.closed(reason.getCloseCode().getCode());
        }
        Execution disconnecting = new Execution(core.model.type(), handleDisconnect, Phase.DISCONNECT, client, null,
                null);
        Execution previous = Executions.enter(disconnecting);
        try {
            if (handleDisconnect != null && client.accepted()) {
                synchronized (client.lifecycle()) { // after handleConnection, never while it runs
                    try {
                        core.contexts.run(() -> ((OnGatewayDisconnect) core.bean()).handleDisconnect(client, reason));
                    } catch (Throwable e) {
                        core.fail(e, disconnecting, core.gatewayFilters);
                    }
                }
            }
            if (client.accepted()) {
                core.fire(new ClientDisconnected(client, core.model.type(), reason));
            }
            try {
                core.contexts.run(() -> ConnectionContext.destroyAll(client));
            } catch (Exception e) {
                GatewayCore.LOG.log(Level.WARNING, "Destroying the @ConnectionScoped beans of " + client + " failed",
                        e);
            }
        } finally {
            Executions.leave(previous);
        }
    }

    void failed(SessionClient client, Throwable error) {
        if (error instanceof IOException) {
            GatewayCore.LOG.log(Level.FINE, error, () -> "Connection of " + client + " failed");
        } else {
            core.failures.log(Level.WARNING, "WebSocket error for " + client + " of " + core.describe(), error);
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
        List<SessionClient> all = new ArrayList<>(connecting);
        all.addAll(clients.values());
        return all;
    }

    /** Runs the disconnect of clients the container did not report closed: once each, whatever reports it later. */
    void forgetAll(CloseReason reason) {
        for (SessionClient client : everyone()) {
            closed(client, reason);
        }
    }

    /** Clients whose guards are still deciding. */
    int connectingCount() {
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
        heartbeat = core.executor.timer().scheduleWithFixedDelay(this::heartbeat, tick, tick, TimeUnit.MILLISECONDS);
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
                    GatewayCore.LOG.log(Level.FINE, () -> client + " did not answer a ping within "
                            + settings.pingTimeout() + " ms; closing it");
                    String reason = "No pong within " + settings.pingTimeout() + " ms";
                    // disconnected first: the peer is gone, whatever the container reports when it closes
                    closed(client, new CloseReason(CloseReason.CloseCodes.CLOSED_ABNORMALLY, reason));
                    client.closeChecked(CloseReason.CloseCodes.GOING_AWAY.getCode(), reason);
                }
            }
        } catch (Throwable t) {
            core.failures.log(Level.SEVERE, "The heartbeat of " + core.describe() + " failed", t);
        }
    }
}
