package org.cdigateway.tck.cdi;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/** Records each intercepted method and decorates text results; enabled by its priority, without beans.xml. */
@Tagged
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class TaggingInterceptor {

    @Inject
    Invocations invocations;

    @AroundInvoke
    public Object tag(InvocationContext ctx) throws Exception {
        invocations.record(ctx.getMethod().getName());
        Object result = ctx.proceed();
        return result instanceof String s ? "tagged(" + ctx.getMethod().getName() + "):" + s : result;
    }
}
