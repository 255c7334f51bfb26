package org.cdigateway;

import java.util.concurrent.CompletionStage;

/**
 * A guard that answers later, for checks that call another service. The connection's next message waits for the
 * answer, so messages of one connection are still handled in order; a guard that does not answer within the
 * gateway's guard timeout refuses.
 */
public interface CanActivateAsync extends Guard {

    /** Completes with whether the connection may open, or the message may be handled. */
    CompletionStage<Boolean> canActivate(ExecutionContext context);
}
