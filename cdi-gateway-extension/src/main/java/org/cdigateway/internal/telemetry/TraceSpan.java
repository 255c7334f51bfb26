package org.cdigateway.internal.telemetry;

/**
 * One span of a gateway: a message, a connection's admission or a stream. {@link #NONE} when tracing is off, so the
 * hot path only calls methods that do nothing.
 */
public interface TraceSpan {

    /** Traces nothing. */
    TraceSpan NONE = new TraceSpan() {
    };

    /**
     * Makes this span the current one on this thread, for the guards, interceptors and application code that run
     * until {@link #leave}.
     *
     * @return what {@link #leave} restores
     */
    default Object enter() {
        return null;
    }

    /** Restores what was current before {@link #enter}, on the same thread. */
    default void leave(Object scope) {}

    /**
     * Ends the span; only the first call counts.
     *
     * @param outcome {@link GatewayMetrics#OK}, an error frame's code, or another word for how it ended
     * @param error   whether the outcome is a failure (the span's status is then ERROR)
     */
    default void end(String outcome, boolean error) {}
}
