package com.aiceo.auth.keys;

import com.aiceo.auth.AuthProperties;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.transaction.reactive.TransactionalOperator;

/** Signing keys, their rotation, and the decoder that checks access tokens against them. */
@Configuration(proxyBeanMethods = false)
class KeysConfiguration {

    @Bean
    KeyEncryption keyEncryption(AuthProperties props) {
        return new KeyEncryption(props.keyEncryptionKey());
    }

    @Bean
    SigningKeys signingKeys(DatabaseClient db, TransactionalOperator tx, KeyEncryption encryption,
                            AuthProperties props) {
        return new SigningKeys(db, tx, encryption, props);
    }

    @Bean
    KeyRotation keyRotation(SigningKeys keys, AuthProperties props) {
        return new KeyRotation(keys, props.keyCheckInterval());
    }

    /**
     * Our own tokens only: RS256 signatures by one of our published keys (so {@code alg: none} and HMAC
     * are refused), unexpired, from our issuer, for our audience.
     */
    @Bean
    ReactiveJwtDecoder accessTokenDecoder(SigningKeys keys, AuthProperties props) {
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder
                .withJwkSource(jwt -> keys.verificationKeys(jwt.getHeader().getKeyID()))
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .build();
        OAuth2TokenValidator<Jwt> audience = new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
                aud -> aud != null && aud.contains(props.audience()));
        OAuth2TokenValidator<Jwt> required = new JwtClaimValidator<Object>("org", org -> org != null);
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(props.issuer()), audience, required));
        return decoder;
    }
}
