package org.cdigateway.internal.client;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Lock;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;

/**
 * Writes frames encoded by the gateway straight to a Tyrus connection (the embedded runtime, Payara): Tyrus's
 * {@code TyrusWebSocket.sendRawFrame}, under the same lock as its own sends, so a session's frames keep their order;
 * where the writer behind the connection takes encoded frames itself ({@link FrameSink}: the embedded runtime), to that
 * writer, under the same lock.
 * A broadcast's frame is then encoded once and its bytes written to every member, instead of Tyrus framing the text
 * again for each (DESIGN.md §5: about twice the deliveries per core).
 *
 * <p>
 * Jakarta WebSocket has no such call. Where the container is not Tyrus, where this Tyrus has not the members this
 * relies on, where the session negotiated an extension (its frames must go through it), or where the system property
 * {@value #SWITCH} is {@code false}, {@link #connectionOf(Session)} is null and the standard per-session send is used. What was
 * found is logged once per class of remote endpoint.
 */
public final class TyrusFrames {

    /** The JVM-wide switch: {@code -Dcdigateway.shared-frames=false} writes every frame the standard way. */
    static final String SWITCH = "cdigateway.shared-frames";

    private static final Logger LOG = Logger.getLogger(TyrusFrames.class.getName());
    private static final SendResult OK = new SendResult();
    private static final AtomicBoolean LOGGED = new AtomicBoolean();

    /** How to reach the raw send of one class of Tyrus remote endpoint. */
    record Access(MethodHandle webSocket, MethodHandle sendRaw, MethodHandle restartIdleTimeout, Direct direct) {}

    /**
     * How to reach the writer behind a Tyrus connection, for a {@link FrameSink}: from the {@code TyrusWebSocket} its
     * {@code ProtocolHandler} and whether it is connected; from that its writer, its lock and whether a fragmented
     * message is being sent ({@code idle} when not).
     */
    record Direct(MethodHandle handler, MethodHandle connected, MethodHandle writer, MethodHandle lock,
            MethodHandle fragment, Object idle) {}

    private static final ClassValue<Access> ACCESS = new ClassValue<>() {

        @Override
        protected Access computeValue(Class<?> remoteType) {
            Access access = find(remoteType);
            if (access != null) {
                if (!LOGGED.getAndSet(true)) {
                    LOG.info("A broadcast's frame is encoded once and the same bytes written to every member"
                            + " (Tyrus's raw frames; -D" + SWITCH + "=false turns it off)");
                }
            } else {
                LOG.log(Level.FINE, () -> remoteType.getName() + " takes no encoded frames: each is framed per client");
            }
            return access;
        }
    };

    private TyrusFrames() {}

    /**
     * How to write encoded frames to a session's Tyrus connection, or null when its frames must be sent the standard
     * way. Held by the session's channel.
     */
    static TyrusFrames.Connection connectionOf(Session session) {
        if ("false".equalsIgnoreCase(System.getProperty(SWITCH, "true").strip())) {
            return null;
        }
        try {
            RemoteEndpoint.Async remote = session.getAsyncRemote();
            Access access = ACCESS.get(remote.getClass());
            if (access == null || !session.getNegotiatedExtensions().isEmpty()) {
                return null;
            }
            Object socket = (Object) access.webSocket().invokeExact((Object) remote);
            Direct direct = access.direct();
            if (direct != null) {
                Object handler = (Object) direct.handler().invokeExact(socket);
                if ((Object) direct.writer().invokeExact(handler) instanceof FrameSink sink) {
                    return new Connection(socket, access, sink, handler, (Lock) (Object) direct.lock()
                            .invokeExact(handler));
                }
            }
            return new Connection(socket, access, null, null, null);
        } catch (Throwable t) {
            return null;
        }
    }

    /**
     * A session's Tyrus connection and the handles that write to it; where the runtime's writer takes encoded frames,
     * that writer, Tyrus's protocol handler and its lock.
     */
    record Connection(Object socket, Access access, FrameSink sink, Object handler, Lock lock) {

        /**
         * Writes a whole frame; returns true when it was written before this returned (then {@code done} is not
         * called), else {@code done} is told when it was written or failed. Throws what Tyrus throws when the session
         * is closed.
         */
        boolean send(Session session, ByteBuffer frame, SendHandler done) {
            Object sent;
            try {
                if (session.getMaxIdleTimeout() > 0) {
                    access.restartIdleTimeout().invokeExact((Object) session); // as Tyrus does for its own sends
                }
                if (sink != null) {
                    Direct direct = access.direct();
                    lock.lock(); // as Tyrus's raw send: in order with every frame Tyrus writes itself
                    try {
                        if ((boolean) direct.connected().invokeExact(socket)
                                && (Object) direct.fragment().invokeExact(handler) == direct.idle()) {
                            return sink.writeFrame(frame, done);
                        }
                    } finally {
                        lock.unlock();
                    }
                    // closed, or a fragmented message on its way: Tyrus's raw send throws, or waits for its end
                }
                sent = (Object) access.sendRaw().invokeExact(socket, frame);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
            CompletableFuture<?> future = (CompletableFuture<?>) sent;
            if (future.isDone() && !future.isCompletedExceptionally()) {
                return true; // Grizzly wrote it at once, the usual case
            }
            future.whenComplete((frameSent, error) -> done.onResult(error == null ? OK : new SendResult(error)));
            return false;
        }
    }

    /** Tyrus's pending idle check of a session class: the getter of {@code TyrusSession.idleTimeoutFuture}, or null. */
    private static final ClassValue<MethodHandle> IDLE_CHECK = new ClassValue<>() {

        @Override
        protected MethodHandle computeValue(Class<?> sessionType) {
            try {
                Field f = field(sessionType, "idleTimeoutFuture");
                if (f == null || !Future.class.isAssignableFrom(f.getType())) {
                    return null;
                }
                f.setAccessible(true);
                return MethodHandles.lookup().unreflectGetter(f).asType(MethodType.methodType(Object.class,
                        Object.class));
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null;
            }
        }
    };

    /**
     * Waits (a moment at most) for the idle check Tyrus scheduled when it made the session: Tyrus schedules it with
     * the container's default timeout (0: none), to run at once; one that has started but not yet read the timeout
     * when {@code setMaxIdleTimeout} sets one would close the new session at once, and cancelling it does not stop it.
     * Called before a gateway sets its idle timeout; does nothing on other containers, nor on the embedded runtime,
     * whose timers answer such a check as done without running it.
     */
    public static void awaitIdleCheck(Session session) {
        MethodHandle getter = IDLE_CHECK.get(session.getClass());
        if (getter == null) {
            return;
        }
        try {
            if (getter.invoke(session) instanceof Future<?> pending && !pending.isDone()) {
                pending.get(1, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (Throwable t) {
            if (t instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            // cancelled, failed or slow: set the timeout anyway
        }
    }

    private static Access find(Class<?> remoteType) {
        try {
            Field socketField = field(remoteType, "webSocket");
            if (socketField == null
                    || !socketField.getType().getName().equals("org.glassfish.tyrus.core.TyrusWebSocket")) {
                return null;
            }
            Class<?> socketType = socketField.getType();
            Method sendRaw = socketType.getMethod("sendRawFrame", ByteBuffer.class);
            // completion is observed through the future: only where Tyrus's future is a CompletableFuture (2.1.4+)
            Class<?> future = Class.forName("org.glassfish.tyrus.core.TyrusFuture", false, socketType.getClassLoader());
            if (!CompletableFuture.class.isAssignableFrom(future)) {
                return null;
            }
            socketField.setAccessible(true);
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            MethodHandle getter = lookup.unreflectGetter(socketField)
                    .asType(MethodType.methodType(Object.class, Object.class));
            MethodHandle send = lookup.unreflect(sendRaw)
                    .asType(MethodType.methodType(Object.class, Object.class, ByteBuffer.class));
            MethodHandle restart = null;
            Field sessionField = field(remoteType, "session");
            if (sessionField != null) {
                Method m = method(sessionField.getType(), "restartIdleTimeoutExecutor");
                if (m != null) {
                    m.setAccessible(true);
                    restart = lookup.unreflect(m).asType(MethodType.methodType(void.class, Object.class));
                }
            }
            if (restart == null) {
                return null; // without it, a client that only receives broadcasts would be closed as idle
            }
            return new Access(getter, send, restart, direct(socketType, lookup));
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            LOG.log(Level.FINE, e, () -> "No encoded frames for " + remoteType.getName());
            return null;
        }
    }

    /** The handles for a {@link FrameSink} behind a Tyrus connection, or null where this Tyrus has not these members. */
    private static Direct direct(Class<?> socketType, MethodHandles.Lookup lookup) {
        try {
            Field handlerField = field(socketType, "protocolHandler");
            if (handlerField == null) {
                return null;
            }
            Class<?> handlerType = handlerField.getType();
            Field writer = field(handlerType, "writer");
            Field lock = field(handlerType, "lock");
            Field fragment = field(handlerType, "sendingFragment");
            if (writer == null || lock == null || !Lock.class.isAssignableFrom(lock.getType()) || fragment == null
                    || !fragment.getType().isEnum()) {
                return null;
            }
            Object idle = null;
            for (Object state : fragment.getType().getEnumConstants()) {
                if (((Enum<?>) state).name().equals("IDLE")) {
                    idle = state;
                }
            }
            if (idle == null) {
                return null;
            }
            MethodType toObject = MethodType.methodType(Object.class, Object.class);
            handlerField.setAccessible(true);
            writer.setAccessible(true);
            lock.setAccessible(true);
            fragment.setAccessible(true);
            return new Direct(lookup.unreflectGetter(handlerField).asType(toObject),
                    lookup.unreflect(socketType.getMethod("isConnected"))
                            .asType(MethodType.methodType(boolean.class, Object.class)),
                    lookup.unreflectGetter(writer).asType(toObject), lookup.unreflectGetter(lock).asType(toObject),
                    lookup.unreflectGetter(fragment).asType(toObject), idle);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            LOG.log(Level.FINE, e, () -> "No frame sink behind " + socketType.getName());
            return null;
        }
    }

    private static Field field(Class<?> type, String name) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            try {
                return c.getDeclaredField(name);
            } catch (NoSuchFieldException e) {
                // the superclass then
            }
        }
        return null;
    }

    private static Method method(Class<?> type, String name) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            try {
                return c.getDeclaredMethod(name);
            } catch (NoSuchMethodException e) {
                // the superclass then
            }
        }
        return null;
    }
}
