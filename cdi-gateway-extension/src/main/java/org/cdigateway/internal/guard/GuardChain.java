package org.cdigateway.internal.guard;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.cdigateway.CanActivate;
import org.cdigateway.CanActivateAsync;
import org.cdigateway.ExecutionContext;
import org.cdigateway.ForbiddenException;
import org.cdigateway.Guard;
import org.cdigateway.UnauthorizedException;
import org.cdigateway.internal.filter.ErrorFrames;

/**
 * The guards of one handler (or of a gateway's connections), resolved at deployment, in the order they run: global,
 * class, method.
 *
 * <p>
 * A gateway runs them with {@link #start}: synchronous guards and asynchronous guards that answered already are
 * decided at once; an asynchronous guard still thinking hands back a {@link Pending} answer, and the gateway goes on
 * with {@link #resume} when it arrives, without a thread waiting for it (the connection's later messages wait in its
 * buffer meanwhile). {@link #check} waits on the calling thread; it is for guards on beans other than gateways.
 */
public final class GuardChain {

    private static final Logger LOG = Logger.getLogger(GuardChain.class.getName());

    /** What a refusal says when the guard did not say why. */
    public static final String FORBIDDEN_MESSAGE = "Forbidden resource";

    private final Guard[] guards;
    private final Class<?>[] types;
    private final long timeoutMillis;
    private final boolean async;

    /** The answer of the guard at {@code index} that has not arrived yet; completes within the guard timeout. */
    public record Pending(int index, CompletableFuture<Boolean> answer) {}

    public GuardChain(Guard[] guards, Class<?>[] types, long timeoutMillis) {
        this.guards = guards.clone();
        this.types = types.clone();
        this.timeoutMillis = timeoutMillis;
        boolean anyAsync = false;
        for (Guard g : guards) {
            anyAsync |= !(g instanceof CanActivate);
        }
        this.async = anyAsync;
    }

    /** This chain with {@code first} run before its guards. */
    GuardChain after(Guard first) {
        Guard[] g = new Guard[guards.length + 1];
        Class<?>[] t = new Class<?>[types.length + 1];
        g[0] = first;
        t[0] = first.getClass();
        System.arraycopy(guards, 0, g, 1, guards.length);
        System.arraycopy(types, 0, t, 1, types.length);
        return new GuardChain(g, t, timeoutMillis);
    }

    /** Whether any guard answers asynchronously, so that a decision may arrive after the message's callback. */
    public boolean hasAsync() {
        return async;
    }

    /**
     * Runs the guards in order from the first, until one refuses or one's answer has not arrived yet.
     *
     * @return null when every guard let the call through; the pending answer otherwise
     * @throws UnauthorizedException or {@link ForbiddenException} as {@link #check} does
     */
    public Pending start(ExecutionContext context) {
        return runFrom(0, context);
    }

    /**
     * Goes on after a pending answer arrived: judges it, then runs the guards after it.
     *
     * @param value   the answer, or null when {@code failure} is set
     * @param failure why there is no answer (the guard failed, or it timed out)
     * @return as {@link #start}
     */
    public Pending resume(Pending pending, Boolean value, Throwable failure, ExecutionContext context) {
        int i = pending.index();
        if (failure != null) {
            Throwable cause = ErrorFrames.unwrap(failure);
            if (cause instanceof TimeoutException) {
                cause = new TimeoutException("The guard did not answer within " + timeoutMillis + " ms");
            }
            throw refusal(i, cause, context);
        }
        if (!Boolean.TRUE.equals(value)) {
            LOG.log(Level.FINE, () -> types[i].getName() + " refused " + context);
            throw new ForbiddenException(FORBIDDEN_MESSAGE);
        }
        return runFrom(i + 1, context);
    }

    private Pending runFrom(int from, ExecutionContext context) {
        for (int i = from; i < guards.length; i++) {
            boolean allowed;
            try {
                if (guards[i] instanceof CanActivate sync) {
                    allowed = sync.canActivate(context);
                } else {
                    CompletionStage<Boolean> stage = ((CanActivateAsync) guards[i]).canActivate(context);
                    if (stage == null) {
                        allowed = false;
                    } else {
                        CompletableFuture<Boolean> future = stage.toCompletableFuture();
                        if (!future.isDone()) {
                            // a dependent future, so the timeout never completes the application's own
                            return new Pending(i, future.thenApply(b -> b).orTimeout(timeoutMillis,
                                    TimeUnit.MILLISECONDS));
                        }
                        allowed = Boolean.TRUE.equals(future.join());
                    }
                }
            } catch (Throwable t) {
                throw refusal(i, t, context);
            }
            if (!allowed) {
                Class<?> type = types[i];
                LOG.log(Level.FINE, () -> type.getName() + " refused " + context);
                throw new ForbiddenException(FORBIDDEN_MESSAGE);
            }
        }
        return null;
    }

    /** What a guard's failure means: its own refusal, an Error, or a refusal caused by what it threw. */
    private RuntimeException refusal(int i, Throwable t, ExecutionContext context) {
        Throwable cause = ErrorFrames.unwrap(t);
        if (cause instanceof UnauthorizedException || cause instanceof ForbiddenException) {
            RuntimeException refusal = (RuntimeException) cause;
            Class<?> type = types[i];
            LOG.log(Level.FINE, () -> type.getName() + " refused " + context + ": " + refusal.getMessage());
            return refusal;
        }
        if (cause instanceof Error e && !(cause instanceof AssertionError)) {
            throw e;
        }
        LOG.log(Level.WARNING, "Guard " + types[i].getName() + " failed for " + context
                + "; the guard's failure counts as a refusal", cause);
        ForbiddenException refusal = new ForbiddenException(FORBIDDEN_MESSAGE);
        refusal.initCause(cause);
        return refusal;
    }

    /** How many guards run. */
    public int size() {
        return guards.length;
    }

    /**
     * Runs the guards in order until one refuses.
     *
     * @throws UnauthorizedException a guard threw it: the client is not authenticated
     * @throws ForbiddenException    a guard refused (returned false, threw it, threw anything else or timed out;
     *                               whatever else it threw is the cause and is logged)
     */
    public void check(ExecutionContext context) {
        Pending pending = start(context);
        while (pending != null) { // an asynchronous guard: wait here, bounded by the timeout on its answer
            Boolean answer = null;
            Throwable failure = null;
            try {
                answer = pending.answer().get();
            } catch (ExecutionException e) {
                failure = e.getCause();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = e;
            }
            pending = resume(pending, answer, failure, context);
        }
    }
}
