package org.cdigateway.tests.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import jakarta.websocket.server.PathParam;

import org.cdigateway.ConnectedSocket;
import org.cdigateway.GatewayClient;
import org.cdigateway.MessageBody;
import org.cdigateway.SubscribeBinary;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.junit5.DeploymentFailure;
import org.cdigateway.junit5.GatewayTest;
import org.junit.jupiter.api.Test;

/** GW-0201: each handler parameter must be one of the kinds a frame can be bound to. */
@GatewayTest
class UnsupportedParameterTest {

    static final String PREFIX = "GW-0201 Parameter 1 ";
    static final String OF = " of org.cdigateway.tests.deployment.UnsupportedParameterTest.";
    static final String KINDS = ". A handler parameter is @MessageBody (or unannotated) data, @MessageBody(\"property\")"
            + " of data, a @ConnectedSocket GatewayClient or Session, or a @PathParam of the gateway path.";

    @WebSocketGateway("/socket")
    static class SocketAsStringGateway {

        @SubscribeMessage("join")
        public void join(@ConnectedSocket String client) {}
    }

    @WebSocketGateway("/tags/{tags}")
    static class PathParamListGateway {

        @SubscribeMessage("join")
        public void join(@PathParam("tags") List<String> tags) {}
    }

    @WebSocketGateway("/twice")
    static class TwoAnnotationsGateway {

        @SubscribeMessage("join")
        public void join(@MessageBody @ConnectedSocket GatewayClient client) {}
    }

    @WebSocketGateway("/text-upload")
    static class BinaryAsStringGateway {

        @SubscribeBinary
        public void upload(String chunk) {}
    }

    @WebSocketGateway("/property-upload")
    static class BinaryPropertyGateway {

        @SubscribeBinary
        public void upload(@MessageBody("name") byte[] chunk) {}
    }

    @Test
    void rejectsEachUnsupportedParameter(DeploymentFailure failure) {
        assertThat(failure.ids()).containsExactly("GW-0201", "GW-0201", "GW-0201", "GW-0201", "GW-0201");
    }

    @Test
    void connectedSocketOfAnotherType(DeploymentFailure failure) {
        assertThat(failure.message()).contains(PREFIX + "(String)" + OF + "SocketAsStringGateway#join(String)"
                + " is @ConnectedSocket but its type is String; use GatewayClient or jakarta.websocket.Session"
                + KINDS);
    }

    @Test
    void pathParamThatASegmentCannotBeConvertedTo(DeploymentFailure failure) {
        assertThat(failure.message()).contains(PREFIX + "(List)" + OF + "PathParamListGateway#join(List)"
                + " is @PathParam(\"tags\") of type List, which a path segment cannot be converted to; use String, a"
                + " primitive, its wrapper, UUID or an enum" + KINDS);
    }

    @Test
    void moreThanOneBindingAnnotation(DeploymentFailure failure) {
        assertThat(failure.message()).contains(PREFIX + "(GatewayClient)" + OF
                + "TwoAnnotationsGateway#join(GatewayClient) has more than one of @MessageBody, @ConnectedSocket and"
                + " @PathParam" + KINDS);
    }

    @Test
    void binaryPayloadThatIsNotBytes(DeploymentFailure failure) {
        assertThat(failure.message()).contains(PREFIX + "(String)" + OF + "BinaryAsStringGateway#upload(String)"
                + " is the payload of a @SubscribeBinary handler but its type is String; use byte[] or ByteBuffer"
                + KINDS);
    }

    @Test
    void propertyOfABinaryFrame(DeploymentFailure failure) {
        assertThat(failure.message()).contains(PREFIX + "(byte[])" + OF + "BinaryPropertyGateway#upload(byte[])"
                + " is @MessageBody(\"name\") in a @SubscribeBinary handler, whose frames have no properties; take"
                + " the payload as byte[] or ByteBuffer" + KINDS);
    }
}
