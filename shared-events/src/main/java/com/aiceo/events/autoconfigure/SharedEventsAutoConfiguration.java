package com.aiceo.events.autoconfigure;

import com.aiceo.events.EventCatalog;
import com.aiceo.events.EventEnvelope;
import com.aiceo.events.EventJson;
import com.aiceo.events.Topic;
import com.aiceo.events.Topics;
import com.aiceo.events.consumer.DeliveryFailures;
import com.aiceo.events.consumer.IdempotentConsumer;
import com.aiceo.events.consumer.NonRetryableEventException;
import com.aiceo.events.consumer.ProcessedEventJanitor;
import com.aiceo.events.kafka.EnvelopeDeserializer;
import com.aiceo.events.kafka.EnvelopeSerializer;
import com.aiceo.events.outbox.CurrentTrace;
import com.aiceo.events.outbox.MicrometerCurrentTrace;
import com.aiceo.events.outbox.Outbox;
import com.aiceo.events.outbox.OutboxProperties;
import com.aiceo.events.outbox.OutboxRelay;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.r2dbc.spi.ConnectionFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcTransactionManagerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.KafkaUtils;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Gives a service the event backbone by adding the shared-events dependency: the outbox and its
 * relay, the idempotent consumer, envelope (de)serialization with dead-lettering of unreadable
 * records, retries with backoff then a per-consumer dead-letter topic, and the platform's topics.
 * A service sets {@code platform.schema} (its own database schema) and imports
 * {@code classpath:platform-defaults.yml}.
 */
@AutoConfiguration(after = {R2dbcAutoConfiguration.class, R2dbcTransactionManagerAutoConfiguration.class},
        before = KafkaAutoConfiguration.class)
@EnableConfigurationProperties(OutboxProperties.class)
public class SharedEventsAutoConfiguration {

    /** Header on dead-lettered records naming the root cause (besides spring-kafka's kafka_dlt-* headers). */
    public static final String DEAD_LETTER_REASON_HEADER = "dlt_reason";

    @Bean
    @ConditionalOnMissingBean
    TransactionalOperator platformTransactionalOperator(ReactiveTransactionManager txManager) {
        return TransactionalOperator.create(txManager);
    }

    @Bean
    @ConditionalOnMissingBean
    Outbox outbox(DatabaseClient db, ObjectProvider<CurrentTrace> trace) {
        return new Outbox(db, trace.getIfAvailable(() -> CurrentTrace.NONE));
    }

    /** With Micrometer Tracing on the classpath and a tracer configured, events carry the trace. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.micrometer.tracing.Tracer")
    static class TracingConfiguration {
        @Bean
        @ConditionalOnMissingBean
        CurrentTrace micrometerCurrentTrace(ObjectProvider<io.micrometer.tracing.Tracer> tracer) {
            return new MicrometerCurrentTrace(tracer);
        }
    }

    @Bean
    @ConditionalOnMissingBean
    IdempotentConsumer idempotentConsumer(DatabaseClient db, TransactionalOperator tx,
                                          ObjectProvider<MeterRegistry> meters) {
        return new IdempotentConsumer(db, tx, meters.getIfAvailable(SimpleMeterRegistry::new));
    }

    @Bean
    @ConditionalOnMissingBean
    ProcessedEventJanitor processedEventJanitor(IdempotentConsumer consumer,
                                                @Value("${platform.consumer.retention:14d}") Duration retention,
                                                @Value("${platform.consumer.purge-every:1h}") Duration every) {
        return new ProcessedEventJanitor(consumer, retention, every);
    }

    @Bean
    @ConditionalOnProperty(prefix = "platform.outbox", name = "enabled", matchIfMissing = true)
    OutboxRelay outboxRelay(ConnectionFactory connectionFactory, DatabaseClient db, TransactionalOperator tx,
                            KafkaProperties kafkaProperties, OutboxProperties props,
                            @Value("${platform.schema}") String schema, ObjectProvider<MeterRegistry> meters) {
        Map<String, Object> config = new HashMap<>(kafkaProperties.buildProducerProperties());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        long timeout = props.sendTimeout().toMillis();
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Math.min(timeout, 5_000L));
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(timeout, 5_000L));
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.max(timeout, 6_000L));
        config.put(ProducerConfig.CLIENT_ID_CONFIG, config.getOrDefault(ProducerConfig.CLIENT_ID_CONFIG, schema)
                + "-outbox");
        KafkaTemplate<String, String> template = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(config));
        return new OutboxRelay(connectionFactory, db, tx, template, props, schema,
                meters.getIfAvailable(SimpleMeterRegistry::new));
    }

    /** Consumers read envelopes; a record that cannot be read becomes a DeserializationException. */
    @Bean
    @ConditionalOnMissingBean(org.springframework.kafka.core.ConsumerFactory.class)
    DefaultKafkaConsumerFactory<Object, Object> kafkaConsumerFactory(KafkaProperties kafkaProperties) {
        Map<String, Object> config = new HashMap<>(kafkaProperties.buildConsumerProperties());
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ErrorHandlingDeserializer.class);
        config.put(ErrorHandlingDeserializer.VALUE_DESERIALIZER_CLASS, EnvelopeDeserializer.class);
        return new DefaultKafkaConsumerFactory<>(config);
    }

    /**
     * Retries a failed record with exponential backoff (seek-based, so the partition stays in order),
     * then publishes it to its consumer group's dead-letter topic with the failure in the headers.
     * Unreadable and invalid records go there at once; infrastructure failures
     * ({@link DeliveryFailures}) are retried until the infrastructure is back.
     */
    @Bean
    @ConditionalOnMissingBean
    CommonErrorHandler platformKafkaErrorHandler(KafkaProperties kafkaProperties,
                                                 @Value("${platform.consumer.max-retries:4}") int maxRetries,
                                                 @Value("${platform.consumer.initial-backoff-ms:200}") long backoff) {
        Map<String, Object> config = new HashMap<>(kafkaProperties.buildProducerProperties());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        Map<Class<?>, org.apache.kafka.common.serialization.Serializer<?>> byType = new LinkedHashMap<>();
        byType.put(byte[].class, new ByteArraySerializer());
        byType.put(EventEnvelope.class, new EnvelopeSerializer());
        DefaultKafkaProducerFactory<String, Object> dltFactory = new DefaultKafkaProducerFactory<>(config,
                new StringSerializer(), new DelegatingByTypeSerializer(byType, true));
        KafkaTemplate<String, Object> dltTemplate = new KafkaTemplate<>(dltFactory);
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(dltTemplate,
                (record, ex) -> new TopicPartition(Topic.deadLetterTopic(groupOf(record.topic())), -1));
        recoverer.setHeadersFunction((record, ex) -> new RecordHeaders(new Header[] {
                new RecordHeader(DEAD_LETTER_REASON_HEADER, reasonOf(ex).getBytes(StandardCharsets.UTF_8))}));
        ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(maxRetries);
        backOff.setInitialInterval(backoff);
        backOff.setMultiplier(2.0);
        backOff.setMaxInterval(10_000);
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff);
        // the database or a connection away: retry (capped at 30 s apart) until it is back, never dead-letter
        handler.setBackOffFunction((record, ex) -> {
            if (!DeliveryFailures.isInfrastructure(ex)) {
                return null;
            }
            ExponentialBackOff untilBack = new ExponentialBackOff(backoff, 2.0);
            untilBack.setMaxInterval(30_000);
            untilBack.setMaxElapsedTime(Long.MAX_VALUE);
            return untilBack;
        });
        handler.addNotRetryableExceptions(EventJson.MalformedEventException.class,
                EventCatalog.UnknownEventTypeException.class, NonRetryableEventException.class,
                IllegalArgumentException.class);
        return handler;
    }

    /** The deepest cause's class and message: why the record was dead-lettered, in one line. */
    static String reasonOf(Throwable ex) {
        Throwable root = ex;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private static String groupOf(String topic) {
        String group = KafkaUtils.getConsumerGroupId();
        return group != null ? group : topic;
    }

    /** Creates the platform's topics (idempotent) when the service starts. */
    @Bean
    KafkaAdmin.NewTopics platformTopics(@Value("${platform.kafka.partitions:3}") int partitions) {
        return new KafkaAdmin.NewTopics(Topics.ALL.stream()
                .map(t -> new NewTopic(t.name(), partitions, (short) -1))
                .toArray(NewTopic[]::new));
    }
}
