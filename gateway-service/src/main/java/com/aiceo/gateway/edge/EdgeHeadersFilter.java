package com.aiceo.gateway.edge;

import io.micrometer.context.ContextRegistry;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * First thing on every request, before the security check:
 * <ul>
 *   <li>{@code X-Request-Id}: kept when the client sent a sane one (≤ 64 of {@code [A-Za-z0-9-_.]}),
 *   otherwise a new UUID; returned on the response, passed on to the service, and in the gateway's
 *   log lines (MDC key {@code requestId}, carried in the Reactor context).</li>
 *   <li>client-sent internal identity headers ({@code X-User-*}, {@code X-Org-*}, {@code X-Role},
 *   {@code X-Internal-*}, {@code X-Auth-*}) are removed: no service may trust them.</li>
 *   <li>client-sent {@code X-Forwarded-For} and {@code Forwarded} are removed: at the edge they are
 *   the client's word ({@link PeerAddressHeaderFilter} sets the real one when routing).</li>
 * </ul>
 */
@Component
public class EdgeHeadersFilter implements WebFilter, Ordered {

    public static final String HEADER = "X-Request-Id";
    /** MDC and Reactor context key. */
    public static final String MDC_KEY = "requestId";
    /** Exchange attribute holding the request id. */
    public static final String ATTRIBUTE = EdgeHeadersFilter.class.getName() + ".requestId";

    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final List<String> STRIPPED_PREFIXES = List.of("x-user-", "x-org-", "x-internal-", "x-auth-");
    private static final List<String> STRIPPED_NAMES = List.of("x-role", "x-user", "x-org", "x-forwarded-for",
            "forwarded");

    static {
        // MDC follows the Reactor context where an operator restores thread locals (tap/handle with
        // spring.reactor.context-propagation=limited); other log lines use withRequestId
        ContextRegistry.getInstance().registerThreadLocalAccessor(MDC_KEY,
                () -> MDC.get(MDC_KEY), value -> MDC.put(MDC_KEY, value), () -> MDC.remove(MDC_KEY));
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String sent = exchange.getRequest().getHeaders().getFirst(HEADER);
        String requestId = isSane(sent) ? sent : UUID.randomUUID().toString();
        ServerHttpRequest request = exchange.getRequest().mutate()
                .headers(headers -> {
                    List<String> names = headers.headerNames().stream()
                            .filter(EdgeHeadersFilter::isStripped).toList();
                    names.forEach(headers::remove);
                    headers.set(HEADER, requestId);
                })
                .build();
        // set once more just before the answer goes out: a service's own X-Request-Id is replaced, not doubled
        exchange.getResponse().getHeaders().set(HEADER, requestId);
        exchange.getResponse().beforeCommit(() -> {
            exchange.getResponse().getHeaders().set(HEADER, requestId);
            return Mono.empty();
        });
        ServerWebExchange mutated = exchange.mutate().request(request).build();
        mutated.getAttributes().put(ATTRIBUTE, requestId);
        return chain.filter(mutated).contextWrite(context -> context.put(MDC_KEY, requestId));
    }

    /**
     * Runs {@code logging} with the exchange's request id in the MDC: for code outside the filter
     * chain's Reactor context, such as WebExceptionHandlers.
     */
    public static void withRequestId(ServerWebExchange exchange, Runnable logging) {
        Object requestId = exchange.getAttribute(ATTRIBUTE);
        if (requestId == null) {
            logging.run();
            return;
        }
        try (MDC.MDCCloseable ignored = MDC.putCloseable(MDC_KEY, requestId.toString())) {
            logging.run();
        }
    }

    static boolean isSane(String requestId) {
        return requestId != null && SANE.matcher(requestId).matches();
    }

    static boolean isStripped(String headerName) {
        String name = headerName.toLowerCase(Locale.ROOT);
        return STRIPPED_NAMES.contains(name) || STRIPPED_PREFIXES.stream().anyMatch(name::startsWith);
    }
}
