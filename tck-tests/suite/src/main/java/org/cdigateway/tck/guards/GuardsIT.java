package org.cdigateway.tck.guards;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.List;

import org.cdigateway.junit5.client.ClientOptions;
import org.cdigateway.junit5.client.Frame;
import org.cdigateway.junit5.client.GatewayTestClient;
import org.cdigateway.tck.Connections;
import org.cdigateway.tck.Deployments;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Guards on a server: refused connections (4401) before handleConnection, FORBIDDEN frames per event. */
@ExtendWith(ArquillianExtension.class)
class GuardsIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war("guards", GuardedGateway.class, GuardedGateway.Roles.class,
                GuardedGateway.Counts.class, GuardedGateway.TokenGuard.class, GuardedGateway.RolesGuard.class,
                GuardedGateway.BrokenGuard.class, GuardedGateway.CountsGateway.class);
    }

    @ArquillianResource
    URL base;

    final Connections connections = new Connections();

    @AfterEach
    void close() {
        connections.close();
    }

    private GatewayTestClient connect(String path, ClientOptions options) {
        return connections.connect(base, path, options);
    }

    private List<?> counts() {
        return connect("guard-counts", ClientOptions.defaults()).request("counts", null).data(List.class);
    }

    @Test
    void aConnectionWithoutATokenIsClosedWith4401AndNothingRuns() {
        List<?> before = counts();
        GatewayTestClient anonymous = connect("guarded", ClientOptions.defaults());
        try {
            anonymous.emit("whoami", null); // may reach the socket before the close: it must not be dispatched
        } catch (IllegalStateException alreadyClosed) {
            // the close came first
        }
        assertThat(anonymous.expectClose(4401).reason()).isEqualTo("A bearer token is required");
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void aTokenInTheHeaderOrTheSubprotocolIsAccepted() {
        GatewayTestClient header = connect("guarded",
                ClientOptions.defaults().header("Authorization", "Bearer t-alice"));
        assertThat(header.request("whoami", null).data(String.class)).isEqualTo("alice");

        GatewayTestClient protocol = connect("guarded", ClientOptions.defaults().subprotocol("bearer")
                .subprotocol("t-alice"));
        assertThat(protocol.subprotocol()).isEqualTo("bearer");
        assertThat(protocol.request("whoami", null).data(String.class)).isEqualTo("alice");
    }

    @Test
    void aRoleGuardRefusesOneEventAndTheConnectionStaysOpen() {
        GatewayTestClient alice = connect("guarded", ClientOptions.defaults().header("Authorization",
                "Bearer t-alice"));
        alice.sendText("{\"event\":\"purge\",\"data\":\"all\",\"id\":\"r-1\"}");
        Frame refused = alice.awaitFrame(java.time.Duration.ofSeconds(10)); // whatever comes next
        assertThat(refused.errorCode()).isEqualTo("FORBIDDEN");
        assertThat(refused.idAsString()).isEqualTo("r-1");
        assertThat(alice.request("broken", null).errorCode()).isEqualTo("FORBIDDEN");
        assertThat(alice.request("whoami", null).data(String.class)).isEqualTo("alice");

        GatewayTestClient ann = connect("guarded", ClientOptions.defaults().header("Authorization", "Bearer t-ann"));
        assertThat(ann.request("purge", "cache").data(String.class)).isEqualTo("purged cache");
    }
}
