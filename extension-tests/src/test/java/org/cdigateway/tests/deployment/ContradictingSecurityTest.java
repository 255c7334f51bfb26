package org.cdigateway.tests.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;

import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.junit5.DeploymentFailure;
import org.cdigateway.junit5.GatewayTest;
import org.junit.jupiter.api.Test;

/** GW-0305: security annotations that contradict each other on one class or handler, each reported. */
@GatewayTest
class ContradictingSecurityTest {

    // tag::contradicting[]
    @WebSocketGateway("/contradicting")
    @RolesAllowed("chat")
    @PermitAll
    public static class ContradictingGateway {

        @SubscribeMessage("purge")
        @RolesAllowed("admin")
        @DenyAll
        public String purge() {
            return "purged";
        }
        // end::contradicting[]

        @SubscribeMessage("fine")
        @PermitAll
        public String fine() {
            return "fine";
        }
    }

    @Test
    void eachContradictionIsReportedWithWhereItIs(DeploymentFailure failure) {
        assertThat(failure.ids()).containsExactlyInAnyOrder("GW-0305", "GW-0305");
        assertThat(failure.message())
                .contains("ContradictingSecurityTest.ContradictingGateway is annotated @RolesAllowed and @PermitAll")
                .contains("ContradictingGateway#purge() is annotated @RolesAllowed and @DenyAll")
                .doesNotContain("#fine");
    }
}
