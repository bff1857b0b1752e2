package com.aiceo.gateway.edge;

import java.net.InetSocketAddress;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * {@code X-Forwarded-For} on every routed request is exactly the TCP peer's address, the real
 * client: the services behind the gateway (auth-service's throttling per address) may trust this
 * one hop. Spring Cloud Gateway removes client-sent {@code X-Forwarded-*} headers (no
 * {@code trusted-proxies} are configured: nothing stands in front of the gateway); this runs
 * after that removal.
 */
@Component
class PeerAddressHeaderFilter implements HttpHeadersFilter, Ordered {

    static final String X_FORWARDED_FOR = "X-Forwarded-For";

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        String peer = peerAddress(exchange);
        HttpHeaders headers = new HttpHeaders();
        headers.putAll(input);
        headers.remove("Forwarded");
        if (peer == null) {
            headers.remove(X_FORWARDED_FOR);
        } else {
            headers.set(X_FORWARDED_FOR, peer);
        }
        return headers;
    }

    static String peerAddress(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        if (remote == null) {
            return null;
        }
        return remote.getAddress() != null ? remote.getAddress().getHostAddress() : remote.getHostString();
    }

}
