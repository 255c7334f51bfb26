package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.net.URI;
import java.net.URL;

import org.cdigateway.junit5.client.GatewayTestClient;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The WAR as built, deployed to a real server by Arquillian (mvn verify -Pwildfly). */
@ExtendWith(ArquillianExtension.class)
class EchoGatewayIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("app.war")));
    }

    @ArquillianResource
    URL base;

    @Test
    void echoesOnTheServer() throws Exception {
        URI echo = URI.create(base.toString().replaceFirst("^http", "ws") + "echo");
        try (GatewayTestClient client = GatewayTestClient.connect(echo)) {
            assertEquals("hello", client.request("echo", new EchoMessage("hello")).data(EchoMessage.class).text());
        }
    }
}
