package org.cdigateway.internal.filter;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.cdigateway.UseFilters;
import org.cdigateway.WsExceptionFilter;
import org.cdigateway.internal.deployment.Describe;
import org.cdigateway.internal.deployment.DiscoveredBeans;
import org.cdigateway.internal.deployment.GatewayMessages;

/** Turns filter classes into filter beans and builds the {@link FilterChain} of each handler at deployment. */
public final class FilterResolver {

    private final DiscoveredBeans beans;
    private final List<Class<?>> global;

    public FilterResolver(DiscoveredBeans beans, List<Class<?>> global) {
        this.beans = beans;
        this.global = List.copyOf(global);
    }

    /** The filters of a method (may be null) of a gateway class, with the global ones. */
    public FilterChain chain(AnnotatedElement method, AnnotatedElement gateway) {
        List<FilterChain.Entry> entries = new ArrayList<>();
        add(entries, method, FilterChain.Entry.METHOD);
        add(entries, gateway, FilterChain.Entry.CLASS);
        for (Class<?> g : global) {
            entries.add(entry(g, FilterChain.Entry.GLOBAL));
        }
        return new FilterChain(entries);
    }

    private void add(List<FilterChain.Entry> entries, AnnotatedElement element, int level) {
        UseFilters use = element == null ? null : element.getAnnotation(UseFilters.class);
        if (use != null) {
            for (Class<?> f : use.value()) {
                entries.add(entry(f, level));
            }
        }
    }

    private FilterChain.Entry entry(Class<?> filterClass, int level) {
        return new FilterChain.Entry(instance(filterClass), filterClass, exceptionType(filterClass), level);
    }

    @SuppressWarnings("unchecked")
    private WsExceptionFilter<Throwable> instance(Class<?> type) {
        return (WsExceptionFilter<Throwable>) beans.reference(type,
                t -> GatewayMessages.filterNotBean(Describe.type(t), t));
    }

    /**
     * The {@code T} of {@code WsExceptionFilter<T>} as implemented by {@code filterClass} (through superclasses and
     * interfaces), or null when it is not a concrete exception class.
     */
    @SuppressWarnings("unchecked")
    public static Class<? extends Throwable> exceptionType(Class<?> filterClass) {
        Type t = find(filterClass, new HashMap<>());
        return t instanceof Class<?> c && Throwable.class.isAssignableFrom(c) ? (Class<? extends Throwable>) c : null;
    }

    private static Type find(Type type, Map<TypeVariable<?>, Type> bindings) {
        Class<?> raw;
        if (type instanceof ParameterizedType p) {
            raw = (Class<?>) p.getRawType();
            TypeVariable<?>[] vars = raw.getTypeParameters();
            Type[] args = p.getActualTypeArguments();
            for (int i = 0; i < vars.length; i++) {
                Type arg = args[i];
                bindings.put(vars[i], arg instanceof TypeVariable<?> v && bindings.containsKey(v)
                        ? bindings.get(v)
                        : arg);
            }
            if (raw == WsExceptionFilter.class) {
                Type arg = args[0];
                return arg instanceof TypeVariable<?> v ? bindings.get(v) : arg;
            }
        } else if (type instanceof Class<?> c) {
            raw = c;
        } else {
            return null;
        }
        for (Type i : raw.getGenericInterfaces()) {
            Type found = find(i, bindings);
            if (found != null) {
                return found;
            }
        }
        Type superclass = raw.getGenericSuperclass();
        return superclass == null ? null : find(superclass, bindings);
    }
}
