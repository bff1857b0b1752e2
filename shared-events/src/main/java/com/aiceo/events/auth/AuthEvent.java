package com.aiceo.events.auth;

import com.aiceo.events.Event;
import com.aiceo.events.EventName;
import java.time.Instant;
import java.util.UUID;

/** Domain events of auth-service, on {@code auth.events}. Roles are owner|admin|member. */
public sealed interface AuthEvent extends Event {

    @EventName("auth.user.registered")
    record UserRegistered(UUID userId, String name) implements AuthEvent {}

    @EventName("auth.organization.created")
    record OrganizationCreated(UUID organizationId, String name, UUID ownerUserId) implements AuthEvent {}

    @EventName("auth.member.added")
    record MemberAdded(UUID userId, String role) implements AuthEvent {}

    @EventName("auth.member.role-changed")
    record MemberRoleChanged(UUID userId, String previousRole, String role) implements AuthEvent {}

    @EventName("auth.member.removed")
    record MemberRemoved(UUID userId) implements AuthEvent {}

    @EventName("auth.invitation.created")
    record InvitationCreated(UUID invitationId, String role, Instant expiresAt) implements AuthEvent {}

    @EventName("auth.invitation.accepted")
    record InvitationAccepted(UUID invitationId, UUID userId, String role) implements AuthEvent {}
}
