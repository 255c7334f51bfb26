package org.cdigateway;

/** Implemented by a gateway that wants to run code once, when it has been deployed. */
public interface OnGatewayInit {

    /** Called once after the gateway is registered, before any client connects, with the gateway's server. */
    void afterInit(GatewayServer server);
}
