package org.cdigateway;

/**
 * What a gateway does with a client whose outbound buffer is full because it does not read fast enough. Chosen per
 * gateway with {@link WebSocketGateway#slowConsumer()}; whichever it is, a slow client never delays the others and never
 * holds more than its buffer.
 */
public enum SlowConsumer {

    /** Close the client with 1013 (try again later). The default: a client that misses frames is told so. */
    CLOSE,

    /** Keep what is queued and drop the frame that does not fit, counting it ({@link GatewayClient#droppedFrames()}). */
    DROP_NEWEST,

    /** Drop the oldest queued frames to make room for the new one, counting them. For "latest value wins" feeds. */
    DROP_OLDEST
}
