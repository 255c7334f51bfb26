package org.cdigateway.tests.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.enterprise.context.ApplicationScoped;

import org.cdigateway.CanActivate;
import org.cdigateway.ExecutionContext;
import org.cdigateway.Global;
import org.cdigateway.SecurityScheme;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.UseGuards;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.junit5.DeploymentFailure;
import org.cdigateway.junit5.GatewayTest;
import org.junit.jupiter.api.Test;

/**
 * GW-0306: a guard whose {@code @SecurityScheme} contradicts itself fails the deployment (not the first request for
 * the AsyncAPI document), for a guard named in {@code @UseGuards} and a global one, each once.
 */
@GatewayTest
class InvalidSecuritySchemeTest {

    // tag::invalid[]
    @ApplicationScoped
    @SecurityScheme(scheme = "basic", bearerFormat = "JWT")
    public static class FormatOfBasicGuard implements CanActivate {
        // end::invalid[]

        @Override
        public boolean canActivate(ExecutionContext context) {
            return true;
        }
    }

    @ApplicationScoped
    @Global
    @SecurityScheme(type = SecurityScheme.Type.HTTP_API_KEY, in = SecurityScheme.In.QUERY)
    public static class NamelessKeyGuard implements CanActivate {

        @Override
        public boolean canActivate(ExecutionContext context) {
            return true;
        }
    }

    @ApplicationScoped
    @SecurityScheme(bearerFormat = "JWT")
    public static class FineGuard implements CanActivate {

        @Override
        public boolean canActivate(ExecutionContext context) {
            return true;
        }
    }

    @WebSocketGateway("/schemes")
    @UseGuards({FormatOfBasicGuard.class, FineGuard.class})
    public static class SchemesGateway {

        @SubscribeMessage("x")
        @UseGuards(FormatOfBasicGuard.class)
        public String x() {
            return "x";
        }
    }

    @Test
    void eachContradictingGuardIsReportedOnce(DeploymentFailure failure) {
        assertThat(failure.ids()).containsExactlyInAnyOrder("GW-0306", "GW-0306");
        assertThat(failure.message())
                .contains("FormatOfBasicGuard has a bearerFormat with the scheme \"basic\"")
                .contains("NamelessKeyGuard has type HTTP_API_KEY and no name").doesNotContain("FineGuard");
    }
}
