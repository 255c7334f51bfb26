package org.cdigateway.tck.failure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.cdigateway.tck.Deployments;
import org.cdigateway.tck.ServerLog;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
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

    @Deployment(name = "clash", managed = false, testable = false)
    static WebArchive clash() {
        return Deployments.war("clash", ClashingGateway.class, ClashingEndpoint.class);
    }

    @Deployment(name = "nocdi", managed = false, testable = false)
    static WebArchive withoutCdi() {
        return Deployments.war("nocdi", UnseenGateway.class).addAsWebInfResource(new StringAsset(
                "<beans xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"4.0\" bean-discovery-mode=\"none\"/>"),
                "beans.xml");
    }

    @ArquillianResource
    Deployer deployer;

    @Test
    void failsTheDeploymentListingEveryProblem() {
        String report = failedDeployment("broken");
        assertThat(report).contains("GW-0102 Event 'join' is handled by both "
                + "org.cdigateway.tck.failure.TwiceGateway#first(String) and "
                + "org.cdigateway.tck.failure.TwiceGateway#second(String).");
        assertThat(report).contains("GW-0104 org.cdigateway.tck.failure.TwiceGateway#leave(String) is final");
        assertThat(report).contains("GW-0101 The path '/broken' is served by both");
    }

    @Test
    void failsTheDeploymentWhenAGatewayCannotBeRegistered() {
        String report = failedDeployment("clash");
        assertThat(report).contains("GW-0503 The gateway org.cdigateway.tck.failure.ClashingGateway could not be"
                + " registered at '/clash'");
    }

    @Test
    void failsTheDeploymentWhenCdiDoesNotDeployTheGateways() {
        String report = failedDeployment("nocdi");
        assertThat(report).contains("GW-0502 The application contains the gateways"
                + " [org.cdigateway.tck.failure.UnseenGateway] but CDI did not deploy them");
    }

    /** Deploys a deployment that must fail; what the adapter and the server's log said about it. */
    private String failedDeployment(String name) {
        ServerLog log = ServerLog.mark();
        Throwable failure = catchThrowable(() -> deployer.deploy(name));
        try {
            deployer.undeploy(name);
        } catch (RuntimeException e) {
            // some servers leave nothing deployed after a failure
        }
        assertThat(failure).as("the deployment of " + name).isNotNull();
        return ServerLog.describe(failure) + log.since();
    }
}
