package org.cdigateway.junit5;

import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

import org.cdigateway.junit5.client.GatewayTestClient;
import org.cdigateway.se.GatewayRuntime;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The JUnit 5 side of {@link GatewayTest}: starts the runtime before the class's tests (or records why it could not
 * start), resolves test parameters, and closes the clients of each test and the runtime after the class.
 */
public final class GatewayTestExtension implements BeforeAllCallback, AfterEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(GatewayTestExtension.class);

    /** The runtime of a test class, or the failure that kept it from starting. */
    private record Deployment(GatewayRuntime runtime, DeploymentFailure failure)
            implements
                ExtensionContext.Store.CloseableResource {

        @Override
        public void close() {
            if (runtime != null) {
                runtime.close();
            }
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        context.getStore(NS).getOrComputeIfAbsent(Deployment.class, k -> deploy(testClass), Deployment.class);
    }

    private static Deployment deploy(Class<?> testClass) {
        GatewayTest config = findConfig(testClass);
        GatewayRuntime.Builder builder = GatewayRuntime.builder().port(0);
        builder.beanClasses(nestedClasses(testClass).toArray(Class<?>[]::new));
        if (config != null) {
            builder.beanClasses(config.classes());
            builder.packages(config.packages());
            if (config.authenticator() != org.cdigateway.se.HandshakeAuthenticator.class) {
                try {
                    builder.authenticator(config.authenticator().getConstructor().newInstance());
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("@GatewayTest(authenticator) needs a public no-argument"
                            + " constructor in " + config.authenticator().getName(), e);
                }
            }
        }
        try {
            return new Deployment(builder.start(), null);
        } catch (RuntimeException e) {
            return new Deployment(null, new DeploymentFailure(e));
        }
    }

    private static GatewayTest findConfig(Class<?> testClass) {
        for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
            GatewayTest t = c.getAnnotation(GatewayTest.class);
            if (t != null) {
                return t;
            }
        }
        return null;
    }

    private static List<Class<?>> nestedClasses(Class<?> testClass) {
        List<Class<?>> classes = new ArrayList<>();
        for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
            addNested(c, classes);
        }
        return classes;
    }

    private static void addNested(Class<?> owner, List<Class<?>> out) {
        for (Class<?> nested : owner.getDeclaredClasses()) {
            if (Modifier.isStatic(nested.getModifiers()) && !nested.isAnnotation() && !out.contains(nested)) {
                out.add(nested);
                addNested(nested, out);
            }
        }
    }

    private static Deployment deployment(ExtensionContext context) {
        Deployment d = context.getStore(NS).get(Deployment.class, Deployment.class);
        if (d == null) {
            throw new ExtensionConfigurationException("@GatewayTest has not started a runtime for "
                    + context.getRequiredTestClass().getName());
        }
        return d;
    }

    private static GatewayRuntime runtime(ExtensionContext context) {
        Deployment d = deployment(context);
        if (d.failure() != null) {
            throw new ExtensionConfigurationException("The gateways of " + context.getRequiredTestClass().getName()
                    + " could not be deployed:\n" + d.failure().message(), d.failure().cause());
        }
        return d.runtime();
    }

    private static Clients clients(ExtensionContext context) {
        return context.getStore(NS).getOrComputeIfAbsent(Clients.class, k -> new Clients(runtime(context)),
                Clients.class);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Clients clients = context.getStore(NS).remove(Clients.class, Clients.class);
        if (clients != null) {
            clients.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
        Class<?> type = parameter.getParameter().getType();
        return type == GatewayRuntime.class || type == Clients.class || type == DeploymentFailure.class
                || (type == GatewayTestClient.class && parameter.isAnnotated(Connect.class));
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
        Class<?> type = parameter.getParameter().getType();
        if (type == DeploymentFailure.class) {
            DeploymentFailure failure = deployment(extension).failure();
            if (failure == null) {
                throw new ParameterResolutionException("The deployment of "
                        + extension.getRequiredTestClass().getName() + " succeeded, but the test expects it to fail");
            }
            return failure;
        }
        if (type == GatewayRuntime.class) {
            return runtime(extension);
        }
        Clients clients = clients(extension);
        if (type == Clients.class) {
            return clients;
        }
        String path = parameter.findAnnotation(Connect.class).orElseThrow().value();
        return clients.connect(path);
    }
}
