package com.acme.chat;

import jakarta.enterprise.context.ApplicationScoped;

import org.cdigateway.CanActivate;
import org.cdigateway.ExecutionContext;
import org.cdigateway.Global;
import org.cdigateway.SecurityScheme;

/** Guards every gateway; the document lists its scheme on every operation. */
@Global
@ApplicationScoped
@SecurityScheme(type = SecurityScheme.Type.HTTP_API_KEY, in = SecurityScheme.In.HEADER, name = "X-Api-Key")
public class ApiKeyGuard implements CanActivate {

    @Override
    public boolean canActivate(ExecutionContext context) {
        return context.switchToWs().getClient().header("X-Api-Key") != null;
    }
}
