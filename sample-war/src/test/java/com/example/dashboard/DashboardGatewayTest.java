package com.example.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.cdigateway.junit5.Clients;
import org.cdigateway.junit5.GatewayTest;
import org.cdigateway.junit5.client.GatewayTestClient;
import org.junit.jupiter.api.Test;

@GatewayTest(classes = {DashboardGateway.class, MetricsTicker.class})
class DashboardGatewayTest {

    @Test
    void everyDashboardGetsASampleEverySecondWithoutAsking(Clients clients) {
        GatewayTestClient one = clients.connect("/dashboard");
        GatewayTestClient two = clients.connect("/dashboard");
        Metrics first = one.awaitEvent("metrics", Duration.ofSeconds(3)).data(Metrics.class);
        Metrics next = one.awaitEvent("metrics", Duration.ofSeconds(3)).data(Metrics.class);
        assertThat(next.tick()).isEqualTo(first.tick() + 1);
        assertThat(next.heapMaxMb()).isPositive();
        // a sample taken once both are connected counts both (the first one either sees may predate the second)
        int counted = 0;
        for (int i = 0; i < 3 && counted != 2; i++) {
            counted = two.awaitEvent("metrics", Duration.ofSeconds(3)).data(Metrics.class).dashboards();
        }
        assertThat(counted).isEqualTo(2);
    }
}
