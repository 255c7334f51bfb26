package org.cdigateway.tests.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import org.cdigateway.Adapter;
import org.cdigateway.Compression;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.junit5.DeploymentFailure;
import org.cdigateway.junit5.GatewayTest;
import org.junit.jupiter.api.Test;

/**
 * GW-0129: compression on a gateway without an endpoint of its own (Socket.IO only). The Socket.IO module is not on
 * this module's class path, so GW-0116 comes along.
 */
@GatewayTest
class CompressionWithoutEndpointTest {

    // tag::invalid[]
    @WebSocketGateway(value = "/io", adapter = Adapter.SOCKET_IO, namespace = "/chat", compression = Compression.ON)
    public static class CompressedSocketIoGateway {
        // end::invalid[]

        @SubscribeMessage("x")
        public String x() {
            return "x";
        }
    }

    @WebSocketGateway(value = "/both", adapter = {Adapter.NATIVE}, compression = Compression.OFF)
    public static class NativeGateway {

        @SubscribeMessage("x")
        public String x() {
            return "x";
        }
    }

    @Test
    void compressionNeedsTheNativeEndpoint(DeploymentFailure failure) {
        assertThat(failure.ids()).containsExactlyInAnyOrder("GW-0116", "GW-0129");
        assertThat(failure.message()).contains("GW-0129 org.cdigateway.tests.deployment.CompressionWithoutEndpointTest"
                + ".CompressedSocketIoGateway sets @WebSocketGateway(compression = ON) but does not speak the native"
                + " protocol").doesNotContain("NativeGateway");
    }
}
