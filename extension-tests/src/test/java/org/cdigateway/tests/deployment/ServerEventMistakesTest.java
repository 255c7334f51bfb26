package org.cdigateway.tests.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import org.cdigateway.OnServerEvent;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.junit5.DeploymentFailure;
import org.cdigateway.junit5.GatewayTest;
import org.junit.jupiter.api.Test;

/**
 * GW-0122 to GW-0125, and GW-0103/GW-0106 for server-side event handlers: each mistake of an {@code @OnServerEvent}
 * method is reported, all at once.
 */
@GatewayTest
class ServerEventMistakesTest {

    @WebSocketGateway("/server-events")
    static class MistakenGateway {

        // tag::parameters[]
        @OnServerEvent("evict")
        public void evict(String cache, String key) {}
        // end::parameters[]

        // tag::duplicate[]
        @OnServerEvent("reload")
        public void reload(String what) {}

        @OnServerEvent("reload")
        public void reloadAgain(String what) {}
        // end::duplicate[]

        // tag::also-for-clients[]
        @OnServerEvent("sync")
        @SubscribeMessage("sync")
        public void sync(String state) {}
        // end::also-for-clients[]

        // tag::blank[]
        @OnServerEvent(" ")
        public void blank(String data) {}
        // end::blank[]

        @OnServerEvent("hidden")
        void hidden(String data) {}

        @OnServerEvent("shared")
        public static void shared(String data) {}
    }

    @Test
    void everyMistakeIsReportedWithItsIdMethodAndFix(DeploymentFailure failure) {
        String gateway = "org.cdigateway.tests.deployment.ServerEventMistakesTest.MistakenGateway#";
        assertThat(failure.ids()).containsExactlyInAnyOrder("GW-0122", "GW-0123", "GW-0124", "GW-0125", "GW-0103",
                "GW-0106");
        assertThat(failure.message()).contains(
                "GW-0122 " + gateway + "evict(String, String) is an @OnServerEvent handler with 2 parameters; it"
                        + " takes at most one, the event's data. Put what the other node sends into one record or"
                        + " class.",
                "GW-0123 Server-side event 'reload' is handled by both " + gateway + "reload(String) and " + gateway
                        + "reloadAgain(String). Rename one @OnServerEvent value or merge the methods.",
                "GW-0124 " + gateway + "sync(String) has @OnServerEvent and also @SubscribeMessage or"
                        + " @SubscribeBinary",
                "GW-0125 " + gateway + "blank(String) has an empty @OnServerEvent value.",
                "GW-0103 " + gateway + "hidden(String) is not public",
                "GW-0106 " + gateway + "shared(String) is static");
    }
}
