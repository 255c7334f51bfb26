package org.cdigateway.tck.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.List;
import java.util.Map;

import org.cdigateway.junit5.client.Frame;
import org.cdigateway.junit5.client.GatewayTestClient;
import org.cdigateway.tck.Deployments;
import org.cdigateway.tck.WebSockets;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Validation on a server: VALIDATION_FAILED with paths into nested records and lists; polymorphic bodies. */
@ExtendWith(ArquillianExtension.class)
class ValidationIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war("validation", ValidatingGateway.class, ValidatingGateway.Item.class,
                ValidatingGateway.Order.class, ValidatingGateway.Shape.class, ValidatingGateway.Circle.class,
                ValidatingGateway.Square.class);
    }

    @ArquillianResource
    URL base;

    GatewayTestClient client;

    @BeforeEach
    void connect() {
        client = WebSockets.connect(base, "validating");
    }

    @AfterEach
    void close() {
        client.close();
    }

    @SuppressWarnings("unchecked")
    private static List<String> paths(Frame frame) {
        assertThat(frame.errorCode()).as(frame.raw()).isEqualTo("VALIDATION_FAILED");
        List<Map<String, String>> violations = (List<Map<String, String>>) frame.data(Map.class).get("violations");
        return violations.stream().map(v -> v.get("path")).toList();
    }

    @Test
    void violationsCarryPathsIntoNestedRecordsAndLists() {
        Frame frame = client.request("order", Map.of("customer", "", "items",
                List.of(Map.of("name", "tea", "quantity", 1), Map.of("name", "", "quantity", 0))));
        assertThat(paths(frame)).containsExactly("data.customer", "data.items[1].name", "data.items[1].quantity");
        assertThat(client.request("order", Map.of("customer", "ann", "items",
                List.of(Map.of("name", "tea", "quantity", 2)))).data(String.class)).isEqualTo("ordered 1");
    }

    @Test
    void aPolymorphicBodyIsReadAsItsSubtypeAndAnUnknownOneIsAValidationFailure() {
        assertThat(client.request("area", Map.of("kind", "square", "side", 3)).data(Double.class)).isEqualTo(9.0);
        assertThat(paths(client.request("area", Map.of("kind", "square", "side", -1)))).containsExactly("data.side");
        assertThat(paths(client.request("area", Map.of("kind", "hexagon", "side", 1)))).containsExactly("data");
    }
}
