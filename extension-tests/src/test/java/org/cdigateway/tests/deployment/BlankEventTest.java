package org.cdigateway.tests.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.junit5.DeploymentFailure;
import org.cdigateway.junit5.GatewayTest;
import org.junit.jupiter.api.Test;

/** GW-0107: a handler names the event it handles; empty and whitespace-only names are rejected. */
@GatewayTest
class BlankEventTest {

    @WebSocketGateway("/blank")
    static class NamelessGateway {

        @SubscribeMessage("")
        public void empty(String data) {}

        @SubscribeMessage("  ")
        public void spaces(String data) {}
    }

    @Test
    void rejectsEmptyAndWhitespaceEvents(DeploymentFailure failure) {
        assertThat(failure.ids()).containsExactly("GW-0107", "GW-0107");
        String rest = " has an empty @SubscribeMessage value. Name the event it handles, or use \"*\" to handle"
                + " every event without a handler of its own.";
        assertThat(failure.message()).contains(
                "GW-0107 org.cdigateway.tests.deployment.BlankEventTest.NamelessGateway#empty(String)" + rest,
                "GW-0107 org.cdigateway.tests.deployment.BlankEventTest.NamelessGateway#spaces(String)" + rest);
    }
}
