package org.cdigateway.internal.endpoint;

/**
 * The remote address of the WebSocket upgrade request the current thread is serving, for containers whose sessions do
 * not tell it (Open Liberty). Set by a request listener for the length of an upgrade request, read by the gateway's
 * configurator during the handshake, which runs inside that request.
 */
public final class UpgradeAddress {

    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    private UpgradeAddress() {}

    /** Marks the start of an upgrade request from {@code address} on this thread. */
    public static void enter(String address) {
        CURRENT.set(address);
    }

    /** Marks its end. */
    public static void leave() {
        CURRENT.remove();
    }

    /** The address of the upgrade request this thread serves, or null. */
    static String current() {
        return CURRENT.get();
    }
}
