package org.cdigateway.internal.asyncapi;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

import jakarta.json.JsonObject;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbSubtype;
import jakarta.json.bind.annotation.JsonbTransient;
import jakarta.json.bind.annotation.JsonbTypeInfo;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import jakarta.websocket.server.PathParam;

import org.cdigateway.ConnectedSocket;
import org.cdigateway.EmitsEvent;
import org.cdigateway.GatewayClient;
import org.cdigateway.MessageBody;
import org.cdigateway.SubscribeBinary;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.WsResponse;

/** A gateway whose handlers take and return every kind of type the schema generator knows. */
@WebSocketGateway("/shop/{region}/{tier}")
@EmitsEvent(name = "price:changed", payload = TypesGateway.Price.class, description = "A price changed")
@EmitsEvent(name = "ping")
public class TypesGateway {

    public enum Region {
        EU, US
    }

    public enum Status {
        OPEN, CLOSED
    }

    public record Price(@NotNull @Positive BigDecimal amount, @Size(min = 3, max = 3) String currency) {}

    public record Line(@NotBlank String sku, @Min(1) @Max(99) int quantity, Optional<String> note) {}

    public record Order(@NotNull UUID id, @NotEmpty @Size(max = 10) @Valid List<Line> lines,
            @Email String contact, @Pattern(regexp = "[A-Z]{2}") String country, Instant at, LocalDate day,
            Duration timeout, Set<String> tags, Map<String, Integer> counts, Status status,
            @JsonbProperty("express_shipping") boolean express, Page<Line> page, double[] weights,
            JsonObject extra, @DecimalMax(value = "100.5", inclusive = false) BigDecimal discount) {}

    /** A generic wrapper: a schema per argument. */
    public record Page<T>(List<T> items, long total) {}

    /** A plain class read through its getters and setters. */
    public static class Customer {

        private String name;
        private String password;
        public int age;

        @JsonbProperty("full_name")
        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        @JsonbTransient
        public String getPassword() {
            return password;
        }

        public void setPassword(String password) {
            this.password = password;
        }
    }

    @JsonbTypeInfo(key = "kind", value = {@JsonbSubtype(alias = "card", type = Card.class),
            @JsonbSubtype(alias = "transfer", type = Transfer.class)})
    public interface Payment {}

    public record Card(@NotBlank String number) implements Payment {}

    public record Transfer(String iban) implements Payment {}

    /** Constraints on type arguments. */
    public record Labels(List<@NotBlank @Size(max = 8) String> names, Map<String, @Min(1) Integer> scores,
            Optional<@Email String> contact, List<List<@Positive Long>> matrix, List<@NotNull Line> lines) {}

    /** A validation group the gateway does not validate. */
    public interface Strict {}

    public record Grouped(@NotNull(groups = Strict.class) @Size(max = 2, groups = Strict.class) String loose,
            @Size(max = 4, groups = {Strict.class, jakarta.validation.groups.Default.class}) String both){}

    /** Refers to itself. */
    public record Category(String name, List<Category> children) {}

    @SubscribeMessage("order")
    @EmitsEvent(name = "order:placed", payload = TypesGateway.Order.class)
    public CompletionStage<Price> order(@Valid @NotNull @MessageBody Order order,
            @PathParam("region") Region region, @ConnectedSocket GatewayClient client) {
        return null;
    }

    @SubscribeMessage("customer")
    public WsResponse<Customer> customer(@MessageBody Customer customer) {
        return null;
    }

    @SubscribeMessage("pay")
    public Status pay(@MessageBody Payment payment) {
        return null;
    }

    @SubscribeMessage("move")
    public void move(@MessageBody("from") int from, @MessageBody("to") @Size(max = 5) String to) {}

    @SubscribeMessage("count")
    public int count(@MessageBody @Min(0) long n) {
        return 0;
    }

    @SubscribeMessage("tree")
    public Flow.Publisher<Category> tree(@MessageBody String root) {
        return null;
    }

    @SubscribeMessage("list")
    public List<Page<Price>> list() {
        return null;
    }

    @SubscribeMessage("labels")
    public void labels(@MessageBody @Size(max = 3) List<@Pattern(regexp = "[a-z]+") String> tags) {}

    @SubscribeMessage("label")
    public void label(@MessageBody Labels labels) {}

    @SubscribeMessage("grouped")
    public void grouped(@Valid @MessageBody Grouped grouped) {}

    @SubscribeMessage("*")
    public void any(@MessageBody JsonObject data) {}

    @SubscribeBinary
    public ByteBuffer upload(ByteBuffer bytes) {
        return null;
    }
}
