package org.cdigateway.tests.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.junit5.DeploymentFailure;
import org.cdigateway.junit5.GatewayTest;
import org.junit.jupiter.api.Test;

/** GW-0101: two gateways may not serve the same path, nor two templates that match the same URIs. */
@GatewayTest
class DuplicatePathTest {

    @WebSocketGateway("/chat")
    static class LobbyGateway {

        @SubscribeMessage("hello")
        public void hello(String name) {}
    }

    @WebSocketGateway("/chat")
    static class SupportGateway {

        @SubscribeMessage("help")
        public void help(String question) {}
    }

    @WebSocketGateway("/rooms/{room}")
    static class RoomGateway {

        @SubscribeMessage("join")
        public void join(String name) {}
    }

    @WebSocketGateway("/rooms/{id}")
    static class RoomByIdGateway {

        @SubscribeMessage("join")
        public void join(String name) {}
    }

    @Test
    void rejectsOnePathPerPairOfGateways(DeploymentFailure failure) {
        assertThat(failure.ids()).containsExactly("GW-0101", "GW-0101");
    }

    @Test
    void rejectsTheSamePathTwice(DeploymentFailure failure) {
        assertThat(failure.message()).contains("GW-0101 The path '/chat' is served by both ",
                "DuplicatePathTest.LobbyGateway", "DuplicatePathTest.SupportGateway",
                "Give each @WebSocketGateway its own path.");
    }

    @Test
    void rejectsTemplatesThatDifferOnlyInVariableNames(DeploymentFailure failure) {
        assertThat(failure.message())
                .containsPattern("GW-0101 The paths '/rooms/\\{(room|id)}' and '/rooms/\\{(room|id)}' match the same"
                        + " URIs and are served by both ")
                .contains("DuplicatePathTest.RoomGateway", "DuplicatePathTest.RoomByIdGateway");
    }
}
