package com.aiceo.security;

import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import reactor.core.publisher.Mono;

/** The current request's {@link Caller} from the reactive security context. */
public final class Callers {

    private Callers() {
    }

    /**
     * The caller of the request being handled. Errors with a 401 problem
     * ({@link org.springframework.web.ErrorResponseException}) when the request carries no verified
     * token, e.g. on a public path.
     */
    public static Mono<Caller> current() {
        return ReactiveSecurityContextHolder.getContext()
                .map(SecurityContext::getAuthentication)
                .flatMap(Callers::from)
                .switchIfEmpty(Mono.error(Problems::unauthorized));
    }

    /** The caller an authentication (or principal) names, or empty if it is not a verified platform token. */
    static Mono<Caller> from(Object authentication) {
        if (authentication instanceof JwtAuthenticationToken token && token.isAuthenticated()) {
            return Mono.just(Caller.of(token.getToken()));
        }
        return Mono.empty();
    }
}
