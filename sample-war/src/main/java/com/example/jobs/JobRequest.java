package com.example.jobs;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

/** {@code {"event":"start","data":{"name":"monthly report","steps":10},"id":1}} */
public record JobRequest(@NotBlank(message = "Name the job") String name,
        @Min(value = 1, message = "At least one step") @Max(value = 100, message = "At most 100 steps") int steps) {}
