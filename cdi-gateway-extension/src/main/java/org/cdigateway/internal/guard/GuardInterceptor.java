package org.cdigateway.internal.guard;

import java.io.Serializable;
import java.lang.reflect.Method;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import org.cdigateway.ForbiddenException;
import org.cdigateway.UseGuards;
import org.cdigateway.WebSocketGateway;

/**
 * The interceptor behind {@link UseGuards} on beans other than gateways: it runs the method's guards against the
 * message being handled on this thread, and refuses calls made outside any gateway message, since there is nothing its
 * guards could check. A gateway runs its own guards before it decodes a message (guards come before validation); the
 * extension takes {@code @UseGuards} off gateways' annotated types, so this interceptor is not bound to them and
 * their messages pay nothing for it. Added to the deployment by the extension.
 */
@UseGuards({})
@Interceptor
@Priority(Interceptor.Priority.LIBRARY_BEFORE)
public class GuardInterceptor implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient GuardResolver resolver;

    /** The class the developer wrote, under the container's subclasses and proxies: found once per class. */
    private static final ClassValue<Class<?>> BEAN_CLASS = new ClassValue<>() {

        @Override
        protected Class<?> computeValue(Class<?> c) {
            Class<?> k = c;
            while (k.getSuperclass() != null && k.getName().contains("$")
                    && (k.isSynthetic() || k.getName().contains("Weld") || k.getName().contains("Proxy"))) {
                k = k.getSuperclass();
            }
            return k;
        }
    };

    @AroundInvoke
    Object guard(InvocationContext invocation) throws Exception {
        Class<?> beanClass = BEAN_CLASS.get(invocation.getTarget().getClass());
        if (beanClass.isAnnotationPresent(WebSocketGateway.class)) {
            return invocation.proceed(); // not bound to gateways; should a container bind it anyway, they ran already
        }
        Method method = invocation.getMethod();
        Execution execution = Executions.current();
        if (execution == null || execution.client() == null) {
            throw new ForbiddenException(beanClass.getSimpleName() + "#" + method.getName()
                    + " is guarded and was called outside a gateway message");
        }
        GuardChain chain = resolver.cached(method,
                () -> resolver.chain(GuardResolver.DEFAULT_TIMEOUT, false, beanClass, method));
        if (chain != null) {
            chain.check(execution.withHandler(method)); // the guards see the method they guard
        }
        return invocation.proceed();
    }
}
