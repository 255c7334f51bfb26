package org.cdigateway.tests.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;

import org.cdigateway.SubscribeBinary;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.junit5.DeploymentFailure;
import org.cdigateway.junit5.GatewayTest;
import org.junit.jupiter.api.Test;

/** GW-0109: binary frames carry no event name, so a gateway has at most one binary handler. */
@GatewayTest
class SecondBinaryHandlerTest {

    @WebSocketGateway("/upload")
    static class TwoUploadsGateway {

        @SubscribeBinary
        public void images(byte[] chunk) {}

        @SubscribeBinary
        public void videos(ByteBuffer chunk) {}
    }

    @Test
    void rejectsSecondBinaryHandler(DeploymentFailure failure) {
        assertThat(failure.ids()).containsExactly("GW-0109");
        assertThat(failure.message()).contains("GW-0109 Both "
                + "org.cdigateway.tests.deployment.SecondBinaryHandlerTest.TwoUploadsGateway#images(byte[]) and "
                + "org.cdigateway.tests.deployment.SecondBinaryHandlerTest.TwoUploadsGateway#videos(ByteBuffer)"
                + " are annotated @SubscribeBinary, but a gateway has one binary handler. Merge the methods.");
    }
}
