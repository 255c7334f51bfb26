package org.cdigateway.internal.endpoint;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.spi.CreationalContext;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.websocket.CloseReason;

import org.cdigateway.internal.client.SessionClient;
import org.cdigateway.internal.client.TrafficLog;
import org.cdigateway.internal.config.GatewaySettings;
import org.cdigateway.internal.deployment.Describe;
import org.cdigateway.internal.dispatch.GatewayModel;
import org.cdigateway.internal.filter.ErrorFrames;
import org.cdigateway.internal.filter.FilterChain;
import org.cdigateway.internal.filter.FilterResolver;
import org.cdigateway.internal.guard.Execution;
import org.cdigateway.internal.guard.Executions;
import org.cdigateway.internal.guard.GuardChain;
import org.cdigateway.internal.json.JsonCodec;
import org.cdigateway.internal.log.LogLimiter;
import org.cdigateway.internal.protocol.WireProtocol;
import org.cdigateway.internal.telemetry.GatewayMetrics;
import org.cdigateway.internal.telemetry.GatewayTracer;

/**
 * What the parts of one gateway share: its model and settings, the bean, the contexts and threads it runs in, its
 * protocol, and what becomes of failures (the exception filters, then the default one). The parts log under the
 * gateway's one logger.
 */
final class GatewayCore {

    static final Logger LOG = Logger.getLogger(DeployedGateway.class.getName());

    final GatewayModel model;
    final GatewaySettings settings;
    final RequestContextRunner contexts;
    /**
     * Whether {@link #contexts} calls straight through (no request context to activate: the runner is not a CDI
     * bean's proxy); then a message without guards calls its handler without going through it.
     */
    final boolean plainCalls;
    final GatewayExecutor executor;
    final JsonCodec json;
    final WireProtocol protocol;
    final LogLimiter failures = new LogLimiter(LOG, 20);
    /** The gateway class's own filters, or null when it names none. */
    final FilterChain gatewayFilters;
    /** What the gateway counts; {@link GatewayMetrics#NONE} without OpenTelemetry. */
    final GatewayMetrics metrics;
    final GatewayTracer tracer;
    /** The gateway's frames in and out, at FINE. */
    final TrafficLog traffic;
    private final BeanManager beans;
    private final Event<Object> events;
    private final ErrorFrames errors;
    private volatile Object reference;

    GatewayCore(GatewayModel model, BeanManager beans, RequestContextRunner contexts, JsonCodec json,
            WireProtocol protocol, FilterResolver filters, GatewayExecutor executor, GatewayMetrics metrics,
            GatewayTracer tracer) {
        this.tracer = tracer;
        this.traffic = TrafficLog.of(model.type());
        this.model = model;
        this.metrics = metrics;
        this.settings = model.settings();
        this.beans = beans;
        this.events = beans.getEvent();
        this.contexts = contexts;
        this.plainCalls = contexts.getClass() == RequestContextRunner.class;
        this.executor = executor;
        this.json = json;
        this.protocol = protocol;
        this.errors = new ErrorFrames(json);
        FilterChain classFilters = filters.chain(null, model.type());
        this.gatewayFilters = classFilters.isEmpty() ? null : classFilters;
    }

    /**
     * Fires a CDI event of the gateway ({@code ClientConnected}, {@code ClientDisconnected}) to the application's
     * observers: synchronous ones on this thread, in the request context, then asynchronous ones. Their failures are
     * logged and go no further.
     */
    void fire(Object event) {
        try {
            contexts.run(() -> events.fire(event));
        } catch (Exception | LinkageError e) {
            failures.log(Level.WARNING, "An observer of " + event.getClass().getSimpleName() + " for " + describe()
                    + " failed", e);
        }
        try {
            events.fireAsync(event).exceptionally(e -> {
                failures.log(Level.WARNING, "An asynchronous observer of " + event.getClass().getSimpleName()
                        + " for " + describe() + " failed", e);
                return null;
            });
        } catch (RuntimeException e) {
            failures.log(Level.WARNING, "Firing " + event.getClass().getSimpleName() + " failed", e);
        }
    }

    /**
     * The gateway bean as its handlers are called, resolved at its first use: for an {@code @ApplicationScoped} gateway
     * the instance behind its client proxy (one for the application's life; a call to it skips the proxy's context
     * lookup and bookkeeping, on every message, while the interceptors and decorators bound to the bean still run: they
     * are part of that instance), else its contextual reference.
     */
    Object bean() {
        Object ref = reference;
        if (ref == null) {
            synchronized (this) {
                ref = reference;
                if (ref == null) {
                    Bean<?> bean = model.bean();
                    ref = bean.getScope() == ApplicationScoped.class
                            ? instance(bean)
                            : beans.getReference(bean, bean.getBeanClass(), beans.createCreationalContext(bean));
                    reference = ref;
                }
            }
        }
        return ref;
    }

    private <T> T instance(Bean<T> bean) {
        CreationalContext<T> cc = beans.createCreationalContext(bean);
        return beans.getContext(ApplicationScoped.class).get(bean, cc);
    }

    String describe() {
        return Describe.type(model.type());
    }

    /**
     * Goes on with {@code next} on a gateway thread once a guard's pending answer arrived.
     *
     * @return a stage that completes when {@code next}, and whatever it started, is done
     */
    CompletionStage<Void> later(GuardChain.Pending pending,
            BiFunction<Boolean, Throwable, CompletionStage<Void>> next) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        pending.answer().whenComplete((value, error) -> executor.execute(() -> {
            CompletionStage<Void> more = null;
            try {
                more = next.apply(value, error);
            } catch (Throwable t) {
                failures.log(Level.SEVERE, "Continuing after a guard's answer failed in " + describe(), t);
            }
            if (more == null) {
                done.complete(null);
            } else {
                more.whenComplete((v, t) -> done.complete(null));
            }
        }));
        return done;
    }

    /**
     * Hands a failure to the exception filter for its type, or to the default filter: an error frame for a
     * message, a 1011 close for a connection, a log line for a disconnect.
     */
    void fail(Throwable failure, Execution execution, FilterChain filters) {
        Throwable t = ErrorFrames.unwrap(failure);
        if (t instanceof IllegalStateException && t.getCause() != null && !(t.getCause() instanceof Exception)
                && !(t.getCause() instanceof Error)) {
            t = t.getCause();
        }
        FilterChain.Entry f = filters == null ? null : filters.filterFor(t);
        if (f != null && runFilter(f, t, execution)) {
            return;
        }
        SessionClient client = execution.client();
        String where = execution.getHandler() == null
                ? describe()
                : Describe.method(execution.getHandler());
        switch (execution.getPhase()) {
            case MESSAGE -> client.sendError(errors.forFailure(t, where, failures), execution.frameId());
            case CONNECTION -> {
                failures.log(Level.SEVERE, "handleConnection of " + describe() + " failed for " + client
                        + "; closing the connection with 1011", t);
                client.closeChecked(CloseReason.CloseCodes.UNEXPECTED_CONDITION.getCode(),
                        ErrorFrames.INTERNAL_MESSAGE);
            }
            default -> failures.log(Level.SEVERE, where + " failed for " + client, t);
        }
    }

    /** Runs an application's exception filter; false when it failed, so the default filter answers. */
    boolean runFilter(FilterChain.Entry f, Throwable t, Execution execution) {
        Execution previous = Executions.enter(execution);
        try {
            contexts.run(() -> f.filter().catchException(t, execution));
            return true;
        } catch (Throwable e) {
            if (ErrorFrames.unwrap(e) == t) {
                LOG.log(Level.FINE, () -> f.filterClass().getName() + " passed " + t + " on to the default filter");
            } else {
                failures.log(Level.SEVERE, "The exception filter " + f.filterClass().getName()
                        + " failed while handling " + t + " of " + execution, e);
            }
            return false;
        } finally {
            Executions.leave(previous);
        }
    }
}
