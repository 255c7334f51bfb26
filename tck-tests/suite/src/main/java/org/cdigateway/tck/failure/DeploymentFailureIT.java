package org.cdigateway.tck.failure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.cdigateway.tck.Deployments;
import org.cdigateway.tck.ServerLog;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Mistakes in gateways fail the deployment, every problem at once, each with its ID and the method at fault. */
@ExtendWith(ArquillianExtension.class)
class DeploymentFailureIT {

    @Deployment(name = "broken", managed = false, testable = false)
    static WebArchive broken() {
        return Deployments.war("broken", TwiceGateway.class, SamePathGateway.class);
    }

    @ArquillianResource
    Deployer deployer;

    @Test
    void failsTheDeploymentListingEveryProblem() {
        ServerLog log = ServerLog.mark();
        Throwable failure = catchThrowable(() -> deployer.deploy("broken"));
        try {
            deployer.undeploy("broken");
        } catch (RuntimeException e) {
            // some servers leave nothing deployed after a failure
        }
        assertThat(failure).as("the deployment of gateways with mistakes").isNotNull();
        String report = ServerLog.describe(failure) + log.since();
        assertThat(report).contains("GW-0102 Event 'join' is handled by both "
                + "org.cdigateway.tck.failure.TwiceGateway#first(String) and "
                + "org.cdigateway.tck.failure.TwiceGateway#second(String).");
        assertThat(report).contains("GW-0104 org.cdigateway.tck.failure.TwiceGateway#leave(String) is final");
        assertThat(report).contains("GW-0101 The path '/broken' is served by both");
    }
}
