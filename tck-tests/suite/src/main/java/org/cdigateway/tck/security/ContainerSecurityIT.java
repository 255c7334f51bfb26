package org.cdigateway.tck.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;

import org.cdigateway.junit5.client.ClientOptions;
import org.cdigateway.junit5.client.Frame;
import org.cdigateway.junit5.client.GatewayConnectException;
import org.cdigateway.junit5.client.GatewayTestClient;
import org.cdigateway.tck.Deployments;
import org.cdigateway.tck.WebSockets;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code @RolesAllowed}, {@code @PermitAll} and {@code @DenyAll} against the principal and roles the server
 * authenticated: a WAR secured the Jakarta EE way (HTTP Basic with an identity store, a security constraint on one
 * path, its roles declared).
 */
@ExtendWith(ArquillianExtension.class)
class ContainerSecurityIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war("secured", SecuredGateways.class, SecuredGateways.MembersGateway.class,
                SecuredGateways.ClubGateway.class, SecuredGateways.LobbyGateway.class, TckUsers.class)
                .setWebXML(ContainerSecurityIT.class.getPackage(), "basic-web.xml")
                .addAsWebInfResource(ContainerSecurityIT.class.getPackage(), "payara-web.xml", "payara-web.xml")
                .addAsWebInfResource(ContainerSecurityIT.class.getPackage(), "jboss-web.xml", "jboss-web.xml");
    }

    @ArquillianResource
    URL base;

    static ClientOptions as(String user, String password) {
        return ClientOptions.defaults().basicAuth(user, password);
    }

    private static void assertForbidden(GatewayTestClient client, String event, String message) {
        Frame refused = client.request(event, null);
        assertThat(refused.isError()).as(event).isTrue();
        assertThat(refused.errorCode()).isEqualTo("FORBIDDEN");
        assertThat(refused.errorMessage()).isEqualTo(message);
    }

    @Test
    void theServerRefusesAnAnonymousHandshakeToAProtectedPath() {
        assertThatThrownBy(() -> WebSockets.connect(base, "members").close())
                .isInstanceOfSatisfying(GatewayConnectException.class, e -> assertThat(e.statusCode()).isEqualTo(401));
    }

    @Test
    void theServersPrincipalAndRolesDecideTheConnectionAndEachMessage() {
        try (GatewayTestClient bob = WebSockets.connect(base, "members", as("bob", "builder"));
                GatewayTestClient alice = WebSockets.connect(base, "members", as("alice", "wonder"))) {
            assertThat(bob.request("whoami", null).data(String.class)).isEqualTo("bob");
            assertForbidden(bob, "purge", "Forbidden resource");
            assertForbidden(bob, "shutdown", "Forbidden resource");
            assertThat(bob.request("whoami", null).data(String.class)).isEqualTo("bob");

            assertThat(alice.request("purge", null).data(String.class)).isEqualTo("purged");
            assertForbidden(alice, "shutdown", "Forbidden resource");
        }
        try (GatewayTestClient carol = WebSockets.connect(base, "members", as("carol", "singer"))) {
            assertThat(carol.expectClose(4403).reason()).isEqualTo("Forbidden resource");
        }
    }

    @Test
    void atAnOpenPathTheGatewayRefusesAnonymousWith4401AndOthersWith4403() {
        try (GatewayTestClient anonymous = WebSockets.connect(base, "club")) {
            assertThat(anonymous.expectClose(4401).reason()).isEqualTo("Not authenticated");
        }
        try (GatewayTestClient carol = WebSockets.connect(base, "club", as("carol", "singer"))) {
            assertThat(carol.expectClose(4403).reason()).isEqualTo("Forbidden resource");
        }
        try (GatewayTestClient bob = WebSockets.connect(base, "club", as("bob", "builder"))) {
            assertThat(bob.request("whoami", null).data(String.class)).isEqualTo("bob");
        }
    }

    @Test
    void permitAllAdmitsEveryoneAndAnyAuthenticatedNeedsAnIdentity() {
        try (GatewayTestClient anonymous = WebSockets.connect(base, "lobby");
                GatewayTestClient carol = WebSockets.connect(base, "lobby", as("carol", "singer"))) {
            assertThat(anonymous.request("whoami", null).data(String.class)).isEqualTo("anonymous");
            assertForbidden(anonymous, "post", "Not authenticated");
            assertThat(carol.request("post", null).data(String.class)).isEqualTo("posted by carol");
        }
    }
}
