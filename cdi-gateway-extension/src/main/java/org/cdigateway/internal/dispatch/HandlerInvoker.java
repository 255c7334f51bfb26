package org.cdigateway.internal.dispatch;

import java.lang.invoke.MethodHandle;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;

import org.cdigateway.internal.client.SessionClient;

/**
 * Calls one handler method: built once at deployment, immutable, shared by all sessions.
 *
 * @param method      the handler, for messages and logs
 * @param event       the event it handles ({@code "*"} for the catch-all, null for the binary handler)
 * @param target      {@code (Object bean, Object[] args) -> Object}, a virtual call, so it runs through the bean's
 *                    proxy and its interceptors when invoked on the contextual reference
 * @param resolvers   one per parameter
 */
public record HandlerInvoker(Method method, String event, MethodHandle target, ArgumentResolver[] resolvers) {

    /** Resolves the arguments from the frame and calls the handler on {@code bean}. */
    public Object invoke(Object bean, InboundFrame frame, ByteBuffer binary, SessionClient client) throws Throwable {
        Object[] args = new Object[resolvers.length];
        for (int i = 0; i < args.length; i++) {
            args[i] = resolvers[i].resolve(frame, binary, client);
        }
        return (Object) target.invokeExact(bean, args);
    }
}
