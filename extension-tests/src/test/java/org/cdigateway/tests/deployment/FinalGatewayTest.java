package org.cdigateway.tests.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.junit5.DeploymentFailure;
import org.cdigateway.junit5.GatewayTest;
import org.junit.jupiter.api.Test;

/** GW-0111: a gateway is an application-scoped bean behind a proxy, so its class cannot be final. */
@GatewayTest
class FinalGatewayTest {

    @WebSocketGateway("/final")
    static final class SealedGateway {

        @SubscribeMessage("hello")
        public void hello(String name) {}
    }

    @Test
    void rejectsFinalGatewayClass(DeploymentFailure failure) {
        assertThat(failure.ids()).containsExactly("GW-0111");
        assertThat(failure.message()).contains("GW-0111 org.cdigateway.tests.deployment.FinalGatewayTest"
                + ".SealedGateway is final, so the container cannot proxy it and interceptors would not run."
                + " Remove the final modifier.");
    }
}
