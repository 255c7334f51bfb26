package org.cdigateway.tests.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.cdigateway.Gateway;
import org.cdigateway.GatewayServer;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.junit5.DeploymentFailure;
import org.cdigateway.junit5.GatewayTest;
import org.junit.jupiter.api.Test;

/** GW-0112 and GW-0113: a GatewayServer is the gateway's own, or one named with @Gateway(SomeGateway.class). */
@GatewayTest
class GatewayServerInjectionTest {

    @WebSocketGateway("/news")
    static class NewsGateway {

        @SubscribeMessage("ping")
        public String ping() {
            return "pong";
        }
    }

    @ApplicationScoped
    static class Unnamed {

        @Inject
        GatewayServer server;
    }

    @ApplicationScoped
    static class NamesAService {

        @Inject
        @Gateway(Unnamed.class)
        GatewayServer server;
    }

    @ApplicationScoped
    static class Valid {

        @Inject
        @Gateway(NewsGateway.class)
        GatewayServer news;
    }

    @Test
    void rejectsAnUnnamedServerOutsideAGatewayAndANamedNonGateway(DeploymentFailure failure) {
        assertThat(failure.ids()).containsExactlyInAnyOrder("GW-0112", "GW-0113");
        assertThat(failure.message()).contains("GW-0112 org.cdigateway.tests.deployment.GatewayServerInjectionTest"
                + ".Unnamed#server injects a GatewayServer into org.cdigateway.tests.deployment."
                + "GatewayServerInjectionTest.Unnamed, which is not a gateway, without naming one."
                + " Name the gateway: @Inject @Gateway(ChatGateway.class) GatewayServer server.");
        assertThat(failure.message()).contains("GW-0113 org.cdigateway.tests.deployment.GatewayServerInjectionTest"
                + ".NamesAService#server names org.cdigateway.tests.deployment.GatewayServerInjectionTest.Unnamed"
                + " with @Gateway, which is not a gateway. Name a class annotated with @WebSocketGateway.");
    }
}
