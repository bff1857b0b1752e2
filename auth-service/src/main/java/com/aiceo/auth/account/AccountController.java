package com.aiceo.auth.account;

import com.aiceo.auth.AuthProperties;
import com.aiceo.auth.token.Session;
import com.aiceo.auth.web.Caller;
import com.aiceo.web.Validation;
import java.net.InetSocketAddress;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** POST /api/auth/register, POST /api/auth/login, GET /api/auth/me. */
@RestController
class AccountController {

    record RegisterRequest(String email, String password, String name, String organizationName) {
    }

    record LoginRequest(String email, String password) {
    }

    private final AccountService accounts;
    private final boolean trustForwardedFor;

    AccountController(AccountService accounts, AuthProperties props) {
        this.accounts = accounts;
        this.trustForwardedFor = props.trustForwardedFor();
    }

    @PostMapping("/api/auth/register")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<Session> register(@RequestBody RegisterRequest body) {
        String email = Validation.normaliseEmail(body.email());
        String weak = PasswordPolicy.problem(body.password());
        new Validation().email("email", email)
                .check(weak == null, "password", weak)
                .text("name", body.name(), 200)
                .text("organizationName", body.organizationName(), 200)
                .throwIfAny();
        return accounts.register(email, body.password(), body.name().trim(), body.organizationName().trim());
    }

    @PostMapping("/api/auth/login")
    Mono<Session> login(@RequestBody LoginRequest body, ServerHttpRequest request) {
        String email = Validation.normaliseEmail(body.email());
        new Validation().text("email", email, 254)
                .check(body.password() != null && !body.password().isEmpty(), "password", "is required")
                .check(body.password() == null || body.password().getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                                <= PasswordPolicy.MAX_BYTES,
                        "password", "is too long")
                .throwIfAny();
        return accounts.login(email, body.password(), clientAddress(request));
    }

    @GetMapping("/api/auth/me")
    Mono<AccountService.Me> me(@AuthenticationPrincipal Jwt jwt) {
        Caller caller = Caller.of(jwt);
        return accounts.me(caller.userId(), caller.orgId());
    }

    /**
     * Behind our gateway (platform.auth.trust-forwarded-for) the client is the LAST entry of
     * X-Forwarded-For: the one the gateway appended. Entries before it come from the client and can
     * be forged to dodge the per-address throttle.
     */
    private String clientAddress(ServerHttpRequest request) {
        if (trustForwardedFor) {
            String forwarded = String.join(",", request.getHeaders().getOrEmpty("X-Forwarded-For"));
            String[] hops = forwarded.split(",");
            String last = hops[hops.length - 1].trim();
            if (!last.isEmpty()) {
                return last;
            }
        }
        InetSocketAddress remote = request.getRemoteAddress();
        return remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
    }
}
