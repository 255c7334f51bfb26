package org.cdigateway.internal.endpoint;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.websocket.Session;

import org.cdigateway.internal.client.SessionClient;

/**
 * Counts a gateway's connections per remote address and caps them. Jakarta WebSocket has no portable way to learn a
 * session's remote address; the sessions of Tyrus (the embedded runtime, Payara) and of Undertow (WildFly) tell it,
 * found once per session class. Where the address is unknown, connections are not capped.
 */
final class AddressLimits {

    private static final ClassValue<MethodHandle> REMOTE = new ClassValue<>() {

        @Override
        protected MethodHandle computeValue(Class<?> type) {
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            try { // Tyrus
                return lookup.findVirtual(type, "getRemoteAddr", MethodType.methodType(String.class));
            } catch (ReflectiveOperationException | RuntimeException e) {
                // not Tyrus
            }
            try { // Undertow: session.getWebSocketChannel().getSourceAddress()
                MethodHandle channel = lookup.findVirtual(type, "getWebSocketChannel",
                        MethodType.methodType(Class.forName("io.undertow.websockets.core.WebSocketChannel", false,
                                type.getClassLoader())));
                MethodHandle source = lookup.findVirtual(channel.type().returnType(), "getSourceAddress",
                        MethodType.methodType(InetSocketAddress.class));
                return MethodHandles.filterReturnValue(channel, source);
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                return null;
            }
        }
    };

    private final int max;
    private final Map<String, Integer> open = new ConcurrentHashMap<>();

    AddressLimits(int max) {
        this.max = max;
    }

    /** The remote address of a session (host only), or null when the container does not tell it. */
    static String remoteAddress(Session session) {
        MethodHandle h = REMOTE.get(session.getClass());
        if (h == null) {
            return null;
        }
        try {
            Object address = h.invoke(session);
            if (address instanceof InetSocketAddress a) {
                return a.getAddress() == null ? a.getHostString() : a.getAddress().getHostAddress();
            }
            return address == null ? null : address.toString();
        } catch (Throwable t) {
            return null;
        }
    }

    /** Counts the client's connection; false when its address holds the most connections allowed already. */
    boolean add(SessionClient client) {
        if (max <= 0) {
            return true;
        }
        String address = remoteAddress(client.session());
        if (address == null) {
            return true;
        }
        boolean[] taken = {false};
        open.compute(address, (a, n) -> {
            int count = n == null ? 0 : n;
            if (count >= max) {
                return n;
            }
            taken[0] = true;
            return count + 1;
        });
        if (taken[0]) {
            client.setRemoteAddress(address);
        }
        return taken[0];
    }

    /** Forgets a counted connection that ended; the address disappears with its last connection. */
    void remove(SessionClient client) {
        String address = client.remoteAddress();
        if (address != null && client.forgetRemoteAddress()) {
            open.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
        }
    }

    /** Addresses with connections, for tests. */
    int addresses() {
        return open.size();
    }
}
