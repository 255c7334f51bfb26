package org.cdigateway.se.internal;

import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The timers Tyrus's sessions are given on the embedded runtime: Tyrus's own, except that an idle check due at once is
 * not run.
 *
 * <p>
 * Tyrus restarts a session's idle check on every message it receives or sends; with no idle timeout (0, the default)
 * it schedules the check with a delay of 0 (Tyrus 2.1 always, 2.2 for 0 but not for a negative timeout), and a timer
 * thread wakes to run it: a task, a wake-up and a context switch per message, for a check that does nothing without a
 * timeout. So an idle check scheduled with a delay of 0 or less is answered with a future that is already done and
 * never runs; one with a delay (a session with a timeout) is scheduled as before. This also ends a race Tyrus has: a
 * check started for a session's first timeout of 0 that read the timeout set just after ({@code setMaxIdleTimeout})
 * closed the new session at once.
 *
 * <p>
 * Everything else (heartbeats, checks with a delay, shutting down) goes to Tyrus's executor as it is.
 */
final class SessionTimers extends AbstractExecutorService implements ScheduledExecutorService {

    /** The class of Tyrus's idle check ({@code TyrusSession$IdleTimeoutCommand}). */
    static final String IDLE_CHECK = "org.glassfish.tyrus.core.TyrusSession$IdleTimeoutCommand";

    private static final ClassValue<Boolean> IS_IDLE_CHECK = new ClassValue<>() {

        @Override
        protected Boolean computeValue(Class<?> type) {
            return IDLE_CHECK.equals(type.getName());
        }
    };

    private final ScheduledExecutorService timers;

    SessionTimers(ScheduledExecutorService timers) {
        this.timers = timers;
    }

    /** The executor this passes tasks to. */
    ScheduledExecutorService timers() {
        return timers;
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        if (delay <= 0 && IS_IDLE_CHECK.get(command.getClass())) {
            return Skipped.INSTANCE;
        }
        return timers.schedule(command, delay, unit);
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        return timers.schedule(callable, delay, unit);
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        return timers.scheduleAtFixedRate(command, initialDelay, period, unit);
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay,
            TimeUnit unit) {
        return timers.scheduleWithFixedDelay(command, initialDelay, delay, unit);
    }

    @Override
    public void execute(Runnable command) {
        timers.execute(command);
    }

    @Override
    public void shutdown() {
        timers.shutdown();
    }

    @Override
    public List<Runnable> shutdownNow() {
        return timers.shutdownNow();
    }

    @Override
    public boolean isShutdown() {
        return timers.isShutdown();
    }

    @Override
    public boolean isTerminated() {
        return timers.isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return timers.awaitTermination(timeout, unit);
    }

    /** The future of an idle check that is not run: done, with nothing to cancel. */
    static final class Skipped implements ScheduledFuture<Object> {

        static final Skipped INSTANCE = new Skipped();

        private Skipped() {}

        @Override
        public long getDelay(TimeUnit unit) {
            return 0;
        }

        @Override
        public int compareTo(Delayed other) {
            return other == this ? 0 : Long.compare(0, other.getDelay(TimeUnit.NANOSECONDS));
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            return false;
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public boolean isDone() {
            return true;
        }

        @Override
        public Object get() {
            return null;
        }

        @Override
        public Object get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException,
                TimeoutException {
            return null;
        }
    }
}
