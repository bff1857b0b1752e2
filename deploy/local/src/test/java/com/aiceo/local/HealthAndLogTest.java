package com.aiceo.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HealthAndLogTest {

    @Test
    void readsFlatAndNestedServiceStatuses() {
        String flat = "{\"status\":\"DOWN\",\"services\":{\"auth-service\":\"UP\",\"crm-service\":\"DOWN\"}}";
        assertThat(HealthReport.status(flat)).isEqualTo("DOWN");
        assertThat(HealthReport.services(flat)).containsEntry("auth-service", "UP").containsEntry("crm-service", "DOWN");

        String nested = "{\"status\":\"UP\",\"services\":{\"auth-service\":{\"status\":\"UP\",\"latencyMs\":3},"
                + "\"ai\":{\"status\":\"OUT_OF_SERVICE\"}}, \"version\":\"x\"}";
        assertThat(HealthReport.status(nested)).isEqualTo("UP");
        assertThat(HealthReport.services(nested)).containsOnlyKeys("auth-service", "ai")
                .containsEntry("ai", "OUT_OF_SERVICE");
    }

    @Test
    void listsWantedServicesThatAreNotUp() {
        String body = "{\"status\":\"DOWN\",\"services\":{\"auth-service\":\"UP\",\"crm\":\"DOWN\"}}";
        List<ServiceDef> wanted = List.of(ServiceDef.byName("gateway"), ServiceDef.byName("auth"),
                ServiceDef.byName("crm"), ServiceDef.byName("billing"));
        assertThat(HealthReport.notUp(body, wanted))
                .containsExactly("crm-service (DOWN)", "billing-service (not reported)");
        assertThat(HealthReport.notUp(body, List.of(ServiceDef.byName("auth")))).isEmpty();
        assertThat(HealthReport.services("<html>404</html>")).isEmpty();
        assertThat(HealthReport.services(null)).isEmpty();
    }

    @Test
    void tailsTheLastLines(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("x.log");
        Files.writeString(log, IntStream.rangeClosed(1, 100).mapToObj(i -> "line " + i).collect(Collectors.joining("\n")) + "\n");
        assertThat(LogTail.last(log, 3)).containsExactly("line 98", "line 99", "line 100");
        Files.writeString(log, "only\n");
        assertThat(LogTail.last(log, 20)).containsExactly("only");
        // a big file: only its end is read, and the partial first line is dropped
        Files.writeString(log, "x".repeat(200_000) + "\nend\n");
        assertThat(LogTail.last(log, 20)).containsExactly("end");
        assertThat(LogTail.last(dir.resolve("missing.log"), 5)).singleElement().asString().startsWith("(cannot read");
    }

    @Test
    void detectsABusyPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            assertThat(LocalPlatform.portFree(s.getLocalPort())).isFalse();
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        assertThat(LocalPlatform.portFree(port)).isTrue();
    }

    @Test
    void deletesADirectoryTree(@TempDir Path dir) throws IOException {
        Path data = dir.resolve("data");
        Files.createDirectories(data.resolve("postgres/base/1"));
        Files.writeString(data.resolve("postgres/base/1/f"), "x");
        Files.writeString(data.resolve("logs.txt"), "x");
        LocalPlatform.deleteRecursively(data);
        assertThat(data).doesNotExist();
    }
}
