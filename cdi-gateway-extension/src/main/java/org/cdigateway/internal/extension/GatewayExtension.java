package org.cdigateway.internal.extension;

import java.lang.annotation.Annotation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.spi.CreationalContext;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.AnnotatedType;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.enterprise.inject.spi.ProcessInjectionPoint;
import jakarta.enterprise.inject.spi.ProcessManagedBean;

import org.cdigateway.Gateway;
import org.cdigateway.GatewayServer;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.internal.dispatch.FrameCodec;
import org.cdigateway.internal.dispatch.GatewayModel;
import org.cdigateway.internal.endpoint.GatewayRegistry;
import org.cdigateway.internal.endpoint.RequestContextRunner;
import org.cdigateway.internal.json.JsonCodec;
import org.cdigateway.internal.rooms.GatewayServerProducer;

/**
 * The portable extension: finds the {@code @WebSocketGateway} beans while the container discovers beans, checks
 * them, and once the deployment is valid publishes their endpoint configs in the {@link GatewayRegistry}. It never
 * touches a WebSocket container itself; the owner of the container registers the configs.
 */
public class GatewayExtension implements Extension {

    private final List<GatewayModel> models = new ArrayList<>();
    private final DeploymentProblems problems = new DeploymentProblems();
    private final GatewayRegistry registry = new GatewayRegistry();
    private JsonCodec json;
    private final List<Map.Entry<String, Class<?>>> namedGateways = new ArrayList<>();

    void addInternalBeans(@Observes BeforeBeanDiscovery bbd, BeanManager beans) {
        bbd.addAnnotatedType(beans.createAnnotatedType(RequestContextRunner.class),
                RequestContextRunner.class.getName());
        bbd.addAnnotatedType(beans.createAnnotatedType(GatewayServerProducer.class),
                GatewayServerProducer.class.getName());
    }

    /** Checks where a GatewayServer is injected: the gateway's own, or one named with @Gateway. */
    void checkServerInjection(@Observes ProcessInjectionPoint<?, GatewayServer> event) {
        InjectionPoint ip = event.getInjectionPoint();
        Gateway named = null;
        for (Annotation q : ip.getQualifiers()) {
            if (q instanceof Gateway g) {
                named = g;
            }
        }
        String where = Describe.injectionPoint(ip);
        if (named != null) {
            namedGateways.add(Map.entry(where, named.value()));
            return;
        }
        Class<?> beanClass = ip.getBean() == null ? null : ip.getBean().getBeanClass();
        if (beanClass == null || !beanClass.isAnnotationPresent(WebSocketGateway.class)) {
            problems.add(GatewayMessages.serverOfNonGateway(where, beanClass));
        }
    }

    <T> void collect(@Observes ProcessManagedBean<T> event) {
        AnnotatedType<T> type = event.getAnnotatedBeanClass();
        if (type.isAnnotationPresent(WebSocketGateway.class)) {
            models.add(GatewayModel.read(type, event.getBean(), json(), problems));
        }
    }

    void checkAcross(@Observes AfterBeanDiscovery abd) {
        for (Map.Entry<String, Class<?>> named : namedGateways) {
            if (models.stream().noneMatch(m -> m.type() == named.getValue())) {
                problems.add(GatewayMessages.namedNonGateway(named.getKey(), named.getValue()));
            }
        }
        namedGateways.clear();
        Map<String, GatewayModel> byPath = new HashMap<>();
        for (GatewayModel m : models) {
            if (m.path() == null) {
                continue;
            }
            GatewayModel first = byPath.putIfAbsent(m.path().normalized(), m);
            if (first != null) {
                problems.add(GatewayMessages.duplicatePath(first.path().path(), first.type(), m.path().path(),
                        m.type()));
            }
        }
        problems.reportTo(abd);
    }

    void build(@Observes AfterDeploymentValidation adv, BeanManager beans) {
        if (!problems.isEmpty()) {
            return;
        }
        Bean<?> runnerBean = beans.resolve(beans.getBeans(RequestContextRunner.class));
        CreationalContext<?> cc = beans.createCreationalContext(runnerBean);
        RequestContextRunner runner = (RequestContextRunner) beans.getReference(runnerBean,
                RequestContextRunner.class, cc);
        registry.publish(List.copyOf(models), beans, runner, new FrameCodec(json()));
        models.clear(); // keep no discovery state after startup
    }

    void stop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object event) {
        registry.shutdown(Duration.ofSeconds(5));
    }

    private JsonCodec json() {
        if (json == null) {
            json = JsonCodec.createDefault();
        }
        return json;
    }

    /** The gateways of this application, once the deployment was validated. */
    public GatewayRegistry registry() {
        return registry;
    }
}
