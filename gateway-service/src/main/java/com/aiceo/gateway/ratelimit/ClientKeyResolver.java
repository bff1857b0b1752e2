package com.aiceo.gateway.ratelimit;

import java.net.InetSocketAddress;
import org.springframework.cloud.gateway.filter.ratelimit.KeyResolver;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Whose bucket a request draws from: {@code user:<sub>} when it carries a valid access token,
 * otherwise {@code address:<peer address>}. The peer address is the TCP connection's:
 * {@code X-Forwarded-For} is the client's word at the edge and is not trusted.
 */
public class ClientKeyResolver implements KeyResolver {

    public static final String USER = "user:";
    public static final String ADDRESS = "address:";

    @Override
    public Mono<String> resolve(ServerWebExchange exchange) {
        return exchange.getPrincipal()
                .filter(JwtAuthenticationToken.class::isInstance)
                .map(principal -> USER + principal.getName())
                .switchIfEmpty(Mono.fromSupplier(() -> ADDRESS + address(exchange)));
    }

    private static String address(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        if (remote == null) {
            return "unknown";
        }
        return remote.getAddress() != null ? remote.getAddress().getHostAddress() : remote.getHostString();
    }
}
