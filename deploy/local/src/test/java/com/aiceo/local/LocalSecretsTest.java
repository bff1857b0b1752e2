package com.aiceo.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalSecretsTest {

    @TempDir
    Path data;

    @Test
    void generatesAKeyOnceKeepsItPrivateAndReusesIt() throws Exception {
        Map<String, String> first = LocalSecrets.load(data, Map.of());
        String key = first.get("AUTH_KEY_ENCRYPTION_KEY");
        assertThat(Base64.getDecoder().decode(key)).hasSize(32);
        Path file = data.resolve("secrets/AUTH_KEY_ENCRYPTION_KEY");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(LocalSecrets.load(data, Map.of())).containsEntry("AUTH_KEY_ENCRYPTION_KEY", key);
    }

    @Test
    void theEnvironmentWins() {
        assertThat(LocalSecrets.load(data, Map.of("AUTH_KEY_ENCRYPTION_KEY", "from-env"))).isEmpty();
        assertThat(Files.exists(data.resolve("secrets"))).isFalse();
    }
}
