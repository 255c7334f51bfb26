package org.cdigateway;

/** The WebSocket arguments of an {@link ExecutionContext}: the client and the message being handled. */
public interface WsArgumentsHost {

    /** The client; null only in {@link ExecutionContext.Phase#INIT}. */
    GatewayClient getClient();

    /**
     * The message's {@code data} as received, a {@code jakarta.json.JsonValue} ({@code JsonValue.NULL} when absent),
     * or the {@code ByteBuffer} of a binary message; null outside {@link ExecutionContext.Phase#MESSAGE}.
     */
    Object getData();

    /** The message's {@code data} read as {@code type} with JSON-B; null when there is none. */
    <T> T getData(Class<T> type);

    /** The message's event; null outside {@link ExecutionContext.Phase#MESSAGE} and for binary messages. */
    String getPattern();

    /** The message's correlation {@code id} as sent (a String or Number), or null when it had none. */
    Object getId();

    /**
     * Sends {@code {"event":event,"data":data,"id":<the message's id>}} to the client: how an exception filter answers
     * the request that failed.
     */
    void reply(String event, Object data);
}
