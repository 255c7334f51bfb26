package org.cdigateway.fuzz;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.json.bind.annotation.JsonbSubtype;
import jakarta.json.bind.annotation.JsonbTypeInfo;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/** The message bodies the fuzz gateway binds frames to; the in-process target decodes into the same types. */
public final class Bodies {

    private Bodies() {}

    public record Message(@NotBlank @Size(max = 64) String text, @PositiveOrZero int count, List<String> tags) {}

    public record Item(@NotBlank String name, @Positive int quantity) {}

    public record Address(@NotBlank String city, String zip) {}

    public record Order(@NotBlank String customer, @NotEmpty List<@Valid Item> items, @Valid Address address) {}

    public enum Level {
        LOW, HIGH
    }

    /** Values JSON-B reads from strings: an enum, a time, a UUID, a decimal. */
    public record Stamp(Level level, Instant at, UUID ref, BigDecimal amount, BigInteger serial) {}

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
}
