package org.cdigateway.tests.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import org.cdigateway.SubscribeBinary;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.junit5.DeploymentFailure;
import org.cdigateway.junit5.GatewayTest;
import org.junit.jupiter.api.Test;

/** GW-0110: a method handles text frames or binary frames, never both. */
@GatewayTest
class TextAndBinaryTest {

    @WebSocketGateway("/both")
    static class BothGateway {

        @SubscribeMessage("upload")
        @SubscribeBinary
        public void upload(byte[] chunk) {}
    }

    @Test
    void rejectsMethodAnnotatedForTextAndBinary(DeploymentFailure failure) {
        assertThat(failure.ids()).containsExactly("GW-0110");
        assertThat(failure.message()).contains("GW-0110 "
                + "org.cdigateway.tests.deployment.TextAndBinaryTest.BothGateway#upload(byte[]) is annotated both"
                + " @SubscribeMessage and @SubscribeBinary. Keep one: text and binary frames take different"
                + " parameters.");
    }
}
