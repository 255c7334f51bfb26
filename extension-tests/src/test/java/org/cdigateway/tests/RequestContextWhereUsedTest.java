package org.cdigateway.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;

import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.junit5.client.GatewayTestClient;
import org.cdigateway.se.GatewayRuntime;
import org.junit.jupiter.api.Test;

/**
 * The request context is activated for gateway code where a bean of the deployment lives in it, for each message
 * anew; a deployment without request-scoped beans runs its messages without activating it (it costs about a third
 * of the gateway's own time per message), unless {@code -Dcdigateway.request-context=always}.
 */
class RequestContextWhereUsedTest {

    @WebSocketGateway("/context")
    public static class ContextGateway {

        @Inject
        BeanManager beans;

        @SubscribeMessage("active")
        public boolean active() {
            return isActive(beans);
        }
    }

    static boolean isActive(BeanManager beans) {
        try {
            return beans.getContext(RequestScoped.class).isActive();
        } catch (jakarta.enterprise.context.ContextNotActiveException e) {
            return false;
        }
    }

    /** A gateway with a request-scoped bean: each message sees a fresh one. */
    @WebSocketGateway("/counted")
    public static class CountedGateway {

        @Inject
        PerMessage perMessage;

        @Inject
        BeanManager beans;

        @SubscribeMessage("count")
        public int count() {
            perMessage.add();
            return isActive(beans) ? perMessage.add() : -1;
        }
    }

    @RequestScoped
    public static class PerMessage {

        private final AtomicInteger n = new AtomicInteger();

        int add() {
            return n.incrementAndGet();
        }
    }

    @Test
    void withoutRequestScopedBeansMessagesRunWithoutTheRequestContext() throws Exception {
        try (GatewayRuntime runtime = GatewayRuntime.builder().port(0).beanClasses(ContextGateway.class).start();
                GatewayTestClient client = GatewayTestClient.connect(runtime.wsUri("/context"))) {
            assertThat(client.request("active", null).data(Boolean.class)).isFalse();
        }
    }

    @Test
    void withARequestScopedBeanEachMessageHasARequestContextOfItsOwn() throws Exception {
        try (GatewayRuntime runtime = GatewayRuntime.builder().port(0)
                .beanClasses(ContextGateway.class, CountedGateway.class, PerMessage.class).start();
                GatewayTestClient counted = GatewayTestClient.connect(runtime.wsUri("/counted"));
                GatewayTestClient context = GatewayTestClient.connect(runtime.wsUri("/context"))) {
            for (int i = 0; i < 3; i++) {
                assertThat(counted.request("count", null).data(Integer.class)).as("a fresh bean each message")
                        .isEqualTo(2);
            }
            assertThat(context.request("active", null).data(Boolean.class)).isTrue();
        }
    }

    @Test
    void aSystemPropertyActivatesItAlways() throws Exception {
        System.setProperty("cdigateway.request-context", "always");
        try (GatewayRuntime runtime = GatewayRuntime.builder().port(0).beanClasses(ContextGateway.class).start();
                GatewayTestClient client = GatewayTestClient.connect(runtime.wsUri("/context"))) {
            assertThat(client.request("active", null).data(Boolean.class)).isTrue();
        } finally {
            System.clearProperty("cdigateway.request-context");
        }
    }
}
