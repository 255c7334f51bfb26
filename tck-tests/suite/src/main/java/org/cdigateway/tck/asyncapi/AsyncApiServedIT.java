package org.cdigateway.tck.asyncapi;

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

import org.cdigateway.tck.Deployments;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * With {@code cdigateway.asyncapi.enabled=true} in the WAR's MicroProfile Config, the application serves the AsyncAPI
 * document of its gateways at {@code /asyncapi.json} under its context root. Needs MicroProfile Config on the server.
 */
@ExtendWith(ArquillianExtension.class)
class AsyncApiServedIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war("asyncapi", DescribedGateway.class).addAsResource(
                new StringAsset("cdigateway.asyncapi.enabled=true\ncdigateway.asyncapi.title=Described\n"),
                "META-INF/microprofile-config.properties");
    }

    @ArquillianResource
    URL base;

    @Test
    void theApplicationServesTheDocumentOfItsGateways() throws Exception {
        URI document = base.toURI().resolve("asyncapi.json");
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(HttpRequest.newBuilder(document).timeout(Duration.ofSeconds(30)).build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s: %s", document, response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        JsonObject doc = Json.createReader(new StringReader(response.body())).readObject();
        assertThat(doc.getString("asyncapi")).isEqualTo("3.0.0");
        assertThat(doc.getJsonObject("info").getString("title")).isEqualTo("Described");
        assertThat(doc.getJsonObject("channels").getJsonObject("DescribedGateway").getString("address"))
                .isEqualTo("/described");
    }
}
