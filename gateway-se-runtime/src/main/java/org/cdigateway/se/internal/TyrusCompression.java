package org.cdigateway.se.internal;

import java.util.HashSet;
import java.util.Set;

import jakarta.websocket.Extension;

import org.cdigateway.internal.endpoint.CompressionSupport;

/**
 * The embedded runtime's {@code permessage-deflate}, for the gateways that ask for compression: Tyrus negotiates the
 * extensions an endpoint lists, and runs the frames of a connection through those it agreed on ({@link TyrusDeflate}).
 * Found by the core through {@link java.util.ServiceLoader}, so that the core jar names no Tyrus class.
 */
public final class TyrusCompression implements CompressionSupport {

    @Override
    public Extension perMessageDeflate(int maxMessageSize) {
        return new TyrusDeflate(maxMessageSize);
    }

    /**
     * Whether the offer's parameters (RFC 7692 §7.1) can be honoured: {@code server_max_window_bits} only at 15, the
     * window {@link java.util.zip.Deflater} always uses; the others as they come; an unknown or repeated parameter
     * makes the offer one to pass over (§5.1).
     */
    @Override
    public boolean accepts(Extension offer) {
        Set<String> seen = new HashSet<>();
        for (Extension.Parameter p : offer.getParameters()) {
            String name = p.getName() == null ? "" : p.getName().strip();
            String value = p.getValue() == null ? null : p.getValue().strip().replace("\"", "");
            if (!seen.add(name)) {
                return false;
            }
            switch (name) {
                case TyrusDeflate.SERVER_NO_CONTEXT_TAKEOVER, TyrusDeflate.CLIENT_NO_CONTEXT_TAKEOVER -> {
                    if (value != null && !value.isEmpty()) {
                        return false;
                    }
                }
                case TyrusDeflate.SERVER_MAX_WINDOW_BITS -> {
                    if (!"15".equals(value)) {
                        return false;
                    }
                }
                case TyrusDeflate.CLIENT_MAX_WINDOW_BITS -> {
                    if (value != null && !value.isEmpty() && !value.matches("8|9|1[0-5]")) {
                        return false;
                    }
                }
                default -> {
                    return false;
                }
            }
        }
        return true;
    }
}
