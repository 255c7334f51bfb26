package org.cdigateway.internal.deployment;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.spi.CreationalContext;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;

/**
 * Contextual references to the application's guards and filters, one per class. The beans are the ones seen during
 * discovery: a lookup by type through the extension's own BeanManager does not see the application's beans on every
 * server (Payara scopes it to the library jar), so the BeanManager is only the fallback.
 */
public final class DiscoveredBeans {

    private final BeanManager beans;
    private final Map<Class<?>, Bean<?>> byClass;
    private final Map<Class<?>, Object> references = new ConcurrentHashMap<>();

    public DiscoveredBeans(BeanManager beans, Map<Class<?>, Bean<?>> byClass) {
        this.beans = beans;
        this.byClass = byClass;
    }

    /**
     * The contextual reference of the bean of {@code type}, made once.
     *
     * @param problem the deployment problem that makes this impossible in a valid application, for the message
     * @throws IllegalStateException when there is no such bean
     */
    public <T> T reference(Class<T> type, java.util.function.Function<Class<?>, RuntimeException> problem) {
        return type.cast(references.computeIfAbsent(type, t -> {
            Bean<?> bean = bean(t);
            if (bean == null) {
                throw new IllegalStateException(problem.apply(t).getMessage());
            }
            CreationalContext<?> cc = beans.createCreationalContext(bean);
            return beans.getReference(bean, t, cc);
        }));
    }

    private Bean<?> bean(Class<?> type) {
        Bean<?> bean = byClass.get(type);
        if (bean != null) {
            return bean;
        }
        try {
            return beans.resolve(beans.getBeans(type));
        } catch (RuntimeException ambiguous) {
            return null;
        }
    }
}
