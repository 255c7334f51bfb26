package org.cdigateway.internal.endpoint;

import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

import jakarta.websocket.Extension;

/**
 * Where a runtime that owns its WebSocket container puts its own {@code permessage-deflate} on the endpoints of the
 * gateways that ask for compression ({@code @WebSocketGateway(compression = ON)}).
 *
 * <p>
 * Jakarta WebSocket has no standard extension objects: each container implements {@code permessage-deflate} in its own
 * classes, or not at all. The core jar must run on every server without those classes, so it names none: a runtime
 * that knows its container (the embedded runtime: Tyrus) provides this interface through {@link ServiceLoader}, and the
 * gateway's endpoint then lists the extension it returns. In a WAR there is no provider, and {@link GatewayConfigurator}
 * leaves the extension to the container's own implementation where the container has one (Undertow's, switched on
 * server-wide).
 */
public interface CompressionSupport {

    /**
     * The extension to list on one gateway's endpoint.
     *
     * @param maxMessageSize the gateway's largest message (characters of text, bytes of binary): a compressed message
     *                       is inflated only so far past it as to be refused with 1009
     */
    Extension perMessageDeflate(int maxMessageSize);

    /** Whether the extension can take the client's offer as it is (its parameters); else the next offer is tried. */
    boolean accepts(Extension offer);

    /** The provider on the class path of the gateways, or null. */
    static CompressionSupport find() {
        return Holder.FOUND;
    }

    /** Looked up once, on first use. */
    final class Holder {

        static final CompressionSupport FOUND = load();

        private Holder() {}

        private static CompressionSupport load() {
            try {
                CompressionSupport found = ServiceLoader
                        .load(CompressionSupport.class, CompressionSupport.class.getClassLoader()).findFirst()
                        .orElse(null);
                if (found != null) {
                    found.perMessageDeflate(1); // its container's classes are there
                }
                return found;
            } catch (ServiceConfigurationError | LinkageError e) {
                return null; // a provider for another container (the embedded runtime's jar in a WAR)
            }
        }
    }
}
