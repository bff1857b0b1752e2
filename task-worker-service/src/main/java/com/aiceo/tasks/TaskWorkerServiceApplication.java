package com.aiceo.tasks;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The task-worker-service: owns schema {@code tasks}; listens on port 8086. */
@SpringBootApplication
public class TaskWorkerServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(TaskWorkerServiceApplication.class, args);
    }
}
