package org.cdigateway;

import java.util.Objects;

/**
 * A handler's reply sent under another event than the one that was handled.
 *
 * <pre>{@code
 * @SubscribeMessage("join")
 * public WsResponse<RoomInfo> join(@MessageBody("room") String room) {
 *     return WsResponse.of("joined", rooms.info(room)); // {"event":"joined","data":{...},"id":<echoed>}
 * }
 * }</pre>
 *
 * @param event the event of the reply frame
 * @param data  the data of the reply frame, encoded with JSON-B; may be null
 * @param <T>   the type of data
 */
public record WsResponse<T>(String event, T data) {

    /** Checks the event name. */
    public WsResponse {
        Objects.requireNonNull(event, "event");
    }

    /** A reply with this event and data. */
    public static <T> WsResponse<T> of(String event, T data) {
        return new WsResponse<>(event, data);
    }
}
