package com.aiceo.agentic;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The agentic-service: owns schema {@code agentic}; listens on port 8087. */
@SpringBootApplication
public class AgenticServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(AgenticServiceApplication.class, args);
    }
}
