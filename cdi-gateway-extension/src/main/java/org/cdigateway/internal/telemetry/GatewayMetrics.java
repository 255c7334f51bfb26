package org.cdigateway.internal.telemetry;

/**
 * What one gateway counts: connections, messages in, handler durations, frames out, drops and refusals. The gateway
 * holds one in a final field; {@link #NONE} when OpenTelemetry is absent, so the hot path only calls methods that do
 * nothing (and reads no clock: {@link #timed}).
 */
public interface GatewayMetrics {

    /** The outcome of a message handled without error. */
    String OK = "ok";
    /** A refusal by the guards of a connection. */
    String CONNECTION = "connection";
    /** A refusal by the guards of a message. */
    String MESSAGE = "message";

    /** Records nothing. */
    GatewayMetrics NONE = new GatewayMetrics() {
    };

    /** Whether handler durations are recorded, so the caller reads the clock. */
    default boolean timed() {
        return false;
    }

    /** A connection was accepted (its guards let it in). */
    default void opened() {}

    /** An accepted connection ended with {@code code}. */
    default void closed(int code) {}

    /**
     * A message was handled.
     *
     * @param event   the handler's event, or null when no handler took it (a bad frame, an unknown event)
     * @param outcome {@link #OK} or the code of its error frame
     */
    default void received(String event, String outcome) {}

    /** The handler of {@code event} ran for {@code nanos}. */
    default void handled(String event, long nanos) {}

    /** A frame of {@code bytes} (UTF-8 for text) was handed to the transport. */
    default void sent(long bytes) {}

    /** Frames dropped by a slow-consumer policy. */
    default void dropped(long frames) {}

    /** A connection was closed for not reading fast enough. */
    default void slowConsumerClosed() {}

    /** The guards refused a {@link #CONNECTION} or a {@link #MESSAGE}. */
    default void guardRefused(String phase) {}

    /** A handler's stream began. */
    default void streamStarted() {}

    /**
     * A stream ended.
     *
     * @param outcome {@link GatewayTracer#COMPLETED}, {@link GatewayTracer#CANCELLED}, or the code of the error frame
     *                its failure was answered with
     */
    default void streamEnded(String outcome) {}

    /** A broadcast (of this node or another) was queued for {@code clients} clients of this node. */
    default void delivered(int clients) {}
}
