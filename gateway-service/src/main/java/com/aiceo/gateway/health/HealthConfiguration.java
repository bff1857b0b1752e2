package com.aiceo.gateway.health;

import com.aiceo.gateway.PlatformServicesProperties;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PlatformServicesProperties.class)
class HealthConfiguration {

    @Bean
    ServiceHealthAggregator serviceHealthAggregator(PlatformServicesProperties properties,
                                                    ObjectProvider<WebClient.Builder> builders) {
        Map<String, URI> services = new LinkedHashMap<>();
        properties.services().forEach((name, service) -> services.put(name, service.url()));
        // Boot's builder (observed, with its codecs) when present; a plain one otherwise
        WebClient client = builders.getIfAvailable(WebClient::builder).build();
        return new ServiceHealthAggregator(services, properties.health().timeout(), client);
    }
}
