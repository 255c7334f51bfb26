package org.cdigateway.tests.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Vetoed;

import org.cdigateway.CanActivate;
import org.cdigateway.ExecutionContext;
import org.cdigateway.Global;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.UseFilters;
import org.cdigateway.UseGuards;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.WsExceptionFilter;
import org.cdigateway.junit5.DeploymentFailure;
import org.cdigateway.junit5.GatewayTest;
import org.junit.jupiter.api.Test;

/** GW-0301..0304: guards and filters must be beans, filters must name their exception type, @Global must fit. */
@GatewayTest
class GuardsAndFiltersMustBeBeansTest {

    @Vetoed
    public static class NotABeanGuard implements CanActivate {

        @Override
        public boolean canActivate(ExecutionContext context) {
            return true;
        }
    }

    @Vetoed
    public static class NotABeanFilter implements WsExceptionFilter<RuntimeException> {

        @Override
        public void catchException(RuntimeException exception, ExecutionContext context) {}
    }

    @Global
    @Dependent
    public static class GenericFilter<E extends Exception> implements WsExceptionFilter<E> {

        @Override
        public void catchException(E exception, ExecutionContext context) {}
    }

    @Global
    @ApplicationScoped
    public static class AuditLog {}

    @WebSocketGateway("/guarded")
    @UseGuards(NotABeanGuard.class)
    static class GuardedGateway {

        @SubscribeMessage("ping")
        @UseFilters(NotABeanFilter.class)
        public String ping() {
            return "pong";
        }
    }

    @Test
    void reportsEachMistakeWithItsId(DeploymentFailure failure) {
        assertThat(failure.ids()).containsExactlyInAnyOrder("GW-0301", "GW-0302", "GW-0303", "GW-0304");
        String prefix = "org.cdigateway.tests.deployment.GuardsAndFiltersMustBeBeansTest.";
        assertThat(failure.message()).contains(
                "GW-0301 " + prefix + "GuardedGateway names the guard " + prefix + "NotABeanGuard in @UseGuards,"
                        + " but it is not a bean (or several beans have its type). Give it a bean-defining annotation"
                        + " such as @ApplicationScoped, or remove it from @UseGuards.",
                "GW-0302 " + prefix + "GuardedGateway#ping() names the exception filter " + prefix
                        + "NotABeanFilter in @UseFilters, but it is not a bean",
                "GW-0303 The exception filter " + prefix + "GenericFilter does not say which exceptions it handles."
                        + " Implement WsExceptionFilter<YourException> with a concrete exception type.",
                "GW-0304 " + prefix + "AuditLog is annotated @Global but is neither a guard (CanActivate,"
                        + " CanActivateAsync) nor a WsExceptionFilter. Implement one of them, or remove @Global.");
    }
}
