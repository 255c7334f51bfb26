package org.cdigateway.tck.policies;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.cdigateway.junit5.client.ClientOptions;
import org.cdigateway.junit5.client.Frame;
import org.cdigateway.junit5.client.GatewayTestClient;
import org.cdigateway.tck.Connections;
import org.cdigateway.tck.Deployments;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Application-wide policies on a server: a global guard covers a gateway without @UseGuards, exception filters are
 * chosen by specificity and handle a failing handleConnection, an interceptor reads the ExecutionContext, and
 * each connection has its own @ConnectionScoped bean, destroyed when it closes.
 */
@ExtendWith(ArquillianExtension.class)
class PoliciesIT {

    static final Duration WAIT = Duration.ofSeconds(10);

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war("policies", PoliciesGateway.class, Timed.class, PoliciesGateway.Journal.class,
                PoliciesGateway.TenantGuard.class, PoliciesGateway.Answering.class,
                PoliciesGateway.MethodIllegalArgument.class, PoliciesGateway.ClassIllegalArgument.class,
                PoliciesGateway.ClassRuntime.class, PoliciesGateway.GlobalIllegalState.class,
                PoliciesGateway.TimingInterceptor.class, PoliciesGateway.Conversation.class);
    }

    @ArquillianResource
    URL base;

    final Connections connections = new Connections();

    @AfterEach
    void close() {
        connections.close();
    }

    private GatewayTestClient connect(String query, boolean tenant) {
        ClientOptions options = tenant
                ? ClientOptions.defaults().header("X-Tenant", "acme")
                : ClientOptions.defaults();
        return connections.connect(base, "policies" + query, options);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> handled(Frame frame) {
        assertThat(frame.event()).as(frame.raw()).isEqualTo("handled");
        return (Map<String, String>) frame.data(Map.class);
    }

    @SuppressWarnings("unchecked")
    private static List<String> journal(GatewayTestClient client) {
        return (List<String>) client.request("journal", null).data(List.class);
    }

    @Test
    void aGlobalGuardCoversAGatewayWithoutUseGuards() {
        connect("", false).expectClose(4403);
        GatewayTestClient tenant = connect("", true);
        assertThat(tenant.awaitEvent("conversation", WAIT).data(String.class)).isNotBlank();
    }

    @Test
    void theFilterForTheNearestExceptionTypeAnswersWithTheRequestsId() {
        GatewayTestClient client = connect("", true);
        client.awaitEvent("conversation", WAIT); // the greeting of handleConnection comes first
        client.sendText("{\"event\":\"method-level\",\"id\":\"r-1\"}");
        Frame method = client.awaitFrame(WAIT); // whatever comes next, with or without id
        assertThat(method.idAsString()).isEqualTo("r-1");
        assertThat(handled(method)).containsEntry("by", "MethodIllegalArgument");
        assertThat(handled(client.request("class-level", null))).containsEntry("by", "ClassIllegalArgument");
        assertThat(handled(client.request("global-level", null))).containsEntry("by", "GlobalIllegalState");
        assertThat(handled(client.request("no-such-event", null))).containsEntry("by", "ClassRuntime");
    }

    @Test
    void anExceptionInHandleConnectionIsHandledByAFilter() {
        GatewayTestClient client = connect("?on-connect=fail", true);
        assertThat(handled(client.awaitFrame(WAIT))).containsEntry("by", "GlobalIllegalState")
                .containsEntry("phase", "CONNECTION");
        assertThat(client.request("say", "still open").data(List.class)).containsExactly("still open");
    }

    @Test
    void anInterceptorReadsTheExecutionContext() {
        GatewayTestClient client = connect("", true);
        client.awaitEvent("conversation", WAIT);
        client.request("say", "hi");
        assertThat(journal(client)).contains(
                "timed:CONNECTION:handleConnection:null", "timed:MESSAGE:say:say");
    }

    @Test
    void eachConnectionHasItsOwnConnectionScopedBeanDestroyedOnClose() {
        GatewayTestClient a = connect("", true);
        GatewayTestClient b = connect("", true);
        String idA = a.awaitEvent("conversation", WAIT).data(String.class);
        String idB = b.awaitEvent("conversation", WAIT).data(String.class);
        assertThat(idA).isNotEqualTo(idB);
        a.request("say", "one");
        assertThat(a.request("say", "two").data(List.class)).containsExactly("one", "two");
        assertThat(b.request("say", "other").data(List.class)).containsExactly("other");

        a.close();
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<String> journal;
        do {
            journal = journal(b);
        } while (!journal.contains("destroyed:" + idA) && System.nanoTime() < deadline);
        assertThat(journal).contains("destroyed:" + idA).doesNotContain("destroyed:" + idB);
    }
}
