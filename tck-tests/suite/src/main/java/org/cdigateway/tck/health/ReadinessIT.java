package org.cdigateway.tck.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.cdigateway.tck.Deployments;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * On a server with MicroProfile Health, the server's readiness report ({@code /health/ready} at the server's root)
 * holds the gateways' check, up, naming the deployed gateway's path.
 */
@ExtendWith(ArquillianExtension.class)
class ReadinessIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war("readiness", ReadyGateway.class);
    }

    @ArquillianResource
    URL base;

    @Test
    void theServersReadinessReportHoldsTheGatewaysCheckUp() throws Exception {
        // at the server's root; WildFly serves it on its management interface, named by the runner
        String root = System.getProperty("cdigateway.tck.healthRoot",
                base.getProtocol() + "://" + base.getHost() + ":" + base.getPort());
        URI ready = URI.create(root + "/health/ready");
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(ready)
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        JsonObject report = Json.createReader(new StringReader(response.body())).readObject();
        JsonObject check = report.getJsonArray("checks").stream().map(JsonValue::asJsonObject)
                .filter(c -> "cdi-gateway".equals(c.getString("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no cdi-gateway check in " + response.body()));
        assertThat(check.getString("status")).as(response.body()).isEqualTo("UP");
        JsonObject data = check.getJsonObject("data");
        assertThat(text(data.get("gateways"))).contains("/ready");
        assertThat(text(data.get("serving"))).isEqualTo("true");
        assertThat(text(data.get("broadcasterConnected"))).isEqualTo("true");
    }

    /** A value of the check's data as text: servers write booleans as JSON booleans or as strings. */
    private static String text(JsonValue value) {
        return value instanceof jakarta.json.JsonString s ? s.getString() : String.valueOf(value);
    }
}
