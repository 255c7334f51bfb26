package org.cdigateway.internal.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.inject.spi.BeanManager;

import org.junit.jupiter.api.Test;

/**
 * Without the OpenTelemetry API the gateways record nothing and load no OpenTelemetry class; with it, the
 * OpenTelemetry implementation is chosen.
 */
class GatewayTelemetryTest {

    /**
     * Loads the gateway's own classes itself, hides {@code io.opentelemetry}, and remembers every class it was asked
     * for: an application whose class path has no OpenTelemetry.
     */
    static final class WithoutOpenTelemetry extends ClassLoader {

        final List<String> requested = new CopyOnWriteArrayList<>();

        WithoutOpenTelemetry() {
            super(GatewayTelemetryTest.class.getClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            requested.add(name);
            if (name.startsWith("io.opentelemetry.")) {
                throw new ClassNotFoundException(name);
            }
            if (!name.startsWith("org.cdigateway.")) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                        if (in == null) {
                            throw new ClassNotFoundException(name);
                        }
                        byte[] bytes = in.readAllBytes();
                        c = defineClass(name, bytes, 0, bytes.length);
                    } catch (IOException e) {
                        throw new ClassNotFoundException(name, e);
                    }
                }
                return c;
            }
        }
    }

    @Test
    void withoutTheApiTheNoOpIsChosenAndNothingOfOpenTelemetryLoads() throws Exception {
        WithoutOpenTelemetry loader = new WithoutOpenTelemetry();
        Class<?> telemetry = loader.loadClass(GatewayTelemetry.class.getName());
        assertThat(telemetry).isNotSameAs(GatewayTelemetry.class); // the copy that sees no OpenTelemetry

        Object chosen = telemetry.getMethod("choose", BeanManager.class, ClassLoader.class).invoke(null, null, loader);
        Object none = telemetry.getField("NONE").get(null);
        assertThat(chosen).isSameAs(none);
        Object metrics = telemetry.getMethod("forGateway", String.class).invoke(chosen, "/chat");
        Class<?> metricsType = loader.loadClass(GatewayMetrics.class.getName());
        assertThat(metrics).isSameAs(metricsType.getField("NONE").get(null));
        assertThat(metricsType.getMethod("timed").invoke(metrics)).isEqualTo(false);

        assertThat(loader.requested).filteredOn(n -> n.startsWith("io.opentelemetry."))
                .containsOnly(GatewayTelemetry.API_CLASS);
        assertThat(loader.requested).noneMatch(n -> n.startsWith("org.cdigateway.internal.telemetry.otel."));
    }

    @Test
    void withTheApiOpenTelemetryIsChosen() {
        GatewayTelemetry chosen = GatewayTelemetry.choose(null, GatewayTelemetry.class.getClassLoader());
        assertThat(chosen).isNotSameAs(GatewayTelemetry.NONE);
        assertThat(chosen.getClass().getName()).isEqualTo("org.cdigateway.internal.telemetry.otel.OtelTelemetry");
        assertThat(chosen.forGateway("/chat").timed()).isTrue();
    }
}
