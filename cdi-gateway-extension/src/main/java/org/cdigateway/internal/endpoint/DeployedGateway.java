package org.cdigateway.internal.endpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
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
import org.cdigateway.GatewayClient;
import org.cdigateway.GatewayServer;
import org.cdigateway.OnGatewayConnection;
import org.cdigateway.OnGatewayDisconnect;
import org.cdigateway.OnGatewayInit;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.WsResponse;
import org.cdigateway.internal.client.SessionClient;
import org.cdigateway.internal.dispatch.BadFrameException;
import org.cdigateway.internal.dispatch.DispatchTable;
import org.cdigateway.internal.dispatch.FrameCodec;
import org.cdigateway.internal.dispatch.GatewayModel;
import org.cdigateway.internal.dispatch.HandlerInvoker;
import org.cdigateway.internal.dispatch.InboundFrame;
import org.cdigateway.internal.extension.Describe;
import org.cdigateway.internal.filter.ErrorFrames;
import org.cdigateway.internal.json.JsonText;
import org.cdigateway.internal.rooms.Rooms;
import org.cdigateway.internal.rooms.Selection;
import org.cdigateway.internal.stream.StreamReply;
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
    private final WebSocketGateway settings;
    private volatile Broadcaster broadcaster;
    private final boolean onConnection;
    private final boolean onDisconnect;
    private volatile Object reference;

    DeployedGateway(GatewayModel model, BeanManager beans, RequestContextRunner contexts, FrameCodec codec) {
        this.model = model;
        this.table = model.table();
        this.beans = beans;
        this.contexts = contexts;
        this.codec = codec;
        this.errors = new ErrorFrames(codec.json());
        this.onConnection = OnGatewayConnection.class.isAssignableFrom(model.type());
        this.onDisconnect = OnGatewayDisconnect.class.isAssignableFrom(model.type());
        this.settings = model.type().getAnnotation(WebSocketGateway.class);
        GatewayEndpoint endpoint = new GatewayEndpoint(this);
        this.config = ServerEndpointConfig.Builder.create(GatewayEndpoint.class, model.path().path())
                .configurator(new GatewayConfigurator(endpoint))
                .build();
    }

    /** The config to add to the WebSocket container. */
    public ServerEndpointConfig endpointConfig() {
        return config;
    }

    /** The gateway class. */
    public Class<?> gatewayClass() {
        return model.type();
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
        if (OnGatewayInit.class.isAssignableFrom(model.type())) {
            try {
                contexts.run(() -> ((OnGatewayInit) bean()).afterInit(this));
            } catch (Exception e) {
                throw new IllegalStateException("afterInit of " + Describe.type(model.type()) + " failed", e);
            }
        }
    }

    // connection lifecycle

    SessionClient opened(Session session, HandshakeData handshake) {
        SessionClient client = new SessionClient(session, handshake, codec, rooms, settings.maxQueuedFrames(),
                settings.maxQueuedBytes(), settings.slowConsumer());
        session.getUserProperties().put(CLIENT_KEY, client);
        clients.put(client.id(), client);
        if (onConnection) {
            try {
                contexts.run(() -> ((OnGatewayConnection) bean()).handleConnection(client));
            } catch (Exception e) {
                LOG.log(Level.SEVERE, "handleConnection of " + Describe.type(model.type()) + " failed for " + client
                        + "; closing the connection with 1011", ErrorFrames.unwrap(e));
                client.close(CloseReason.CloseCodes.UNEXPECTED_CONDITION.getCode(), "Internal server error");
                return null;
            }
        }
        return session.isOpen() ? client : null;
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
        if (onDisconnect) {
            try {
                contexts.run(() -> ((OnGatewayDisconnect) bean()).handleDisconnect(client, reason));
            } catch (Exception e) {
                LOG.log(Level.SEVERE, "handleDisconnect of " + Describe.type(model.type()) + " failed for " + client,
                        ErrorFrames.unwrap(e));
            }
        }
    }

    void failed(SessionClient client, Throwable error) {
        if (error instanceof IOException) {
            LOG.log(Level.FINE, error, () -> "Connection of " + client + " failed");
        } else {
            LOG.log(Level.WARNING, "WebSocket error for " + client + " of " + Describe.type(model.type()), error);
        }
    }

    // dispatch

    void onText(SessionClient client, String text) {
        InboundFrame frame;
        try {
            frame = codec.parse(text);
        } catch (BadFrameException e) {
            LOG.log(Level.FINE, () -> "Bad frame from " + client + ": " + e.getMessage());
            client.sendText(errors.error(ErrorFrames.BAD_FRAME, e.getMessage(), e.id()));
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
            client.sendText(errors.error(ErrorFrames.UNKNOWN_EVENT,
                    "No handler for event '" + frame.event() + "'", frame.id()));
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
        try {
            contexts.run(() -> {
                Object result;
                try {
                    result = handler.invoke(bean(), frame, binary, client);
                } catch (Exception | Error e) {
                    throw e;
                } catch (Throwable t) {
                    throw new IllegalStateException(t);
                }
                reply(result, handler, client, event, id);
            });
        } catch (Exception e) {
            client.sendText(errors.forFailure(e, id, Describe.method(handler.method())));
        }
    }

    private void reply(Object result, HandlerInvoker handler, SessionClient client, String event, JsonValue id) {
        if (result == null) {
            return;
        }
        if (result instanceof CompletionStage<?> stage) {
            stage.whenComplete((value, failure) -> {
                if (failure != null) {
                    client.sendText(errors.forFailure(failure, id, Describe.method(handler.method())));
                } else {
                    try {
                        reply(value, handler, client, event, id);
                    } catch (RuntimeException e) {
                        client.sendText(errors.forFailure(e, id, Describe.method(handler.method())));
                    }
                }
            });
            return;
        }
        if (result instanceof Flow.Publisher<?> publisher) {
            StreamReply.start(publisher, client, JsonText.quote(event == null ? "binary" : event), id, codec.json(),
                    errors, Describe.method(handler.method()));
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
        client.sendText(FrameCodec.encoded(JsonText.quote(event), codec.json().encode(result), id));
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
