package org.cdigateway;

/**
 * A guard that answers at once.
 *
 * <pre>{@code
 * @ApplicationScoped
 * public class RolesGuard implements CanActivate {
 *     public boolean canActivate(ExecutionContext context) {
 *         Roles roles = context.getHandler() == null ? null : context.getHandler().getAnnotation(Roles.class);
 *         return roles == null || hasAny(context.switchToWs().getClient(), roles.value());
 *     }
 * }
 * }</pre>
 *
 * Returning false refuses: a connection closes with 4403, a message gets a {@code FORBIDDEN} error frame. Throwing
 * {@link UnauthorizedException} refuses a connection with 4401 instead; any other exception is a refusal that is
 * also logged.
 */
public interface CanActivate extends Guard {

    /** Whether the connection may open, or the message may be handled. */
    boolean canActivate(ExecutionContext context) throws Exception;
}
