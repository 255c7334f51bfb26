package org.cdigateway.tck.embedded;

import org.jboss.arquillian.container.spi.ConfigurationException;
import org.jboss.arquillian.container.spi.client.container.ContainerConfiguration;

/** {@code arquillian.xml} properties of the embedded runtime container. */
public class EmbeddedRuntimeConfiguration implements ContainerConfiguration {

    private String host = "127.0.0.1";

    public String getHost() {
        return host;
    }

    public void setHost(String host) {
        this.host = host;
    }

    @Override
    public void validate() throws ConfigurationException {
        if (host == null || host.isBlank()) {
            throw new ConfigurationException("host must be set");
        }
    }
}
