package org.cdigateway.tck.scale;

import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.cdigateway.GatewayServer;

/** Counts the connections of {@link ScaleGateway} and keeps its server, for {@link ScaleProbeGateway} to report. */
@ApplicationScoped
public class ScaleCounters {

    private final AtomicLong connects = new AtomicLong();
    private final AtomicLong disconnects = new AtomicLong();
    private volatile GatewayServer server;

    public void server(GatewayServer server) {
        this.server = server;
    }

    public void connected() {
        connects.incrementAndGet();
    }

    public void disconnected() {
        disconnects.incrementAndGet();
    }

    public Stats stats() {
        GatewayServer s = server;
        if (s == null) {
            throw new IllegalStateException("afterInit of ScaleGateway has not run");
        }
        return new Stats(s.clientCount(), s.clients().size(), connects.get(), disconnects.get());
    }
}
