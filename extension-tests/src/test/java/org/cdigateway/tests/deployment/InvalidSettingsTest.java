package org.cdigateway.tests.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.junit5.DeploymentFailure;
import org.cdigateway.junit5.GatewayTest;
import org.junit.jupiter.api.Test;

@GatewayTest
class InvalidSettingsTest {

    @WebSocketGateway(value = "/settings", maxMessageSize = 0, maxMessagesPerSecond = -1)
    static class BadSettingsGateway {

        @SubscribeMessage("ping")
        public String ping() {
            return "pong";
        }
    }

    @Test
    void rejectsSettingsOutOfRange(DeploymentFailure failure) {
        assertThat(failure.ids()).containsExactly("GW-0114");
        assertThat(failure.message()).contains("GW-0114 The settings of "
                + "org.cdigateway.tests.deployment.InvalidSettingsTest.BadSettingsGateway are not valid: "
                + "max-message-size must be positive, not 0; max-messages-per-second must be 0 (no limit) or positive,"
                + " not -1. Fix the @WebSocketGateway values or the configuration keys "
                + "cdigateway.org.cdigateway.tests.deployment.InvalidSettingsTest$BadSettingsGateway.*.");
    }
}
