package org.cdigateway.tests.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.websocket.server.PathParam;

import org.cdigateway.SubscribeBinary;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.junit5.DeploymentFailure;
import org.cdigateway.junit5.GatewayTest;
import org.junit.jupiter.api.Test;

/** GW-0202: a @PathParam names a variable of the gateway's own path. */
@GatewayTest
class PathParamNotInPathTest {

    static final String OF = " of org.cdigateway.tests.deployment.PathParamNotInPathTest.";

    @WebSocketGateway("/chat")
    static class NoVariablesGateway {

        @SubscribeMessage("join")
        public void join(@PathParam("room") String room) {}
    }

    @WebSocketGateway("/orgs/{org}")
    static class OtherVariableGateway {

        @SubscribeBinary
        public void upload(byte[] chunk, @PathParam("room") String room) {}
    }

    @Test
    void rejectsPathParamsOfVariablesThePathDoesNotHave(DeploymentFailure failure) {
        assertThat(failure.ids()).containsExactly("GW-0202", "GW-0202");
    }

    @Test
    void pathWithoutVariables(DeploymentFailure failure) {
        assertThat(failure.message()).contains("GW-0202 Parameter 1 (String)" + OF
                + "NoVariablesGateway#join(String) is @PathParam(\"room\"), but the gateway path '/chat' has no"
                + " variables. Use one of the path's variable names or add {room} to the path.");
    }

    @Test
    void pathWithOtherVariables(DeploymentFailure failure) {
        assertThat(failure.message()).contains("GW-0202 Parameter 2 (String)" + OF
                + "OtherVariableGateway#upload(byte[], String) is @PathParam(\"room\"), but the gateway path"
                + " '/orgs/{org}' has only the variables [org]. Use one of the path's variable names or add {room} to"
                + " the path.");
    }
}
