package com.aiceo.auth.org;

import com.aiceo.auth.token.Session;
import com.aiceo.auth.web.Caller;
import com.aiceo.auth.web.Role;
import com.aiceo.web.Validation;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** /api/orgs: create, switch, members (list, change role, remove). */
@RestController
class OrgController {

    record CreateRequest(String name) {
    }

    record RoleRequest(String role) {
    }

    private final OrgService orgs;

    OrgController(OrgService orgs) {
        this.orgs = orgs;
    }

    @PostMapping("/api/orgs")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<Session.Organization> create(@AuthenticationPrincipal Jwt jwt, @RequestBody CreateRequest body) {
        new Validation().text("name", body.name(), 200).throwIfAny();
        return orgs.create(Caller.of(jwt).userId(), body.name().trim());
    }

    @PostMapping("/api/orgs/{orgId}/switch")
    Mono<Session> switchTo(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID orgId) {
        return orgs.switchTo(Caller.of(jwt).userId(), orgId);
    }

    @GetMapping("/api/orgs/{orgId}/members")
    Mono<OrgService.Page<OrgService.Member>> members(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID orgId,
                                                     @RequestParam(defaultValue = "0") int page,
                                                     @RequestParam(defaultValue = "50") int size) {
        new Validation().check(page >= 0, "page", "must be 0 or more")
                .check(size >= 1 && size <= 200, "size", "must be between 1 and 200").throwIfAny();
        return orgs.members(Caller.of(jwt).userId(), orgId, page, size);
    }

    @PatchMapping("/api/orgs/{orgId}/members/{userId}")
    Mono<OrgService.Member> changeRole(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID orgId,
                                       @PathVariable UUID userId, @RequestBody RoleRequest body) {
        new Validation().required("role", body.role())
                .check(body.role() == null || Role.isValid(body.role()), "role", "must be one of owner, admin, member").throwIfAny();
        return orgs.changeRole(Caller.of(jwt).userId(), orgId, userId, Role.parse(body.role()));
    }

    @DeleteMapping("/api/orgs/{orgId}/members/{userId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> remove(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID orgId, @PathVariable UUID userId) {
        return orgs.remove(Caller.of(jwt).userId(), orgId, userId);
    }
}
