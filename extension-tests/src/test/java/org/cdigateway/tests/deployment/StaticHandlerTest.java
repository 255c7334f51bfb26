package org.cdigateway.tests.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import org.cdigateway.SubscribeBinary;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.junit5.DeploymentFailure;
import org.cdigateway.junit5.GatewayTest;
import org.junit.jupiter.api.Test;

/** GW-0106: a static handler is not called on the bean, so interceptors would not run. */
@GatewayTest
class StaticHandlerTest {

    @WebSocketGateway("/static")
    static class StaticGateway {

        @SubscribeMessage("ping")
        public static String ping() {
            return "pong";
        }

        @SubscribeBinary
        public static void upload(byte[] chunk) {}
    }

    @Test
    void rejectsStaticHandlers(DeploymentFailure failure) {
        assertThat(failure.ids()).containsExactly("GW-0106", "GW-0106");
        String rest = " is static, so it is not called on the gateway bean and interceptors would not run."
                + " Remove the static modifier.";
        assertThat(failure.message()).contains(
                "GW-0106 org.cdigateway.tests.deployment.StaticHandlerTest.StaticGateway#ping()" + rest,
                "GW-0106 org.cdigateway.tests.deployment.StaticHandlerTest.StaticGateway#upload(byte[])" + rest);
    }
}
