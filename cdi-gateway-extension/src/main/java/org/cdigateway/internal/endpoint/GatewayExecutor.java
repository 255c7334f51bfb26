package org.cdigateway.internal.endpoint;

import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The threads an application's gateways use besides the container's: one pool that goes on with a message once an
 * asynchronous guard answered (so that no container thread waits for one), and one timer for heartbeats. Both are
 * daemon threads with the application's class loader as context class loader, and stop with the application.
 */
public final class GatewayExecutor {

    private static final Logger LOG = Logger.getLogger(GatewayExecutor.class.getName());

    private final ThreadPoolExecutor pool;
    private final ScheduledExecutorService timer;

    public GatewayExecutor() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        int threads = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
        this.pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                factory("cdi-gateway-", loader));
        this.pool.allowCoreThreadTimeOut(true);
        this.timer = Executors.newSingleThreadScheduledExecutor(factory("cdi-gateway-timer-", loader));
    }

    private static ThreadFactory factory(String prefix, ClassLoader loader) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            t.setContextClassLoader(loader);
            return t;
        };
    }

    /**
     * Runs {@code task} on a pool thread; during shutdown, when the pool takes nothing more, on this thread, so that a
     * decision that arrives late still ends its connection properly.
     */
    public void execute(Runnable task) {
        try {
            pool.execute(task);
        } catch (RejectedExecutionException e) {
            task.run();
        }
    }

    /** The timer for periodic work such as heartbeats. */
    public ScheduledExecutorService timer() {
        return timer;
    }

    /** Stops both; tasks already queued still run. */
    public void shutdown() {
        timer.shutdownNow();
        pool.shutdown();
        try {
            if (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.log(Level.WARNING, "CDI Gateway: continuations still running after 5 s at shutdown");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
