package org.cdigateway.internal.extension;

import java.lang.annotation.Annotation;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Conversation;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.context.spi.CreationalContext;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.AnnotatedMethod;
import jakarta.enterprise.inject.spi.AnnotatedType;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.ProcessBean;
import jakarta.enterprise.inject.spi.ProcessInjectionPoint;
import jakarta.enterprise.inject.spi.ProcessManagedBean;
import jakarta.enterprise.inject.spi.ProcessSyntheticAnnotatedType;
import jakarta.enterprise.inject.spi.WithAnnotations;
import jakarta.enterprise.inject.spi.configurator.AnnotatedTypeConfigurator;

import org.cdigateway.Adapter;
import org.cdigateway.Gateway;
import org.cdigateway.GatewayServer;
import org.cdigateway.Global;
import org.cdigateway.Guard;
import org.cdigateway.UseFilters;
import org.cdigateway.UseGuards;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.WsExceptionFilter;
import org.cdigateway.internal.asyncapi.AsyncApiRoute;
import org.cdigateway.internal.asyncapi.AsyncApiSettings;
import org.cdigateway.internal.asyncapi.GuardSchemes;
import org.cdigateway.internal.deployment.DeploymentProblems;
import org.cdigateway.internal.deployment.Describe;
import org.cdigateway.internal.deployment.DiscoveredBeans;
import org.cdigateway.internal.deployment.GatewayMessages;
import org.cdigateway.internal.dispatch.GatewayModel;
import org.cdigateway.internal.endpoint.GatewayRegistry;
import org.cdigateway.internal.endpoint.ProtocolAdapter;
import org.cdigateway.internal.endpoint.RequestContextRunner;
import org.cdigateway.internal.filter.FilterResolver;
import org.cdigateway.internal.guard.ExecutionContextProducer;
import org.cdigateway.internal.guard.GuardInterceptor;
import org.cdigateway.internal.guard.GuardResolver;
import org.cdigateway.internal.health.GatewayReadiness;
import org.cdigateway.internal.json.JsonCodec;
import org.cdigateway.internal.rooms.GatewayServerProducer;
import org.cdigateway.internal.scope.ConnectionContext;
import org.cdigateway.internal.telemetry.GatewayTelemetry;
import org.cdigateway.spi.Broadcaster;

/**
 * The portable extension: finds the {@code @WebSocketGateway} beans while the container discovers beans, checks
 * them, and once the deployment is valid publishes their endpoint configs in the {@link GatewayRegistry}. It never
 * touches a WebSocket container itself; the owner of the container registers the configs.
 */
public class GatewayExtension implements Extension {

    private static final Logger LOG = Logger.getLogger(GatewayExtension.class.getName());

    private final List<GatewayModel> models = new ArrayList<>();
    private final DeploymentProblems problems = new DeploymentProblems();
    private final GatewayRegistry registry = new GatewayRegistry();
    private JsonCodec json;
    private final List<Map.Entry<String, Class<?>>> namedGateways = new ArrayList<>();
    /** Every type of every bean, to check that named guards and filters are beans. */
    private final Map<Type, Integer> beanTypes = new HashMap<>();
    /** The bean of each class, kept from discovery for {@link DiscoveredBeans}. */
    private final Map<Class<?>, Bean<?>> beansByClass = new ConcurrentHashMap<>();

    /**
     * The application's {@link Broadcaster} beans, seen at discovery: on some servers (Payara) the extension's
     * BeanManager does not see the beans of the application's other jars, such as gateway-redis.
     */
    private final Set<Bean<?>> broadcasters = ConcurrentHashMap.newKeySet();
    private volatile boolean requestScopedBeans;
    /** Guards and filters named in @UseGuards / @UseFilters, with where they were named. */
    private final List<Map.Entry<String, Class<?>>> namedGuards = new ArrayList<>();
    private final List<Map.Entry<String, Class<?>>> namedFilters = new ArrayList<>();
    private final List<Class<?>> globalGuards = new ArrayList<>();
    private final List<Class<?>> globalFilters = new ArrayList<>();
    private volatile GuardResolver guards;
    private AsyncApiSettings asyncApi = AsyncApiSettings.DEFAULTS;

    void addInternalBeans(@Observes BeforeBeanDiscovery bbd, BeanManager beans) {
        bbd.addAnnotatedType(beans.createAnnotatedType(RequestContextRunner.class),
                RequestContextRunner.class.getName());
        bbd.addAnnotatedType(beans.createAnnotatedType(GatewayServerProducer.class),
                GatewayServerProducer.class.getName());
        bbd.addAnnotatedType(beans.createAnnotatedType(ExecutionContextProducer.class),
                ExecutionContextProducer.class.getName());
        bbd.addAnnotatedType(beans.createAnnotatedType(GuardInterceptor.class), GuardInterceptor.class.getName());
        if (visible(HEALTH_CHECK)) { // only then is GatewayReadiness loaded
            bbd.addAnnotatedType(beans.createAnnotatedType(GatewayReadiness.class), GatewayReadiness.class.getName());
        }
    }

    /** MicroProfile Health's check type: where the application sees it, the gateways report their readiness. */
    static final String HEALTH_CHECK = "org.eclipse.microprofile.health.HealthCheck";

    /** Whether this jar's class loader (a WAR's, when the jar is in it) sees the class. */
    static boolean visible(String className) {
        try {
            Class.forName(className, false, GatewayExtension.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** The guard interceptor is added above; in a WAR, discovery of this jar finds it a second time. */
    void oneGuardInterceptor(@Observes ProcessAnnotatedType<GuardInterceptor> event) {
        if (!(event instanceof ProcessSyntheticAnnotatedType)) {
            event.veto();
        }
    }

    /**
     * A gateway runs its guards itself, before decoding; its {@code @UseGuards} is read from the class, so the
     * annotation comes off its annotated type and the guard interceptor is not bound to its methods.
     */
    <T> void gatewaysRunTheirOwnGuards(@Observes @WithAnnotations(WebSocketGateway.class) ProcessAnnotatedType<T> pat) {
        if (!pat.getAnnotatedType().isAnnotationPresent(WebSocketGateway.class)) {
            return;
        }
        AnnotatedTypeConfigurator<T> type = pat.configureAnnotatedType();
        type.remove(a -> a instanceof UseGuards);
        type.methods().forEach(m -> m.remove(a -> a instanceof UseGuards));
    }

    /**
     * The connection scope, and the registry and the guards as beans, so that the beans of this extension reach them
     * by injection: the guards are known once the deployment is valid, before any bean can ask for them.
     */
    void addContexts(@Observes AfterBeanDiscovery abd) {
        abd.addContext(new ConnectionContext());
        abd.addBean().types(GatewayRegistry.class).scope(Dependent.class).createWith(c -> registry);
        abd.addBean().types(GuardResolver.class).scope(Dependent.class).createWith(c -> guards());
    }

    <T> void beanTypes(@Observes ProcessBean<T> event) {
        for (Type t : event.getBean().getTypes()) {
            Type raw = t instanceof ParameterizedType p ? p.getRawType() : t;
            beanTypes.merge(raw, 1, Integer::sum);
        }
        if (event instanceof ProcessManagedBean<?> managed) {
            beansByClass.put(managed.getBean().getBeanClass(), managed.getBean());
        }
        if (event.getBean().getTypes().contains(Broadcaster.class)) {
            broadcasters.add(event.getBean());
        }
        if (event.getBean().getScope() == RequestScoped.class && !event.getBean().getTypes().contains(
                Conversation.class)) { // the container's own Conversation bean is request-scoped, and always there
            requestScopedBeans = true;
        }
    }

    /** Records the guards and filters a bean names, and the global ones. */
    private void guardsAndFilters(AnnotatedType<?> type) {
        Class<?> c = type.getJavaClass();
        if (type.isAnnotationPresent(Global.class)) {
            boolean guard = Guard.class.isAssignableFrom(c);
            boolean filter = WsExceptionFilter.class.isAssignableFrom(c);
            if (guard) {
                globalGuards.add(c);
            }
            if (filter) {
                globalFilters.add(c);
                namedFilters.add(Map.entry("@Global on " + Describe.type(c), c));
            }
            if (!guard && !filter) {
                problems.add(GatewayMessages.globalOfNeither(c));
            }
        }
        UseGuards classGuards = c.getAnnotation(UseGuards.class);
        if (classGuards != null && !c.isInterface()) {
            for (Class<?> g : classGuards.value()) {
                namedGuards.add(Map.entry(Describe.type(c), g));
            }
        }
        UseFilters classFilters = c.getAnnotation(UseFilters.class);
        if (classFilters != null) {
            for (Class<?> f : classFilters.value()) {
                namedFilters.add(Map.entry(Describe.type(c), f));
            }
        }
        for (AnnotatedMethod<?> m : type.getMethods()) {
            UseGuards mg = m.getJavaMember().getAnnotation(UseGuards.class); // still there on gateways
            if (mg != null) {
                for (Class<?> g : mg.value()) {
                    namedGuards.add(Map.entry(Describe.method(m.getJavaMember()), g));
                }
            }
            UseFilters mf = m.getAnnotation(UseFilters.class);
            if (mf != null) {
                for (Class<?> f : mf.value()) {
                    namedFilters.add(Map.entry(Describe.method(m.getJavaMember()), f));
                }
            }
        }
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
        guardsAndFilters(type);
    }

    void checkAcross(@Observes AfterBeanDiscovery abd) {
        for (Map.Entry<String, Class<?>> named : namedGateways) {
            if (models.stream().noneMatch(m -> m.type() == named.getValue())) {
                problems.add(GatewayMessages.namedNonGateway(named.getKey(), named.getValue()));
            }
        }
        namedGateways.clear();
        Set<Class<?>> described = new java.util.LinkedHashSet<>(globalGuards);
        for (Map.Entry<String, Class<?>> named : namedGuards) {
            if (beanTypes.getOrDefault(named.getValue(), 0) != 1) {
                problems.add(GatewayMessages.guardNotBean(named.getKey(), named.getValue()));
            }
            described.add(named.getValue());
        }
        for (Class<?> guard : described) { // what the AsyncAPI document would say of it: checked now, not when asked
            String invalid = GuardSchemes.check(guard);
            if (invalid != null) {
                problems.add(GatewayMessages.invalidSecurityScheme(invalid));
            }
        }
        for (Map.Entry<String, Class<?>> named : namedFilters) {
            Class<?> filter = named.getValue();
            if (beanTypes.getOrDefault(filter, 0) != 1) {
                problems.add(GatewayMessages.filterNotBean(named.getKey(), filter));
            } else if (FilterResolver.exceptionType(filter) == null) {
                problems.add(GatewayMessages.filterTypeUnknown(filter));
            }
        }
        namedGuards.clear();
        namedFilters.clear();
        beanTypes.clear();
        checkAdapters();
        asyncApi = AsyncApiSettings.of(models.isEmpty() ? GatewayExtension.class : models.get(0).type(),
                problems::add);
        Map<String, GatewayModel> byPath = new HashMap<>();
        for (GatewayModel m : models) {
            if (m.path() == null || !speaks(m.type(), Adapter.NATIVE)) {
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

    private static boolean speaks(Class<?> type, Adapter adapter) {
        WebSocketGateway g = type.getAnnotation(WebSocketGateway.class);
        return g == null ? adapter == Adapter.NATIVE : Arrays.asList(g.adapter()).contains(adapter);
    }

    /** The protocols of each gateway: named, served by an adapter on the class path, one gateway per namespace. */
    private void checkAdapters() {
        Set<Adapter> available = EnumSet.of(Adapter.NATIVE);
        List<ProtocolAdapter> adapters = ProtocolAdapter.load(Thread.currentThread().getContextClassLoader());
        adapters.forEach(a -> available.add(a.adapter()));
        List<Class<?>> types = models.stream().<Class<?>>map(GatewayModel::type).toList();
        adapters.forEach(a -> a.check(types, problems));
        Map<String, GatewayModel> byNamespace = new HashMap<>();
        for (GatewayModel m : models) {
            WebSocketGateway g = m.type().getAnnotation(WebSocketGateway.class);
            if (g == null) {
                continue;
            }
            if (g.adapter().length == 0) {
                problems.add(GatewayMessages.invalidAdapters(m.type(), "adapter = {} names none"));
                continue;
            }
            for (Adapter a : EnumSet.copyOf(Arrays.asList(g.adapter()))) {
                if (!available.contains(a)) {
                    problems.add(GatewayMessages.adapterMissing(m.type(), a.name(), "gateway-socketio"));
                }
            }
            if (!speaks(m.type(), Adapter.SOCKET_IO)) {
                continue;
            }
            String ns = g.namespace();
            if (!ns.startsWith("/") || ns.contains(",") || ns.contains("?")) {
                problems.add(GatewayMessages.invalidAdapters(m.type(), "the namespace '" + ns
                        + "' does not start with '/' or holds ',' or '?'"));
                continue;
            }
            GatewayModel first = byNamespace.putIfAbsent(ns, m);
            if (first != null) {
                problems.add(GatewayMessages.duplicateNamespace(ns, first.type(), m.type()));
            }
        }
    }

    /**
     * {@code -Dcdigateway.request-context=always} activates the request context for gateway code even where no bean
     * of the deployment is request-scoped.
     */
    static final String REQUEST_CONTEXT = "cdigateway.request-context";

    void build(@Observes AfterDeploymentValidation adv, BeanManager beans) {
        if (!problems.isEmpty()) {
            return;
        }
        RequestContextRunner runner;
        if (requestScopedBeans || "always".equalsIgnoreCase(System.getProperty(REQUEST_CONTEXT, "").strip())) {
            Bean<?> runnerBean = beans.resolve(beans.getBeans(RequestContextRunner.class));
            CreationalContext<?> cc = beans.createCreationalContext(runnerBean);
            runner = (RequestContextRunner) beans.getReference(runnerBean, RequestContextRunner.class, cc);
        } else { // no bean of the deployment lives in it: not intercepted, the runner calls straight through
            runner = new RequestContextRunner();
            LOG.fine("No request-scoped bean is deployed: gateway code runs without activating the request context");
        }
        List<Class<? extends Guard>> global = byPriority(globalGuards).stream()
                .<Class<? extends Guard>>map(c -> c.asSubclass(Guard.class)).toList();
        DiscoveredBeans discovered = new DiscoveredBeans(beans, beansByClass);
        guards = new GuardResolver(discovered, global);
        FilterResolver filters = new FilterResolver(discovered, byPriority(globalFilters));
        try {
            ApplicationJsonb.find(beans).ifPresent(json()::use);
        } catch (DeploymentException several) {
            adv.addDeploymentProblem(several);
            return;
        }
        registry.useTelemetry(GatewayTelemetry.choose(beans, GatewayTelemetry.class.getClassLoader()));
        registry.publish(List.copyOf(models), beans, Set.copyOf(broadcasters), runner, json(), guards, filters);
        if (asyncApi.enabled()) {
            registry.serveAsyncApi(new AsyncApiRoute(asyncApi, models.stream().<Class<?>>map(GatewayModel::type)
                    .toList(), List.<Class<?>>copyOf(global)));
        }
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

    private static List<Class<?>> byPriority(List<Class<?>> types) {
        return types.stream().sorted(Comparator.comparingInt((Class<?> c) -> {
            Priority p = c.getAnnotation(Priority.class);
            return p == null ? Integer.MAX_VALUE : p.value();
        }).thenComparing(Class::getName)).distinct().toList();
    }

    /** The guards of this application, once the deployment was validated. */
    public GuardResolver guards() {
        GuardResolver g = guards;
        if (g == null) {
            throw new IllegalStateException("The application's guards are not known before deployment validation");
        }
        return g;
    }

    /** The gateways of this application, once the deployment was validated. */
    public GatewayRegistry registry() {
        return registry;
    }
}
