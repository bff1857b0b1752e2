package com.aiceo.infra;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/** The Testcontainers side of {@link TestInfrastructure}, loaded only when a Docker engine answers. */
final class Containers {

    private Containers() {
    }

    static boolean dockerAvailable() {
        return DockerClientFactory.instance().isDockerAvailable();
    }

    static TestInfrastructure.KafkaHandle kafka() {
        KafkaContainer kafka = new KafkaContainer("apache/kafka:4.1.1");
        kafka.start();
        return new TestInfrastructure.KafkaHandle() {
            @Override
            public String bootstrapServers() {
                return kafka.getBootstrapServers();
            }

            @Override
            public void stop() {
                // pausing keeps the mapped port, so clients reconnect to the same address
                DockerClientFactory.instance().client().pauseContainerCmd(kafka.getContainerId()).exec();
            }

            @Override
            public void start() {
                DockerClientFactory.instance().client().unpauseContainerCmd(kafka.getContainerId()).exec();
            }
        };
    }

    static TestInfrastructure.PostgresHandle postgres() {
        PostgreSQLContainer pg = new PostgreSQLContainer("postgres:15").withDatabaseName("aiceo");
        pg.start();
        return new TestInfrastructure.PostgresHandle(pg.getHost(), pg.getMappedPort(5432), "aiceo",
                pg.getUsername(), pg.getPassword());
    }
}
