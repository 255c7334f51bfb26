package org.cdigateway.tck.security;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.auth.LoginConfig;

/** Turns MicroProfile JWT on for the deployment, for servers that look for the annotation rather than web.xml. */
// tag::login-config[]
@ApplicationScoped
@LoginConfig(authMethod = "MP-JWT", realmName = "tck")
public class JwtLogin {}
// end::login-config[]
