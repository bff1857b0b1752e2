package com.aiceo.security;

import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.actuate.web.reactive.ReactiveManagementWebSecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.convert.converter.Converter;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.result.method.annotation.ArgumentResolverConfigurer;
import reactor.core.publisher.Mono;

/**
 * Makes a WebFlux service an OAuth2 resource server on auth-service's JWKS (see the module README).
 *
 * <ul>
 *   <li>{@link ReactiveJwtDecoder}: RS256 only, keys from {@code platform.security.jwks-uri} (cached,
 *       re-fetched on an unknown {@code kid}); expiry, issuer, audience and the caller claims checked.</li>
 *   <li>{@link SecurityWebFilterChain}: actuator health/info/prometheus and
 *       {@code platform.security.public-paths} public, everything else needs a valid token; 401 and 403
 *       as problem+json; no CSRF, no session. Backs off if the service defines its own chain.</li>
 *   <li>{@link Caller} as a handler method argument.</li>
 * </ul>
 */
@AutoConfiguration(before = {ReactiveWebSecurityAutoConfiguration.class,
        ReactiveManagementWebSecurityAutoConfiguration.class, ReactiveUserDetailsServiceAutoConfiguration.class,
        ReactiveOAuth2ResourceServerAutoConfiguration.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@EnableConfigurationProperties(PlatformSecurityProperties.class)
public class PlatformSecurityAutoConfiguration {

    private static final List<String> PUBLIC_ACTUATOR = List.of(
            "/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus");

    /** The token decoder: RS256 signatures by a key of the JWK set; expiry, issuer, audience, caller claims. */
    @Bean
    @ConditionalOnMissingBean(ReactiveJwtDecoder.class)
    ReactiveJwtDecoder platformJwtDecoder(PlatformSecurityProperties properties, Environment environment) {
        String jwksUri = properties.jwksUri() != null && !properties.jwksUri().isBlank()
                ? properties.jwksUri()
                : environment.resolvePlaceholders(PlatformSecurityProperties.DEFAULT_JWKS_URI);
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSetUri(jwksUri)
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                new JwtTimestampValidator(),
                new JwtIssuerValidator(properties.issuer()),
                new JwtAudienceValidator(properties.audience()),
                new CallerClaimsValidator()));
        return decoder;
    }

    /** The service's filter chain; a service that declares its own {@link SecurityWebFilterChain} keeps it. */
    @Bean
    @ConditionalOnMissingBean(SecurityWebFilterChain.class)
    SecurityWebFilterChain platformSecurityWebFilterChain(ServerHttpSecurity http, ReactiveJwtDecoder decoder,
            PlatformSecurityProperties properties) {
        ServerAuthenticationEntryPoint unauthorized = (exchange, e) -> e instanceof OAuth2AuthenticationException
                ? Problems.write(exchange, HttpStatus.UNAUTHORIZED, Problems.INVALID_TOKEN,
                        "Bearer error=\"invalid_token\"")
                : Problems.write(exchange, HttpStatus.UNAUTHORIZED, Problems.MISSING_TOKEN, "Bearer");
        ServerAccessDeniedHandler forbidden = (exchange, e) ->
                Problems.write(exchange, HttpStatus.FORBIDDEN, Problems.FORBIDDEN, null);
        List<String> publicPaths = properties.publicPaths() == null ? List.of() : properties.publicPaths();
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .anonymous(ServerHttpSecurity.AnonymousSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .authorizeExchange(ex -> {
                    ex.pathMatchers(PUBLIC_ACTUATOR.toArray(String[]::new)).permitAll();
                    if (!publicPaths.isEmpty()) {
                        ex.pathMatchers(publicPaths.toArray(String[]::new)).permitAll();
                    }
                    ex.anyExchange().authenticated();
                })
                .oauth2ResourceServer(rs -> rs
                        .jwt(jwt -> jwt.jwtDecoder(decoder).jwtAuthenticationConverter(authentication()))
                        .authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(forbidden))
                .exceptionHandling(eh -> eh.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden))
                .build();
    }

    /** {@link Caller} as a parameter of annotated handlers. */
    @Bean
    WebFluxConfigurer platformCallerArgumentResolver() {
        return new WebFluxConfigurer() {
            @Override
            public void configureArgumentResolvers(ArgumentResolverConfigurer configurer) {
                configurer.addCustomResolver(new CallerArgumentResolver());
            }
        };
    }

    /** A verified token becomes a {@link JwtAuthenticationToken} with authority {@code ROLE_OWNER|ADMIN|MEMBER}. */
    private static Converter<Jwt, Mono<AbstractAuthenticationToken>> authentication() {
        return jwt -> Mono.just(new JwtAuthenticationToken(jwt,
                List.of(new SimpleGrantedAuthority("ROLE_" + Caller.of(jwt).role().name())), jwt.getSubject()));
    }
}
