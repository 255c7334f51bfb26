package org.cdigateway.internal.guard;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.cdigateway.Guard;
import org.cdigateway.UseGuards;
import org.cdigateway.internal.deployment.Describe;
import org.cdigateway.internal.deployment.DiscoveredBeans;
import org.cdigateway.internal.deployment.GatewayMessages;

/**
 * Turns guard classes into guard beans and builds {@link GuardChain}s: at deployment for the gateways, lazily (and
 * cached) for other beans' {@code @UseGuards} methods met by the {@link GuardInterceptor}.
 */
public final class GuardResolver {

    private final DiscoveredBeans beans;
    private final List<Class<? extends Guard>> global;
    private final Map<Object, GuardChain> chains = new ConcurrentHashMap<>();

    /** How long an asynchronous guard of another bean's method may take. */
    public static final long DEFAULT_TIMEOUT = 10_000;

    public GuardResolver(DiscoveredBeans beans, List<Class<? extends Guard>> global) {
        this.beans = beans;
        this.global = List.copyOf(global);
    }

    /** The global guards, in order. */
    public List<Class<? extends Guard>> global() {
        return global;
    }

    /** Global guards, then the class's, then the method's (each guard once); null when there are none. */
    public GuardChain chain(long timeoutMillis, boolean withGlobal, AnnotatedElement... levels) {
        Set<Class<? extends Guard>> types = new LinkedHashSet<>();
        if (withGlobal) {
            types.addAll(global);
        }
        for (AnnotatedElement level : levels) {
            UseGuards use = level == null ? null : level.getAnnotation(UseGuards.class);
            if (use != null) {
                types.addAll(List.of(use.value()));
            }
        }
        if (types.isEmpty()) {
            return null;
        }
        List<Guard> guards = new ArrayList<>();
        for (Class<? extends Guard> type : types) {
            guards.add(instance(type));
        }
        return new GuardChain(guards.toArray(Guard[]::new), types.toArray(Class<?>[]::new), timeoutMillis);
    }

    /**
     * The chain of a gateway's connections ({@code method} null) or of one of its handlers: first the Jakarta
     * security annotations ({@link RolesGuard}: the method's when it has any, else the class's), then the guards as
     * {@link #chain} orders them. Null when there is nothing to check.
     */
    public GuardChain gatewayChain(long timeoutMillis, Class<?> type, Method method) {
        GuardChain guards = method == null
                ? chain(timeoutMillis, true, type)
                : chain(timeoutMillis, true, type, method);
        RolesGuard roles = method == null ? RolesGuard.of(type) : RolesGuard.effective(type, method);
        if (roles == null) {
            return guards;
        }
        return guards == null
                ? new GuardChain(new Guard[]{roles}, new Class<?>[]{RolesGuard.class}, timeoutMillis)
                : guards.after(roles);
    }

    /** The chain for a key, built once. */
    public GuardChain cached(Object key, Supplier<GuardChain> build) {
        GuardChain chain = chains.get(key);
        if (chain == null) {
            chain = build.get();
            if (chain != null) {
                chains.putIfAbsent(key, chain);
            }
        }
        return chain;
    }

    private Guard instance(Class<? extends Guard> type) {
        return beans.reference(type, t -> GatewayMessages.guardNotBean(Describe.type(t), t));
    }
}
