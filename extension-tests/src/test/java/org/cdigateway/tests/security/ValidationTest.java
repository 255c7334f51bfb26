package org.cdigateway.tests.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.bind.annotation.JsonbSubtype;
import jakarta.json.bind.annotation.JsonbTypeInfo;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import org.cdigateway.CanActivate;
import org.cdigateway.ExecutionContext;
import org.cdigateway.MessageBody;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.UseGuards;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.junit5.Clients;
import org.cdigateway.junit5.GatewayTest;
import org.cdigateway.junit5.client.Frame;
import org.cdigateway.junit5.client.GatewayTestClient;
import org.junit.jupiter.api.Test;

/**
 * Bean Validation of message bodies: violations with paths into nested records and lists, constraints on
 * parameters, polymorphic bodies; guards run before validation.
 */
@GatewayTest
class ValidationTest {

    // tag::dtos[]
    public record Item(@NotBlank String name, @Positive int quantity) {}

    public record Address(@NotBlank String city) {}

    public record Order(@NotBlank String customer, @NotEmpty List<@Valid Item> items, @Valid Address address) {}
    // end::dtos[]

    // tag::shapes[]
    @JsonbTypeInfo(key = "kind", value = {
            @JsonbSubtype(alias = "circle", type = Circle.class),
            @JsonbSubtype(alias = "square", type = Square.class)})
    public interface Shape {

        double area();
    }

    public static final class Circle implements Shape {

        @Positive
        public double radius;

        @Override
        public double area() {
            return Math.PI * radius * radius;
        }
    }

    public static final class Square implements Shape {

        @Positive
        public double side;

        @Override
        public double area() {
            return side * side;
        }
    }
    // end::shapes[]

    @ApplicationScoped
    public static class NobodyGuard implements CanActivate {

        @Override
        public boolean canActivate(ExecutionContext context) {
            return false;
        }
    }

    // tag::gateway[]
    @WebSocketGateway("/orders")
    public static class OrderGateway {

        @SubscribeMessage("order")
        public String order(@Valid @MessageBody Order order) { // <1>
            return "ordered " + order.items().size();
        }

        @SubscribeMessage("rename")
        public String rename(@NotBlank @Size(max = 10) @MessageBody("name") String name) { // <2>
            return "renamed " + name;
        }

        @SubscribeMessage("area")
        public double area(@Valid @MessageBody Shape shape) { // <3>
            return shape.area();
        }
        // end::gateway[]

        @SubscribeMessage("closed")
        @UseGuards(NobodyGuard.class)
        public String closed(@Valid @MessageBody Order order) {
            return "never";
        }
        // tag::gateway[]
    }
    // end::gateway[]

    @SuppressWarnings("unchecked")
    private static List<Map<String, String>> violations(Frame frame) {
        assertThat(frame.errorCode()).as(frame.raw()).isEqualTo("VALIDATION_FAILED");
        return (List<Map<String, String>>) frame.data(Map.class).get("violations");
    }

    @Test
    void violationsCarryPathsIntoNestedRecordsAndLists(Clients clients) {
        GatewayTestClient client = clients.connect("/orders");
        client.sendText("{\"event\":\"order\",\"id\":\"r-1\",\"data\":{\"customer\":\"\",\"items\":["
                + "{\"name\":\"tea\",\"quantity\":1},{\"name\":\" \",\"quantity\":0}],\"address\":{\"city\":\"\"}}}");
        Frame frame = client.awaitFrame(java.time.Duration.ofSeconds(10)); // whatever comes next
        assertThat(frame.idAsString()).isEqualTo("r-1");
        assertThat(violations(frame)).extracting(v -> v.get("path")).containsExactly("data.address.city",
                "data.customer", "data.items[1].name", "data.items[1].quantity");
        assertThat(violations(frame)).allSatisfy(v -> assertThat(v.get("message")).isNotBlank());

        assertThat(client.request("order", Map.of("customer", "ann", "items",
                List.of(Map.of("name", "tea", "quantity", 2)), "address", Map.of("city", "Oslo")))
                .data(String.class)).isEqualTo("ordered 1");
    }

    @Test
    void anEmptyListAndAParameterConstraintAreViolations(Clients clients) {
        GatewayTestClient client = clients.connect("/orders");
        assertThat(violations(client.request("order", Map.of("customer", "ann", "items", List.of()))))
                .extracting(v -> v.get("path")).containsExactly("data.items");
        assertThat(violations(client.request("rename", Map.of("name", "far too long a name"))))
                .extracting(v -> v.get("path")).containsExactly("data.name");
        assertThat(client.request("rename", Map.of("name", "short")).data(String.class)).isEqualTo("renamed short");
    }

    @Test
    void aPolymorphicBodyIsReadAsTheSubtypeItNames(Clients clients) {
        GatewayTestClient client = clients.connect("/orders");
        assertThat(client.request("area", Map.of("kind", "square", "side", 3)).data(Double.class)).isEqualTo(9.0);
        assertThat(client.request("area", Map.of("kind", "circle", "radius", 1)).data(Double.class))
                .isCloseTo(Math.PI, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(violations(client.request("area", Map.of("kind", "square", "side", -1))))
                .extracting(v -> v.get("path")).containsExactly("data.side");
    }

    @Test
    void anUnknownDiscriminatorIsAValidationFailureNotAnInternalError(Clients clients) {
        GatewayTestClient client = clients.connect("/orders");
        Frame frame = client.request("area", Map.of("kind", "hexagon", "side", 1));
        assertThat(violations(frame)).extracting(v -> v.get("path")).containsExactly("data");
    }

    @Test
    void guardsRunBeforeValidation(Clients clients) {
        GatewayTestClient client = clients.connect("/orders");
        assertThat(client.request("closed", Map.of("customer", "")).errorCode()).isEqualTo("FORBIDDEN");
    }
}
