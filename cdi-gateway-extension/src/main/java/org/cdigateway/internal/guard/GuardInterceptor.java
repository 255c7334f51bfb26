package org.cdigateway.internal.guard;

import java.io.Serializable;
import java.lang.reflect.Method;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import org.cdigateway.ForbiddenException;
import org.cdigateway.UseGuards;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.internal.extension.GatewayExtension;

/**
 * The interceptor behind {@link UseGuards}. A gateway runs its own guards before it decodes a message (guards come
 * before validation), so on a gateway's methods this interceptor only lets the call through. On any other bean it
 * runs the method's guards against the message being handled on this thread, and refuses calls made outside any
 * gateway message, since there is nothing its guards could check. Added to the deployment by the extension.
 */
@UseGuards({})
@Interceptor
@Priority(Interceptor.Priority.LIBRARY_BEFORE)
public class GuardInterceptor implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient BeanManager beans;

    @AroundInvoke
    Object guard(InvocationContext invocation) throws Exception {
        Object target = invocation.getTarget();
        Class<?> beanClass = beanClass(target.getClass());
        if (beanClass.isAnnotationPresent(WebSocketGateway.class)) {
            return invocation.proceed(); // the gateway ran these guards already, in their place
        }
        Method method = invocation.getMethod();
        Execution execution = Executions.current();
        if (execution == null || execution.client() == null) {
            throw new ForbiddenException(beanClass.getSimpleName() + "#" + method.getName()
                    + " is guarded and was called outside a gateway message");
        }
        GuardResolver resolver = beans.getExtension(GatewayExtension.class).guards();
        GuardChain chain = resolver.cached(method,
                () -> resolver.chain(GuardResolver.DEFAULT_TIMEOUT, false, beanClass, method));
        if (chain != null) {
            chain.check(execution.withHandler(method)); // the guards see the method they guard
        }
        return invocation.proceed();
    }

    /** The class the developer wrote, under the container's subclasses and proxies. */
    private static Class<?> beanClass(Class<?> c) {
        Class<?> k = c;
        while (k.getSuperclass() != null && k.getName().contains("$")
                && (k.isSynthetic() || k.getName().contains("Weld") || k.getName().contains("Proxy"))) {
            k = k.getSuperclass();
        }
        return k;
    }
}
