package org.cdigateway.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InterceptorBinding;
import jakarta.interceptor.InvocationContext;

import org.cdigateway.GatewayClient;
import org.cdigateway.OnGatewayConnection;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.junit5.Connect;
import org.cdigateway.junit5.GatewayTest;
import org.cdigateway.junit5.client.GatewayTestClient;
import org.junit.jupiter.api.Test;

/**
 * Handlers are called through the bean's contextual reference, so CDI interceptors run, and the request context is
 * active for every dispatched call.
 */
@GatewayTest
class ContextsAndInterceptorsTest {

    static final Duration WAIT = Duration.ofSeconds(5);

    // tag::interceptor[]
    @InterceptorBinding
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD})
    public @interface Tagged {
    }

    @Tagged
    @Interceptor
    @Priority(Interceptor.Priority.APPLICATION)
    public static class TaggingInterceptor {

        @AroundInvoke
        public Object tag(InvocationContext ctx) throws Exception {
            Object result = ctx.proceed();
            return result instanceof String s ? "tagged(" + ctx.getMethod().getName() + "):" + s : result;
        }
    }
    // end::interceptor[]

    @RequestScoped
    public static class PerRequest {

        private final String id = UUID.randomUUID().toString();

        public String id() {
            return id;
        }
    }

    @WebSocketGateway("/contexts")
    static class ContextGateway implements OnGatewayConnection {

        @Inject
        PerRequest perRequest;

        @Override
        public void handleConnection(GatewayClient client) {
            client.emit("connected-in-request", perRequest.id());
        }

        @SubscribeMessage("request-ids")
        public List<String> requestIds() {
            return List.of(perRequest.id(), perRequest.id());
        }

        // tag::intercepted[]
        @Tagged
        @SubscribeMessage("intercepted")
        public String intercepted(String text) {
            return text;
        }
        // end::intercepted[]

        @SubscribeMessage("plain")
        public String plain(String text) {
            return text;
        }
    }

    @Test
    void theRequestContextIsActiveForEachMessage(@Connect("/contexts") GatewayTestClient client) {
        List<?> first = client.request("request-ids", null).data(List.class);
        List<?> second = client.request("request-ids", null).data(List.class);
        assertThat(first.get(0)).isEqualTo(first.get(1));
        assertThat(second.get(0)).isEqualTo(second.get(1));
        assertThat(first.get(0)).isNotEqualTo(second.get(0));
    }

    @Test
    void theRequestContextIsActiveInLifecycleCalls(@Connect("/contexts") GatewayTestClient client) {
        String id = client.awaitEvent("connected-in-request", WAIT).data(String.class);
        assertThat(id).hasSize(36);
    }

    @Test
    void interceptorsRunAroundHandlers(@Connect("/contexts") GatewayTestClient client) {
        assertThat(client.request("intercepted", "hi").data(String.class)).isEqualTo("tagged(intercepted):hi");
        assertThat(client.request("plain", "hi").data(String.class)).isEqualTo("hi");
    }
}
