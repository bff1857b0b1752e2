package com.aiceo.auth.token;

import com.aiceo.web.Validation;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** POST /api/auth/refresh and /api/auth/logout (public: the refresh token is the credential). */
@RestController
class TokenController {

    record RefreshRequest(String refreshToken) {
    }

    private final TokenService tokens;

    TokenController(TokenService tokens) {
        this.tokens = tokens;
    }

    @PostMapping("/api/auth/refresh")
    Mono<Session> refresh(@RequestBody RefreshRequest body) {
        new Validation().text("refreshToken", body.refreshToken(), 200).throwIfAny();
        return tokens.refresh(body.refreshToken().trim());
    }

    @PostMapping("/api/auth/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> logout(@RequestBody RefreshRequest body) {
        new Validation().text("refreshToken", body.refreshToken(), 200).throwIfAny();
        return tokens.revoke(body.refreshToken().trim());
    }
}
