package com.aiceo.auth;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code platform.auth.*}: token, key, password and throttling settings of auth-service.
 *
 * @param issuer               {@code iss} of access tokens
 * @param audience             {@code aud} of access tokens
 * @param keyEncryptionKey     base64 of 32 bytes (env {@code AUTH_KEY_ENCRYPTION_KEY}): encrypts the signing keys at rest
 * @param accessTokenTtl       access token lifetime
 * @param refreshTokenTtl      refresh token lifetime (each rotation starts a new one)
 * @param keyRotation          age at which a new signing key takes over
 * @param keyCheckInterval     how often an instance checks for rotation and picks up other instances' keys
 * @param invitationTtl        invitation lifetime
 * @param passwordHashStrength bcrypt cost (log2 rounds)
 * @param trustForwardedFor    take the client address from X-Forwarded-For's last hop, the one our gateway appended (only behind it)
 * @param throttle             login throttling
 * @param housekeepingInterval how often expired refresh tokens, old failed logins and expired invitations are removed
 */
@ConfigurationProperties("platform.auth")
public record AuthProperties(
        @DefaultValue("aiceo-auth") String issuer,
        @DefaultValue("aiceo-platform") String audience,
        String keyEncryptionKey,
        @DefaultValue("15m") Duration accessTokenTtl,
        @DefaultValue("30d") Duration refreshTokenTtl,
        @DefaultValue("30d") Duration keyRotation,
        @DefaultValue("10m") Duration keyCheckInterval,
        @DefaultValue("7d") Duration invitationTtl,
        @DefaultValue("12") int passwordHashStrength,
        @DefaultValue("false") boolean trustForwardedFor,
        @DefaultValue Throttle throttle,
        @DefaultValue("1h") Duration housekeepingInterval) {

    /**
     * @param accountMaxFailures failed logins per account allowed within {@code accountWindow}
     * @param addressMaxFailures failed logins per client address allowed within {@code addressWindow}
     */
    public record Throttle(
            @DefaultValue("5") int accountMaxFailures,
            @DefaultValue("15m") Duration accountWindow,
            @DefaultValue("20") int addressMaxFailures,
            @DefaultValue("1m") Duration addressWindow) {
    }
}
