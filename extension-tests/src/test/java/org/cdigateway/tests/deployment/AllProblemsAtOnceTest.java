package org.cdigateway.tests.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import jakarta.websocket.server.PathParam;

import org.cdigateway.ConnectedSocket;
import org.cdigateway.SubscribeBinary;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.junit5.DeploymentFailure;
import org.cdigateway.junit5.GatewayTest;
import org.junit.jupiter.api.Test;

/** A deployment with many mistakes fails once, listing every one of them, not just the first. */
@GatewayTest
class AllProblemsAtOnceTest {

    @WebSocketGateway("/shop/{id}")
    static class ShopGateway {

        @SubscribeMessage("join")
        public void join(String name) {}

        @SubscribeMessage("join")
        public void rejoin(String name) {} // GW-0102

        @SubscribeMessage("leave")
        void leave(String name) {} // GW-0103

        @SubscribeMessage("price")
        public Optional<String> price() { // GW-0105
            return Optional.empty();
        }

        @SubscribeMessage("room")
        public void room(@PathParam("room") String room) {} // GW-0202
    }

    @WebSocketGateway("/shop/{sku}") // GW-0101
    static class StockGateway {

        @SubscribeMessage("restock")
        public void restock(String sku, String amount) {} // GW-0203

        @SubscribeMessage("watch")
        public void watch(@ConnectedSocket String client) {} // GW-0201

        @SubscribeMessage("photo")
        @SubscribeBinary
        public void photo(byte[] image) {} // GW-0110
    }

    @Test
    void reportsEveryProblemInOneFailure(DeploymentFailure failure) {
        assertThat(failure.ids()).containsExactlyInAnyOrder("GW-0101", "GW-0102", "GW-0103", "GW-0105", "GW-0202",
                "GW-0203", "GW-0201", "GW-0110");
        assertThat(failure.message()).startsWith("CDI Gateway found 8 problems in the gateways of this deployment:");
    }

    @Test
    void namesEachPlaceOnItsOwnNumberedLine(DeploymentFailure failure) {
        assertThat(failure.message().lines().skip(1))
                .hasSize(8)
                .allMatch(line -> line.matches("  [1-8]\\. GW-\\d{4} .*"), "a numbered line starting with its ID");
        assertThat(failure.message()).contains("ShopGateway#rejoin(String)", "ShopGateway#leave(String)",
                "ShopGateway#price()", "ShopGateway#room(String)", "StockGateway#restock(String, String)",
                "StockGateway#watch(String)", "StockGateway#photo(byte[])", "AllProblemsAtOnceTest.StockGateway");
    }
}
