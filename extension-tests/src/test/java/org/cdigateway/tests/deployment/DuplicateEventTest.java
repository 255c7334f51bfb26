package org.cdigateway.tests.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.junit5.DeploymentFailure;
import org.cdigateway.junit5.GatewayTest;
import org.junit.jupiter.api.Test;

/** GW-0102: one handler per event in a gateway, the catch-all "*" included. */
@GatewayTest
class DuplicateEventTest {

    @WebSocketGateway("/chat")
    static class TwiceGateway {

        @SubscribeMessage("join")
        public void first(String name) {}

        @SubscribeMessage("join")
        public void second(String name) {}
    }

    @WebSocketGateway("/any")
    static class TwoCatchAllsGateway {

        @SubscribeMessage("*")
        public void anything(String data) {}

        @SubscribeMessage(SubscribeMessage.ANY)
        public void everything(String data) {}
    }

    @Test
    void rejectsSecondHandlerForSameEvent(DeploymentFailure failure) {
        assertThat(failure.ids()).containsExactly("GW-0102", "GW-0102");
        assertThat(failure.message()).contains("GW-0102 Event 'join' is handled by both "
                + "org.cdigateway.tests.deployment.DuplicateEventTest.TwiceGateway#first(String) and "
                + "org.cdigateway.tests.deployment.DuplicateEventTest.TwiceGateway#second(String)."
                + " Rename one @SubscribeMessage value or merge the methods.");
    }

    @Test
    void rejectsSecondCatchAll(DeploymentFailure failure) {
        assertThat(failure.message()).contains("GW-0102 Event '*' is handled by both "
                + "org.cdigateway.tests.deployment.DuplicateEventTest.TwoCatchAllsGateway#anything(String) and "
                + "org.cdigateway.tests.deployment.DuplicateEventTest.TwoCatchAllsGateway#everything(String)."
                + " Rename one @SubscribeMessage value or merge the methods.");
    }
}
