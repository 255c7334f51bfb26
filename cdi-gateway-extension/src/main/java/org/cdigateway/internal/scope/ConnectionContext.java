package org.cdigateway.internal.scope;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.context.spi.AlterableContext;
import jakarta.enterprise.context.spi.Contextual;
import jakarta.enterprise.context.spi.CreationalContext;

import org.cdigateway.ConnectionScoped;
import org.cdigateway.ExecutionContext;
import org.cdigateway.internal.client.SessionClient;
import org.cdigateway.internal.guard.Execution;
import org.cdigateway.internal.guard.Executions;

/**
 * The context of {@link ConnectionScoped}: the instances live in their connection's {@link SessionClient}, and the
 * connection is the one whose gateway call runs on the current thread.
 */
public final class ConnectionContext implements AlterableContext {

    private static final Logger LOG = Logger.getLogger(ConnectionContext.class.getName());

    private record Instance<T>(Contextual<T> contextual, T instance, CreationalContext<T> creational) {

        void destroy() {
            contextual.destroy(instance, creational);
        }
    }

    @Override
    public Class<? extends Annotation> getScope() {
        return ConnectionScoped.class;
    }

    @Override
    public boolean isActive() {
        Execution execution = Executions.current();
        return execution != null && execution.client() != null
                && (!execution.client().hasEnded() || execution.getPhase() == ExecutionContext.Phase.DISCONNECT);
    }

    private SessionClient client() {
        if (!isActive()) {
            throw new ContextNotActiveException("@ConnectionScoped is active only while a gateway handles something"
                    + " of a connection on this thread (a guard, lifecycle method, handler or filter)");
        }
        return Executions.current().client();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T get(Contextual<T> contextual, CreationalContext<T> creationalContext) {
        Map<Object, Object> store = client().connectionScope(true);
        synchronized (store) {
            Instance<T> existing = (Instance<T>) store.get(contextual);
            if (existing != null) {
                return existing.instance();
            }
            if (creationalContext == null) {
                return null;
            }
            T created = contextual.create(creationalContext);
            store.put(contextual, new Instance<>(contextual, created, creationalContext));
            return created;
        }
    }

    @Override
    public <T> T get(Contextual<T> contextual) {
        return get(contextual, null);
    }

    @Override
    public void destroy(Contextual<?> contextual) {
        Map<Object, Object> store = client().connectionScope(false);
        if (store == null) {
            return;
        }
        Object removed;
        synchronized (store) {
            removed = store.remove(contextual);
        }
        if (removed instanceof Instance<?> i) {
            i.destroy();
        }
    }

    /** Destroys every connection-scoped instance of an ended connection ({@code @PreDestroy} runs). */
    public static void destroyAll(SessionClient client) {
        Map<Object, Object> store = client.connectionScope(false);
        if (store == null) {
            return;
        }
        List<Object> instances;
        synchronized (store) {
            instances = new ArrayList<>(store.values());
            store.clear();
        }
        for (int i = instances.size() - 1; i >= 0; i--) { // the reverse of creation
            try {
                ((Instance<?>) instances.get(i)).destroy();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Destroying a @ConnectionScoped bean of " + client + " failed", e);
            }
        }
    }
}
