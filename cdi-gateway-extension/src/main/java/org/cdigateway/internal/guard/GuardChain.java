package org.cdigateway.internal.guard;

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

/**
 * The guards of one handler (or of a gateway's connections), resolved at deployment, in the order they run: global,
 * class, method. Asynchronous guards are awaited on the calling thread, so a connection's messages stay in order.
 */
public final class GuardChain {

    private static final Logger LOG = Logger.getLogger(GuardChain.class.getName());

    /** What a refusal says when the guard did not say why. */
    public static final String FORBIDDEN_MESSAGE = "Forbidden resource";

    private final Guard[] guards;
    private final Class<?>[] types;
    private final long timeoutMillis;

    public GuardChain(Guard[] guards, Class<?>[] types, long timeoutMillis) {
        this.guards = guards.clone();
        this.types = types.clone();
        this.timeoutMillis = timeoutMillis;
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
        for (int i = 0; i < guards.length; i++) {
            boolean allowed;
            try {
                allowed = ask(guards[i], context);
            } catch (UnauthorizedException | ForbiddenException refusal) {
                Class<?> type = types[i];
                LOG.log(Level.FINE, () -> type.getName() + " refused " + context + ": " + refusal.getMessage());
                throw refusal;
            } catch (Throwable t) {
                Throwable cause = t instanceof ExecutionException && t.getCause() != null ? t.getCause() : t;
                if (cause instanceof UnauthorizedException u) {
                    throw u;
                }
                if (cause instanceof ForbiddenException f) {
                    throw f;
                }
                if (cause instanceof Error e && !(cause instanceof AssertionError)) {
                    throw e;
                }
                Class<?> type = types[i];
                LOG.log(Level.WARNING, "Guard " + type.getName() + " failed for " + context
                        + "; the guard's failure counts as a refusal", cause);
                ForbiddenException refusal = new ForbiddenException(FORBIDDEN_MESSAGE);
                refusal.initCause(cause);
                throw refusal;
            }
            if (!allowed) {
                Class<?> type = types[i];
                LOG.log(Level.FINE, () -> type.getName() + " refused " + context);
                throw new ForbiddenException(FORBIDDEN_MESSAGE);
            }
        }
    }

    private boolean ask(Guard guard, ExecutionContext context) throws Exception {
        if (guard instanceof CanActivate sync) {
            return sync.canActivate(context);
        }
        CompletionStage<Boolean> stage = ((CanActivateAsync) guard).canActivate(context);
        if (stage == null) {
            return false;
        }
        try {
            return Boolean.TRUE.equals(stage.toCompletableFuture().get(timeoutMillis, TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            throw new TimeoutException("The guard did not answer within " + timeoutMillis + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw e;
        }
    }
}
