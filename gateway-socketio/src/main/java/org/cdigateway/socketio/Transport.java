package org.cdigateway.socketio;

import java.util.Locale;

/** The Engine.IO transports the Socket.IO endpoint may serve; see {@link SocketIoConfig#transports()}. */
public enum Transport {

    /** HTTP long-polling ({@code transport=polling}), the official client's first transport. */
    POLLING,

    /** WebSocket ({@code transport=websocket}), fresh or as the upgrade of a polling session. */
    WEBSOCKET;

    /** The name on the wire and in the configuration: {@code polling} or {@code websocket}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
