package org.cdigateway.internal.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RateLimiterTest {

    @Test
    void allowsABurstOfItsRateThenRefuses() {
        RateLimiter limiter = new RateLimiter(1); // refills one token a second: no refill within this test
        assertThat(limiter.tryAcquire()).isTrue();
        assertThat(limiter.tryAcquire()).isFalse();

        RateLimiter five = new RateLimiter(5);
        int allowed = 0;
        for (int i = 0; i < 5; i++) {
            allowed += five.tryAcquire() ? 1 : 0;
        }
        assertThat(allowed).isEqualTo(5);
    }
}
