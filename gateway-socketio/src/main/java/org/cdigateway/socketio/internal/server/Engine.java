package org.cdigateway.socketio.internal.server;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.websocket.CloseReason;

/**
 * An Engine.IO server at one path: the settings, the open sessions, the timer of their heartbeats, and what runs over
 * each session ({@link Namespaces}: Socket.IO).
 */
final class Engine {

    private static final SecureRandom RANDOM = new SecureRandom();

    final SocketIoSettings settings;
    private final String path;
    private final EngineConnection.Factory connections;
    private final Map<String, EngineSession> sessions = new ConcurrentHashMap<>();
    private final Map<String, Boolean> closedByClient = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "cdi-gateway-socketio-timer");
        t.setDaemon(true);
        return t;
    });

    Engine(SocketIoSettings settings, String path, EngineConnection.Factory connections) {
        this.settings = settings;
        this.path = path;
        this.connections = connections;
    }

    /** Where it is served, ending with {@code /}. */
    String path() {
        return path;
    }

    EngineConnection.Factory connections() {
        return connections;
    }

    /** The roles the gateways of this engine name in {@code @RolesAllowed}: asked about at each handshake. */
    Set<String> roleNames() {
        return connections.roleNames();
    }
    ScheduledExecutorService timer() {
        return timer;
    }

    /** A new session id: 20 URL-safe characters from 120 random bits. */
    static String newSid() {
        byte[] bytes = new byte[15];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    void opened(EngineSession session) {
        sessions.put(session.sid, session);
    }

    /** The open session of a sid, or null. */
    EngineSession session(String sid) {
        return sessions.get(sid);
    }

    /**
     * A polling session the client closed with no poll waiting: a poll it had sent at the same time may still come,
     * and gets the noop it would have got waiting, once, for as long as a ping may take; later polls get 400.
     */
    void closedByClient(String sid) {
        closedByClient.put(sid, Boolean.TRUE);
        timer.schedule(() -> closedByClient.remove(sid), settings.pingTimeout(), TimeUnit.MILLISECONDS);
    }

    /** Whether a poll of a sid the client just closed is owed its noop; true once. */
    boolean owesNoop(String sid) {
        return closedByClient.remove(sid) != null;
    }

    void closed(EngineSession session) {
        sessions.remove(session.sid, session);
    }

    /** Closes every session that is still open, and stops the timer. */
    void shutdown() {
        for (EngineSession s : List.copyOf(sessions.values())) {
            s.closeTransport(new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "server shutting down"));
        }
        timer.shutdownNow();
        try {
            timer.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
