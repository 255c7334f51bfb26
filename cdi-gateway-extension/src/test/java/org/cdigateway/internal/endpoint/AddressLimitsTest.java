package org.cdigateway.internal.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.json.bind.JsonbBuilder;
import jakarta.json.spi.JsonProvider;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;

import org.cdigateway.SlowConsumer;
import org.cdigateway.internal.client.SessionClient;
import org.cdigateway.internal.client.WebSocketChannel;
import org.cdigateway.internal.json.JsonCodec;
import org.cdigateway.internal.protocol.NativeProtocol;
import org.junit.jupiter.api.Test;

/** Connections per address are capped, and an address's next connection inherits the rate bucket of its last. */
class AddressLimitsTest {

    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong now = new AtomicLong(42 * SECOND);

    private static SessionClient client() {
        RemoteEndpoint.Async remote = (RemoteEndpoint.Async) Proxy.newProxyInstance(
                AddressLimitsTest.class.getClassLoader(), new Class<?>[]{RemoteEndpoint.Async.class},
                (p, m, a) -> null);
        Session session = (Session) Proxy.newProxyInstance(AddressLimitsTest.class.getClassLoader(),
                new Class<?>[]{Session.class}, (p, m, a) -> switch (m.getName()) {
                    case "getAsyncRemote" -> remote;
                    case "getPathParameters" -> Map.of();
                    case "hashCode" -> System.identityHashCode(p);
                    case "equals" -> p == a[0];
                    default -> null;
                });
        JsonCodec json = new JsonCodec(JsonbBuilder.create(), JsonProvider.provider());
        return new SessionClient(new WebSocketChannel(session, s -> null), HandshakeData.EMPTY,
                new NativeProtocol(json), json, null, 16, 1024,
                SlowConsumer.CLOSE);
    }

    private AddressLimits limits(int max, int perSecond) {
        return new AddressLimits(max, perSecond, s -> "192.0.2.7", now::get);
    }

    @Test
    void reconnectingDoesNotRefillTheBucket() {
        AddressLimits limits = limits(0, 5);
        SessionClient first = client();
        assertThat(limits.add(first)).isTrue();
        for (int i = 0; i < 5; i++) {
            assertThat(first.rateLimiter().tryAcquire()).isTrue();
        }
        assertThat(first.rateLimiter().tryAcquire()).isFalse();
        first.markRateLimited(); // closed with 4429
        limits.remove(first);

        SessionClient again = client();
        assertThat(limits.add(again)).isTrue();
        assertThat(again.rateLimiter().tryAcquire()).as("a fresh bucket would have five").isFalse();
        now.addAndGet(SECOND / 5); // one token earned back
        assertThat(again.rateLimiter().tryAcquire()).isTrue();
        assertThat(again.rateLimiter().tryAcquire()).isFalse();
        again.markRateLimited();
        limits.remove(again);

        now.addAndGet(3 * SECOND);
        limits.sweep();
        assertThat(limits.addresses()).isZero();
        SessionClient later = client();
        limits.add(later);
        for (int i = 0; i < 5; i++) {
            assertThat(later.rateLimiter().tryAcquire()).isTrue();
        }
    }

    @Test
    void aConnectionThatEndedWithinItsRateLeavesNothingBehind() {
        AddressLimits limits = limits(0, 5);
        SessionClient first = client();
        limits.add(first);
        for (int i = 0; i < 5; i++) {
            first.rateLimiter().tryAcquire();
        }
        limits.remove(first); // a normal close: the next client behind this address starts full
        SessionClient neighbour = client();
        limits.add(neighbour);
        for (int i = 0; i < 5; i++) {
            assertThat(neighbour.rateLimiter().tryAcquire()).isTrue();
        }
    }

    @Test
    void anAddressHoldsAtMostItsConnections() {
        AddressLimits limits = limits(2, 0);
        SessionClient a = client();
        SessionClient b = client();
        assertThat(limits.add(a)).isTrue();
        assertThat(limits.add(b)).isTrue();
        assertThat(limits.add(client())).isFalse();
        limits.remove(a);
        limits.remove(a); // a second end of the same connection changes nothing
        assertThat(limits.add(client())).isTrue();
        assertThat(limits.add(client())).isFalse();
        limits.remove(b);
        assertThat(limits.addresses()).isEqualTo(1);
    }
}
