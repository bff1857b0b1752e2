package com.aiceo.gateway.security;

import static org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers.pathMatchers;

import org.springframework.http.HttpMethod;
import org.springframework.security.web.server.util.matcher.OrServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;

/**
 * The only requests that pass the gateway without an access token (api.md, Auth; issue 3).
 * Everything else needs a valid bearer token. A bearer token sent along to a public path is
 * ignored here (an expired token must not stop a refresh).
 */
public final class PublicPaths {

    /** Method and path of every public request. */
    public static final ServerWebExchangeMatcher MATCHER = new OrServerWebExchangeMatcher(
            pathMatchers(HttpMethod.POST, "/api/auth/register", "/api/auth/login", "/api/auth/refresh",
                    "/api/auth/logout"),
            pathMatchers(HttpMethod.GET, "/api/auth/jwks"),
            pathMatchers(HttpMethod.POST, "/api/stripe/webhook"),
            pathMatchers(HttpMethod.POST, "/api/webhooks/linkedin"),
            pathMatchers(HttpMethod.GET, "/api/webhooks/linkedin", "/api/integrations/linkedin/callback"),
            pathMatchers(HttpMethod.GET, "/api/health"),
            pathMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**", "/actuator/info",
                    "/actuator/prometheus"));

    private PublicPaths() {
    }
}
