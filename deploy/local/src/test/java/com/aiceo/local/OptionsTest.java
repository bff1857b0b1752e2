package com.aiceo.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class OptionsTest {

    private final Path root = Path.of("/repo");

    @Test
    void defaultsToAllServicesAndDataUnderTheRepositoryRoot() {
        Options o = Options.parse(new String[0], root);
        assertThat(o.reset()).isFalse();
        assertThat(o.help()).isFalse();
        assertThat(o.dataDir()).isEqualTo(Path.of("/repo/.data"));
        assertThat(o.services()).isEqualTo(ServiceDef.ALL);
        assertThat(o.subset()).isFalse();
    }

    @Test
    void parsesResetDataAndOnly() {
        Options o = Options.parse(new String[] {"--reset", "--data", "tmp/d", "--only", "auth,gateway-service"}, root);
        assertThat(o.reset()).isTrue();
        assertThat(o.dataDir()).isEqualTo(Path.of("/repo/tmp/d"));
        // canonical order, short names accepted
        assertThat(o.services()).extracting(ServiceDef::module).containsExactly("gateway-service", "auth-service");
        assertThat(o.subset()).isTrue();
    }

    @Test
    void acceptsEqualsFormAndAbsolutePaths() {
        Options o = Options.parse(new String[] {"--data=/var/aiceo", "--only=crm-service, billing"}, root);
        assertThat(o.dataDir()).isEqualTo(Path.of("/var/aiceo"));
        assertThat(o.services()).extracting(ServiceDef::port).containsExactly(8083, 8085);
    }

    @Test
    void rejectsUnknownOptionsServicesAndMissingValues() {
        assertThatThrownBy(() -> Options.parse(new String[] {"--fast"}, root))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--fast");
        assertThatThrownBy(() -> Options.parse(new String[] {"--only", "payroll"}, root))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("payroll")
                .hasMessageContaining("gateway-service");
        assertThatThrownBy(() -> Options.parse(new String[] {"--data"}, root))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--data needs a value");
        assertThatThrownBy(() -> Options.parse(new String[] {"--data", "--reset"}, root))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Options.parse(new String[] {"--only", ","}, root))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one");
    }

    @Test
    void helpFlag() {
        assertThat(Options.parse(new String[] {"-h"}, root).help()).isTrue();
        assertThat(Options.parse(new String[] {"--help"}, root).help()).isTrue();
    }

    @Test
    void servicesHaveTheAgreedPortsAndJarPaths() {
        assertThat(ServiceDef.ALL).extracting(ServiceDef::port)
                .containsExactly(8080, 8081, 8082, 8083, 8084, 8085, 8086, 8087);
        assertThat(ServiceDef.byName("task-worker").jar(root))
                .isEqualTo(Path.of("/repo/task-worker-service/target/task-worker-service.jar"));
    }
}
