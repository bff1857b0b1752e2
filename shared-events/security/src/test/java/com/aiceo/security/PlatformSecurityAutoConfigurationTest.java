package com.aiceo.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.userdetails.ReactiveUserDetailsService;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;

class PlatformSecurityAutoConfigurationTest {

    private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PlatformSecurityAutoConfiguration.class,
                    ReactiveWebSecurityAutoConfiguration.class, ReactiveUserDetailsServiceAutoConfiguration.class));

    @Test
    void givesAServiceTheResourceServerChainAndNoGeneratedUser() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(SecurityWebFilterChain.class).hasSingleBean(ReactiveJwtDecoder.class)
                    .doesNotHaveBean(ReactiveUserDetailsService.class);
            assertThat(context.getBean(PlatformSecurityProperties.class).issuer()).isEqualTo("aiceo-auth");
            assertThat(context.getBean(PlatformSecurityProperties.class).audience()).isEqualTo("aiceo-platform");
        });
    }

    @Test
    void backsOffWhenTheServiceDefinesItsOwnChain() {
        runner.withUserConfiguration(OwnChain.class).run(context -> {
            assertThat(context).hasSingleBean(SecurityWebFilterChain.class);
            assertThat(context.getBean(SecurityWebFilterChain.class)).isSameAs(context.getBean("ownChain"));
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnChain {
        @Bean
        SecurityWebFilterChain ownChain(ServerHttpSecurity http) {
            return http.authorizeExchange(ex -> ex.anyExchange().permitAll()).build();
        }
    }
}
