package org.cdigateway.internal.dispatch;

import java.lang.invoke.MethodHandle;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;

import org.cdigateway.internal.client.SessionClient;
import org.cdigateway.internal.filter.FilterChain;
import org.cdigateway.internal.guard.GuardChain;
import org.cdigateway.internal.json.JsonText;
import org.cdigateway.internal.validation.BodyValidation;

/**
 * Calls one handler method: built once at deployment, immutable, shared by all sessions.
 *
 * @param method     the handler, for messages and logs
 * @param event      the event it handles ({@code "*"} for the catch-all, null for the binary handler)
 * @param target     {@code (Object bean, Object[] args) -> Object}, a virtual call, so it runs through the bean's
 *                   proxy and its interceptors when invoked on the contextual reference
 * @param resolvers  one per parameter
 * @param paths      for each parameter, where in the frame it comes from ({@code data}, {@code data.room},
 *                   {@code path.room}; null for the client), the root of its validation paths
 * @param guards     global, class and method guards in order; null when none
 * @param filters    the exception filters that apply; null when only the default one does
 * @param validator  Bean Validation of the arguments; null when no parameter is constrained
 * @param quotedEvent the event as a JSON string, written into every reply; null for the binary handler
 * @param replyKind  what the declared return type says of the reply, found once
 * @param directBody the parameter whose data the frame's reader may decode as it reads the frame; null when none
 */
public record HandlerInvoker(Method method, String event, MethodHandle target, ArgumentResolver[] resolvers,
        String[] paths, GuardChain guards, FilterChain filters, BodyValidation.ParameterValidator validator,
        String quotedEvent, Kind replyKind, ArgumentResolvers.WholeBody directBody) {

    public HandlerInvoker(Method method, String event, MethodHandle target, ArgumentResolver[] resolvers,
            String[] paths) {
        this(method, event, target, resolvers, paths, null, null, null, event == null ? null : JsonText.quote(event),
                kindOf(method), directBody(resolvers));
    }

    /** The same handler with what is known only once the beans are: its guards, filters and validator. */
    public HandlerInvoker with(GuardChain guards, FilterChain filters, BodyValidation.ParameterValidator validator) {
        return new HandlerInvoker(method, event, target, resolvers, paths, guards,
                filters == null || filters.isEmpty() ? null : filters, validator, quotedEvent, replyKind,
                directBody);
    }

    /**
     * The one parameter that reads the data, when it takes all of it and can decode it straight from the frame's
     * parser ({@link ArgumentResolvers.WholeBody#decodesFromParser()}); null when no parameter, or another one or
     * several, read the data.
     */
    private static ArgumentResolvers.WholeBody directBody(ArgumentResolver[] resolvers) {
        ArgumentResolvers.WholeBody body = null;
        for (ArgumentResolver r : resolvers) {
            if (r instanceof ArgumentResolvers.DataReader) {
                if (body != null || !(r instanceof ArgumentResolvers.WholeBody w) || !w.decodesFromParser()) {
                    return null;
                }
                body = w;
            }
        }
        return body;
    }

    /** What a handler's declared return type says of its reply. */
    public enum Kind {
        /** A value, or nothing, when the handler returns. */
        NOW,
        /** A {@code CompletionStage}: a reply when it completes. */
        LATER,
        /** A {@code Flow.Publisher}: a stream. */
        STREAM
    }

    /** The kind of reply, from the declared return type (a handler declared to return {@code Object} is NOW). */
    private static Kind kindOf(Method method) {
        Class<?> r = method.getReturnType();
        if (java.util.concurrent.Flow.Publisher.class.isAssignableFrom(r)) {
            return Kind.STREAM;
        }
        return java.util.concurrent.CompletionStage.class.isAssignableFrom(r) ? Kind.LATER : Kind.NOW;
    }

    /** Resolves the arguments from the frame, validates them, and calls the handler on {@code bean}. */
    public Object invoke(Object bean, InboundFrame frame, ByteBuffer binary, SessionClient client) throws Throwable {
        Object[] args = new Object[resolvers.length];
        for (int i = 0; i < args.length; i++) {
            args[i] = resolvers[i].resolve(frame, binary, client);
        }
        if (validator != null) {
            validator.validate(bean, args);
        }
        return (Object) target.invokeExact(bean, args);
    }
}
