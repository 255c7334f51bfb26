package org.cdigateway.socketio.internal.packet;

import java.util.Objects;

/**
 * JSON text that {@link SocketEncoder} writes as it is, without parsing it: a value a JSON-B encoder already wrote.
 * Whoever makes one vouches that it is one complete JSON value.
 */
public record RawJson(String json) {

    public RawJson {
        Objects.requireNonNull(json, "json");
    }
}
