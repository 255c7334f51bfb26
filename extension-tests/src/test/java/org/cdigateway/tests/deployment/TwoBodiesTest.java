package org.cdigateway.tests.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;

import org.cdigateway.GatewayClient;
import org.cdigateway.MessageBody;
import org.cdigateway.SubscribeBinary;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.junit5.DeploymentFailure;
import org.cdigateway.junit5.GatewayTest;
import org.junit.jupiter.api.Test;

/** GW-0203: the whole message body is bound to at most one parameter. */
@GatewayTest
class TwoBodiesTest {

    static final String PREFIX = "GW-0203 org.cdigateway.tests.deployment.TwoBodiesTest.";
    static final String FIX = ". Bind the body once, or name a property of it in each: @MessageBody(\"room\").";

    @WebSocketGateway("/bodies")
    static class BodiesGateway {

        @SubscribeMessage("unannotated")
        public void unannotated(String room, GatewayClient client, String text) {}

        @SubscribeMessage("annotated")
        public void annotated(@MessageBody String room, @MessageBody String text) {}

        @SubscribeBinary
        public void upload(byte[] chunk, ByteBuffer copy) {}
    }

    @Test
    void rejectsTheBodyBoundTwice(DeploymentFailure failure) {
        assertThat(failure.ids()).containsExactly("GW-0203", "GW-0203", "GW-0203");
        String twice = " binds the whole message body twice, to parameter ";
        assertThat(failure.message()).contains(
                PREFIX + "BodiesGateway#unannotated(String, GatewayClient, String)" + twice + "1 and parameter 3" + FIX,
                PREFIX + "BodiesGateway#annotated(String, String)" + twice + "1 and parameter 2" + FIX,
                PREFIX + "BodiesGateway#upload(byte[], ByteBuffer)" + twice + "1 and parameter 2" + FIX);
    }
}
