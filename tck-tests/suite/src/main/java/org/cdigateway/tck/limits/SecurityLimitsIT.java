package org.cdigateway.tck.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;

import org.cdigateway.junit5.client.ClientOptions;
import org.cdigateway.junit5.client.GatewayTestClient;
import org.cdigateway.tck.Connections;
import org.cdigateway.tck.Deployments;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Security defaults on a server: origin (1008), message size (1009), rate limit (4429), MicroProfile Config. */
@ExtendWith(ArquillianExtension.class)
class SecurityLimitsIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war("limits", LimitsGateway.class, LimitsGateway.ConfiguredGateway.class,
                LimitsGateway.FloodGateway.class)
                .addAsResource(new StringAsset("cdigateway." + LimitsGateway.ConfiguredGateway.class.getName()
                        + ".max-message-size=1024\n"), "META-INF/microprofile-config.properties");
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

    @Test
    void aBrowserPageOfAnotherOriginIsRefusedWith1008() {
        ClientOptions evil = ClientOptions.defaults().header("Origin", "https://evil.example");
        assertThat(connect("limits", evil).expectClose(1008).reason()).isEqualTo("Origin not allowed");
        ClientOptions partner = ClientOptions.defaults().header("Origin", "https://partner.example");
        assertThat(connect("limits", partner).request("echo", "hi").data(String.class)).isEqualTo("hi");
        String own = base.getProtocol() + "://" + base.getAuthority();
        assertThat(connect("limits", ClientOptions.defaults().header("Origin", own)).request("echo", "same")
                .data(String.class)).isEqualTo("same");
    }

    @Test
    void aMessageOverTheLimitClosesWith1009() {
        GatewayTestClient bystander = connect("limits", ClientOptions.defaults());
        GatewayTestClient client = connect("limits", ClientOptions.defaults());
        assertThat(client.request("echo", "x".repeat(60 * 1024)).data(String.class)).hasSize(60 * 1024);
        client.emit("echo", "x".repeat(65 * 1024));
        client.expectClose(1009);
        assertThat(bystander.request("echo", "still served").data(String.class)).isEqualTo("still served");
    }

    @Test
    void aClientOverItsRateIsClosedWith4429() {
        GatewayTestClient bystander = connect("flood", ClientOptions.defaults());
        GatewayTestClient flood = connect("flood", ClientOptions.defaults());
        // 30 messages at once: the bucket holds 20. Few enough that all are written before the server's close.
        for (int i = 0; i < 30; i++) {
            flood.emit("echo", "m" + i);
        }
        flood.expectClose(4429);
        assertThat(bystander.request("echo", "fine").data(String.class)).isEqualTo("fine");
    }

    @Test
    void microProfileConfigOverridesTheAnnotation() {
        GatewayTestClient client = connect("configured", ClientOptions.defaults());
        assertThat(client.request("echo", "x".repeat(900)).data(String.class)).hasSize(900);
        client.emit("echo", "x".repeat(2000));
        client.expectClose(1009);
    }
}
