package org.cdigateway.internal.servlet;

import jakarta.servlet.ServletRequestEvent;
import jakarta.servlet.ServletRequestListener;
import jakarta.servlet.http.HttpServletRequest;

import org.cdigateway.internal.endpoint.UpgradeAddress;

/**
 * Tells the gateways the remote address of a WebSocket upgrade request while it is served: Jakarta WebSocket gives a
 * handshake no address, and some containers' sessions do not tell it either. Other requests are left alone.
 */
final class UpgradeAddressListener implements ServletRequestListener {

    @Override
    public void requestInitialized(ServletRequestEvent sre) {
        if (sre.getServletRequest() instanceof HttpServletRequest request
                && "websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
            UpgradeAddress.enter(request.getRemoteAddr());
        }
    }

    @Override
    public void requestDestroyed(ServletRequestEvent sre) {
        UpgradeAddress.leave();
    }
}
