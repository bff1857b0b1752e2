package com.aiceo.auth.invitation;

import com.aiceo.auth.web.Caller;
import com.aiceo.auth.web.Role;
import com.aiceo.web.Validation;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** POST /api/orgs/{orgId}/invitations (admin+) and POST /api/invitations/{token}/accept. */
@RestController
class InvitationController {

    record InviteRequest(String email, String role) {
    }

    private final InvitationService invitations;

    InvitationController(InvitationService invitations) {
        this.invitations = invitations;
    }

    @PostMapping("/api/orgs/{orgId}/invitations")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<InvitationService.Created> invite(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID orgId,
                                           @RequestBody InviteRequest body) {
        String email = Validation.normaliseEmail(body.email());
        new Validation().email("email", email).required("role", body.role())
                .check(body.role() == null || Role.isValid(body.role()), "role", "must be one of owner, admin, member").throwIfAny();
        return invitations.create(Caller.of(jwt).userId(), orgId, email, Role.parse(body.role()));
    }

    @PostMapping("/api/invitations/{token}/accept")
    Mono<InvitationService.Membership> accept(@AuthenticationPrincipal Jwt jwt, @PathVariable String token) {
        new Validation().check(token.length() <= 200, "token", "is too long").throwIfAny();
        return invitations.accept(Caller.of(jwt).userId(), token);
    }
}
