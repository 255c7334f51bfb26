package org.cdigateway.tck.validation;

import java.util.List;

import jakarta.json.bind.annotation.JsonbSubtype;
import jakarta.json.bind.annotation.JsonbTypeInfo;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Positive;

import org.cdigateway.MessageBody;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;

/** Message bodies validated with the server's Bean Validation; a polymorphic body read with JSON-B 3. */
@WebSocketGateway("/validating")
public class ValidatingGateway {

    public record Item(@NotBlank String name, @Positive int quantity) {}

    public record Order(@NotBlank String customer, @NotEmpty List<@Valid Item> items) {}

    @JsonbTypeInfo(key = "kind", value = {@JsonbSubtype(alias = "circle", type = Circle.class),
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

    @SubscribeMessage("order")
    public String order(@Valid @MessageBody Order order) {
        return "ordered " + order.items().size();
    }

    @SubscribeMessage("area")
    public double area(@Valid @MessageBody Shape shape) {
        return shape.area();
    }
}
