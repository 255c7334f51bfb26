package org.cdigateway.tests.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import org.cdigateway.SubscribeBinary;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.junit5.DeploymentFailure;
import org.cdigateway.junit5.GatewayTest;
import org.junit.jupiter.api.Test;

/** GW-0103: handlers are called through the bean's proxy, so they must be public. */
@GatewayTest
class HandlerNotPublicTest {

    @WebSocketGateway("/hidden")
    static class HiddenGateway {

        @SubscribeMessage("join")
        void join(String name) {}

        @SubscribeMessage("leave")
        protected void leave(String name) {}

        @SubscribeMessage("typing")
        @SuppressWarnings("unused")
        private void typing(String name) {}

        @SubscribeBinary
        void upload(byte[] chunk) {}
    }

    @Test
    void rejectsEveryHandlerThatIsNotPublic(DeploymentFailure failure) {
        assertThat(failure.ids()).containsExactly("GW-0103", "GW-0103", "GW-0103", "GW-0103");
        String rest = " is not public, so it cannot be called through the bean's proxy and interceptors would not"
                + " run. Make the method public.";
        assertThat(failure.message()).contains("GW-0103 org.cdigateway.tests.deployment.HandlerNotPublicTest"
                + ".HiddenGateway#join(String)" + rest, "HiddenGateway#leave(String)" + rest,
                "HiddenGateway#typing(String)" + rest, "HiddenGateway#upload(byte[])" + rest);
    }
}
