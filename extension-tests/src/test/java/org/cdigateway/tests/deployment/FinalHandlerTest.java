package org.cdigateway.tests.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.junit5.DeploymentFailure;
import org.cdigateway.junit5.GatewayTest;
import org.junit.jupiter.api.Test;

/** GW-0104: a final handler cannot be intercepted, so guards would silently not run. */
@GatewayTest
class FinalHandlerTest {

    @WebSocketGateway("/chat")
    static class SealedHandlerGateway {

        @SubscribeMessage("join")
        public final void join(String name) {}
    }

    @Test
    void rejectsFinalHandler(DeploymentFailure failure) {
        assertThat(failure.ids()).containsExactly("GW-0104");
        assertThat(failure.message()).contains("GW-0104 org.cdigateway.tests.deployment.FinalHandlerTest"
                + ".SealedHandlerGateway#join(String) is final, so guards and interceptors cannot intercept it."
                + " Remove the final modifier.");
    }
}
