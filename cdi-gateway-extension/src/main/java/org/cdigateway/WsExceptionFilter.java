package org.cdigateway;

/**
 * Turns an exception of type {@code T} (or a subtype) into what the client sees. A CDI bean, named in
 * {@link UseFilters} or marked {@link Global}. It handles failures of handlers, asynchronous replies, streams,
 * guards and lifecycle methods alike, and of frames that could not be dispatched at all.
 *
 * <pre>{@code
 * @ApplicationScoped
 * public class OptimisticLockFilter implements WsExceptionFilter<OptimisticLockException> {
 *     public void catchException(OptimisticLockException e, ExecutionContext context) {
 *         context.switchToWs().reply("exception", Map.of("code", "CONFLICT", "message", "Reload and retry"));
 *     }
 * }
 * }</pre>
 *
 * A filter that sends nothing leaves the client without an answer; a filter that throws is logged and the default
 * filter answers instead. During {@link ExecutionContext.Phase#CONNECTION} a filter may close the client; if it
 * leaves it open, the connection goes on without its {@code handleConnection}.
 *
 * @param <T> the exceptions it handles
 */
public interface WsExceptionFilter<T extends Throwable> {

    /** Handles one failure. */
    void catchException(T exception, ExecutionContext context) throws Exception;
}
