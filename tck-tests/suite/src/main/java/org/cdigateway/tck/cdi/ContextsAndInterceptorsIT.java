package org.cdigateway.tck.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Type;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.cdigateway.junit5.client.GatewayTestClient;
import org.cdigateway.tck.Deployments;
import org.cdigateway.tck.WebSockets;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A gateway is a CDI bean like any other in a WAR without beans.xml: interceptors enabled by {@code @Priority} run
 * around its handlers and lifecycle methods, the request context is active (and new) for every dispatched call, and
 * application-scoped services are shared.
 */
@ExtendWith(ArquillianExtension.class)
class ContextsAndInterceptorsIT {

    static final Duration WAIT = Duration.ofSeconds(10);

    static final Type STRINGS = new ArrayList<String>() {
    }.getClass().getGenericSuperclass();
    static final Type INTEGERS = new ArrayList<Integer>() {
    }.getClass().getGenericSuperclass();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war("contexts-and-interceptors", ContextGateway.class, Tagged.class,
                TaggingInterceptor.class, Invocations.class, PerRequest.class, RequestBeanCounts.class,
                Greeter.class);
    }

    @ArquillianResource
    URL base;

    final List<GatewayTestClient> clients = new ArrayList<>();
    GatewayTestClient client;

    @BeforeEach
    void connectClient() {
        client = connect();
    }

    @AfterEach
    void close() {
        clients.forEach(GatewayTestClient::close);
    }

    private GatewayTestClient connect() {
        GatewayTestClient c = WebSockets.connect(base, "contexts");
        clients.add(c);
        return c;
    }

    private List<String> strings(String event) {
        return client.request(event, null).data(STRINGS);
    }

    private int invocationsOf(String method) {
        return Collections.frequency(strings("invocations"), method);
    }

    @Test
    void anInterceptorRunsAroundTheHandlersItIsBoundTo() {
        int intercepted = invocationsOf("intercepted");
        assertThat(client.request("intercepted", "hi").data(String.class)).isEqualTo("tagged(intercepted):hi");
        assertThat(client.request("plain", "hi").data(String.class)).isEqualTo("hi");
        assertThat(invocationsOf("intercepted")).isEqualTo(intercepted + 1);
        assertThat(invocationsOf("plain")).isZero();
    }

    @Test
    void anInterceptorRunsAroundLifecycleMethods() {
        int before = invocationsOf("handleConnection");
        GatewayTestClient another = connect();
        another.awaitEvent("connected-in-request", WAIT);
        assertThat(invocationsOf("handleConnection")).isEqualTo(before + 1);
    }

    @Test
    void theRequestContextIsActiveAndNewForEachMessage() {
        List<Integer> before = client.request("request-beans", null).data(INTEGERS);
        List<String> first = strings("request-ids");
        List<String> second = strings("request-ids");
        assertThat(first.get(0)).hasSize(36).isEqualTo(first.get(1));
        assertThat(second.get(0)).hasSize(36).isEqualTo(second.get(1));
        assertThat(first.get(0)).isNotEqualTo(second.get(0));

        List<Integer> after = client.request("request-beans", null).data(INTEGERS);
        assertThat(after.get(0) - before.get(0)).as("request-scoped beans created").isEqualTo(2);
        // the bean handleConnection used may belong to the handshake's own HTTP request context (Payara runs onOpen
        // inside the upgrade request), which ends on the server's schedule: wait until every bean is destroyed
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (after.get(1) < after.get(0) && System.nanoTime() < deadline) {
            after = client.request("request-beans", null).data(INTEGERS);
        }
        assertThat(after.get(1)).as("every request-scoped bean destroyed").isEqualTo(after.get(0));
    }

    @Test
    void theRequestContextIsActiveInLifecycleCalls() {
        String atConnection = client.awaitEvent("connected-in-request", WAIT).data(String.class);
        assertThat(atConnection).hasSize(36);
        assertThat(strings("request-ids")).doesNotContain(atConnection);
    }

    @Test
    void anApplicationScopedServiceIsSharedByAllConnections() {
        GatewayTestClient another = connect();
        String instance = client.request("greeter", null).data(String.class);
        assertThat(another.request("greeter", null).data(String.class)).isEqualTo(instance);

        String first = client.request("greet", "Ada").data(String.class);
        assertThat(first).startsWith("Hello, Ada (#");
        int n = Integer.parseInt(first.substring("Hello, Ada (#".length(), first.length() - 1));
        assertThat(another.request("greet", "Bob").data(String.class)).isEqualTo("Hello, Bob (#" + (n + 1) + ")");
    }
}
