package com.example.login;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** {@code {"event":"login","data":{"name":"Ada"},"id":1}} */
public record LoginRequest(
        @NotBlank(message = "Enter a name") @Size(max = 20, message = "At most 20 characters") @Pattern(regexp = "[\\p{L}\\p{N} ._-]*", message = "Letters, digits, spaces, dots, dashes and underscores only") String name) {}
