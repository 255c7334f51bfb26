package org.cdigateway.tests.json;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.config.PropertyNamingStrategy;

import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.junit5.Clients;
import org.cdigateway.junit5.GatewayTest;
import org.cdigateway.junit5.client.GatewayTestClient;
import org.junit.jupiter.api.Test;

/**
 * An application that produces its own {@link Jsonb} gets its message bodies decoded and its replies and emits encoded
 * with it: here, snake_case property names.
 */
@GatewayTest
class ApplicationJsonbTest {

    // tag::producer[]
    public static class JsonbProducer {

        @Produces
        @Singleton // not a client proxy: bodies are then decoded straight from the frame's parser
        Jsonb jsonb() {
            return JsonbBuilder.create(new JsonbConfig()
                    .withPropertyNamingStrategy(PropertyNamingStrategy.LOWER_CASE_WITH_UNDERSCORES));
        }
    }
    // end::producer[]

    public record NewOrder(String customerName, int itemCount) {}

    public record OrderPlaced(String orderId, String customerName, int itemCount) {}

    @WebSocketGateway("/orders")
    public static class OrdersGateway {

        @SubscribeMessage("place")
        public OrderPlaced place(NewOrder order) {
            return new OrderPlaced("o-1", order.customerName(), order.itemCount());
        }

        @SubscribeMessage("named")
        public String named(@org.cdigateway.MessageBody("customer_name") String name) {
            return name;
        }
    }

    @Test
    void bodiesAndRepliesUseTheApplicationsJsonb(Clients clients) {
        GatewayTestClient c = clients.connect("/orders");
        c.sendText("{\"event\":\"place\",\"data\":{\"customer_name\":\"Ada\",\"item_count\":3},\"id\":1}");
        String reply = c.awaitFrame(java.time.Duration.ofSeconds(10)).raw();
        assertThat(reply).contains("\"order_id\":\"o-1\"").contains("\"customer_name\":\"Ada\"")
                .contains("\"item_count\":3").doesNotContain("customerName");
    }

    @Test
    void theParsedPathUsesItToo(Clients clients) {
        GatewayTestClient c = clients.connect("/orders");
        // data before event: decoded from the parsed tree, not from the parser
        c.sendText("{\"data\":{\"item_count\":2,\"customer_name\":\"Bob\"},\"event\":\"place\",\"id\":2}");
        assertThat(c.awaitFrame(java.time.Duration.ofSeconds(10)).raw()).contains("\"customer_name\":\"Bob\"")
                .contains("\"item_count\":2");
        assertThat(c.request("named", java.util.Map.of("customer_name", "Cy")).data(String.class)).isEqualTo("Cy");
    }
}
