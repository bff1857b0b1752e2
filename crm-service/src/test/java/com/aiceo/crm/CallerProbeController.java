package com.aiceo.crm;

import com.aiceo.security.Caller;
import com.aiceo.security.Callers;
import com.aiceo.security.Role;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Test-only endpoints (src/test, never shipped) proving how handlers get the caller from
 * platform-security: as a method argument, from {@link Callers#current()}, and with a role check.
 */
@RestController
class CallerProbeController {

    @GetMapping("/api/test/whoami")
    Mono<Caller> whoami(Caller caller) {
        return Mono.just(caller);
    }

    @GetMapping("/api/test/whoami-from-context")
    Mono<Caller> whoamiFromContext() {
        return Callers.current();
    }

    @GetMapping("/api/test/admin-only")
    Mono<Map<String, Object>> adminOnly(Caller caller) {
        caller.require(Role.ADMIN);
        return Mono.just(Map.of("orgId", caller.orgId(), "role", caller.role().value()));
    }

    @GetMapping("/api/test/owner-only-from-context")
    Mono<Map<String, Object>> ownerOnly() {
        return Callers.current().map(c -> c.require(Role.OWNER))
                .map(c -> Map.<String, Object>of("orgId", c.orgId(), "role", c.role().value()));
    }

    @GetMapping("/api/test/public/ping")
    Mono<String> ping() {
        return Mono.just("pong");
    }

    @GetMapping("/api/test/public/whoami")
    Mono<Caller> publicWhoami(Caller caller) {
        return Mono.just(caller);
    }

    @GetMapping("/api/test/public/whoami-from-context")
    Mono<Caller> publicWhoamiFromContext() {
        return Callers.current();
    }
}
