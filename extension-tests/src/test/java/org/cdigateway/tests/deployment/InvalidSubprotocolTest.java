package org.cdigateway.tests.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.junit5.DeploymentFailure;
import org.cdigateway.junit5.GatewayTest;
import org.junit.jupiter.api.Test;

/** GW-0128: a subprotocol that is not an HTTP token, each reported. */
@GatewayTest
class InvalidSubprotocolTest {

    // tag::invalid[]
    @WebSocketGateway(value = "/bad-protocols", subprotocols = {"chat v2", "", "chat.v1"})
    public static class BadProtocolsGateway {
        // end::invalid[]

        @SubscribeMessage("x")
        public String x() {
            return "x";
        }
    }

    @Test
    void eachInvalidSubprotocolIsReported(DeploymentFailure failure) {
        assertThat(failure.ids()).containsExactly("GW-0128", "GW-0128");
        assertThat(failure.message()).contains("'chat v2'").contains("''").doesNotContain("'chat.v1'")
                .contains("InvalidSubprotocolTest.BadProtocolsGateway");
    }
}
