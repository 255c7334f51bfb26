package org.cdigateway.tests.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;

import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.junit5.DeploymentFailure;
import org.cdigateway.junit5.GatewayTest;
import org.junit.jupiter.api.Test;

/** GW-0127: two unqualified Jsonb beans, and the gateways could not tell which to use. */
@GatewayTest
class SeveralJsonbTest {

    // tag::several[]
    public static class First {

        @Produces
        @Singleton
        Jsonb jsonb() {
            return JsonbBuilder.create();
        }
    }

    public static class Second {

        @Produces
        @Singleton
        Jsonb jsonb() {
            return JsonbBuilder.create();
        }
    }
    // end::several[]

    @WebSocketGateway("/several-jsonb")
    public static class SomeGateway {

        @SubscribeMessage("x")
        public String x() {
            return "x";
        }
    }

    @Test
    void theDeploymentFailsNamingBoth(DeploymentFailure failure) {
        assertThat(failure.ids()).containsExactly("GW-0127");
        assertThat(failure.message()).contains("SeveralJsonbTest$First").contains("SeveralJsonbTest$Second")
                .contains("qualifier");
    }
}
