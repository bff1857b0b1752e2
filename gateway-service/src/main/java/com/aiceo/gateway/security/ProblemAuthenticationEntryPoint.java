package com.aiceo.gateway.security;

import com.aiceo.gateway.error.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * 401 as problem details with {@code WWW-Authenticate: Bearer} (RFC 6750; {@code error="invalid_token"}
 * when a token was sent). The reason a token was refused is logged at debug level, not told to the
 * caller beyond "invalid or expired".
 */
class ProblemAuthenticationEntryPoint implements ServerAuthenticationEntryPoint {

    private static final Logger log = LoggerFactory.getLogger(ProblemAuthenticationEntryPoint.class);

    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException failure) {
        boolean tokenSent = failure instanceof InvalidBearerTokenException
                || exchange.getRequest().getHeaders().containsHeader(HttpHeaders.AUTHORIZATION);
        log.debug("401 {} {}: {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(),
                failure.getMessage());
        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, tokenSent
                ? "Bearer error=\"invalid_token\", error_description=\"The access token is invalid or expired\""
                : "Bearer");
        return Problems.write(exchange, HttpStatus.UNAUTHORIZED, tokenSent
                ? "The access token is invalid or expired"
                : "An access token is required (Authorization: Bearer ...)");
    }
}
