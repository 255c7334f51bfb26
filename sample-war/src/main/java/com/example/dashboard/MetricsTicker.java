package com.example.dashboard;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.cdigateway.GatewayServer;

/**
 * Samples the JVM once a second and pushes the sample to every connected dashboard through the gateway's
 * {@link GatewayServer}, from its own thread. Clients never poll.
 */
// tag::ticker[]
@ApplicationScoped
public class MetricsTicker {

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "dashboard-ticker");
        t.setDaemon(true);
        return t;
    });
    private ScheduledFuture<?> task;
    private long tick;

    /** Starts pushing to the dashboards of {@code server}; called once, by the gateway's afterInit. */
    public synchronized void start(GatewayServer server) {
        if (task == null) {
            task = scheduler.scheduleAtFixedRate(() -> server.emit("metrics", sample(server)), 0, 1, TimeUnit.SECONDS);
        }
    }

    private Metrics sample(GatewayServer server) {
        Runtime rt = Runtime.getRuntime();
        return new Metrics(++tick, Instant.now(), (rt.totalMemory() - rt.freeMemory()) >> 20, rt.maxMemory() >> 20,
                Thread.activeCount(), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                server.clientCount());
    }

    @PreDestroy
    void stop() {
        scheduler.shutdownNow();
    }
}
// end::ticker[]
