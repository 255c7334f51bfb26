package org.cdigateway.bench.soak;

import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * What the soak server counts as it goes: lifecycle calls, bean instances made and destroyed, streams started and
 * how each ended. After a soak every "live" difference must be back to zero.
 */
@ApplicationScoped
public class Tallies {

    private final AtomicLong connections = new AtomicLong();
    private final AtomicLong disconnections = new AtomicLong();
    private final AtomicLong connectionStates = new AtomicLong();
    private final AtomicLong connectionStatesDestroyed = new AtomicLong();
    private final AtomicLong requestTraces = new AtomicLong();
    private final AtomicLong requestTracesDestroyed = new AtomicLong();
    private final AtomicLong streams = new AtomicLong();
    private final AtomicLong streamsCancelled = new AtomicLong();
    private final AtomicLong streamsCompleted = new AtomicLong();
    private final AtomicLong streamsLeftAtDisconnect = new AtomicLong();
    private final AtomicLong emits = new AtomicLong();

    void connected() {
        connections.incrementAndGet();
    }

    /** @param activeStreams the streams the client still had registered when its disconnect ran */
    void disconnected(int activeStreams) {
        disconnections.incrementAndGet();
        streamsLeftAtDisconnect.addAndGet(activeStreams);
    }

    void connectionStateCreated() {
        connectionStates.incrementAndGet();
    }

    void connectionStateDestroyed() {
        connectionStatesDestroyed.incrementAndGet();
    }

    void requestTraceCreated() {
        requestTraces.incrementAndGet();
    }

    void requestTraceDestroyed() {
        requestTracesDestroyed.incrementAndGet();
    }

    void streamStarted() {
        streams.incrementAndGet();
    }

    void streamCancelled() {
        streamsCancelled.incrementAndGet();
    }

    void streamCompleted() {
        streamsCompleted.incrementAndGet();
    }

    void emitted() {
        emits.incrementAndGet();
    }

    /** The counters, with what the gateway's server reports. */
    SoakStats snapshot(int clients, int rooms, int activeStreams) {
        long connectionScoped = connectionStates.get();
        long requestScoped = requestTraces.get();
        long started = streams.get();
        long cancelled = streamsCancelled.get();
        long completed = streamsCompleted.get();
        return new SoakStats(clients, rooms, activeStreams, streamsLeftAtDisconnect.get(),
                started - cancelled - completed, connections.get(), disconnections.get(),
                connectionScoped - connectionStatesDestroyed.get(), requestScoped - requestTracesDestroyed.get(),
                connectionScoped, requestScoped, started, cancelled, completed, emits.get());
    }
}
