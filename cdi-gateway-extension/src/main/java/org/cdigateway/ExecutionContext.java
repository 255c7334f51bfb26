package org.cdigateway;

import java.lang.reflect.Method;
import java.util.Optional;

import org.cdigateway.internal.guard.Executions;

/**
 * What the gateway is doing right now: which gateway, which handler, for which client and message. Guards and
 * exception filters receive it; interceptors and any other bean can inject it (an {@code @Inject ExecutionContext}
 * always shows the call in progress on the current thread) or call {@link #current()}.
 *
 * <pre>{@code
 * Roles roles = context.getHandler().getAnnotation(Roles.class);
 * GatewayClient client = context.switchToWs().getClient();
 * }</pre>
 */
public interface ExecutionContext {

    /** What the gateway is doing. */
    enum Phase {
        /** {@link OnGatewayInit#afterInit}: no client. */
        INIT,
        /** A client connects: its guards, then {@link OnGatewayConnection#handleConnection}. */
        CONNECTION,
        /** A message is being handled (or its asynchronous reply or stream). */
        MESSAGE,
        /** {@link OnGatewayDisconnect#handleDisconnect}. */
        DISCONNECT
    }

    /** The gateway class (not its proxy). */
    Class<?> getGatewayClass();

    /**
     * The method being called: the handler of the message, or the lifecycle method; null while the guards of a
     * connection run.
     */
    Method getHandler();

    /** What the gateway is doing. */
    Phase getPhase();

    /** The WebSocket side: client, message data, event. */
    WsArgumentsHost switchToWs();

    /** The context of the gateway call in progress on this thread, if any. */
    static Optional<ExecutionContext> current() {
        return Optional.ofNullable(Executions.current());
    }
}
