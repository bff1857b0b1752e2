package com.aiceo.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Secrets the services need even locally (e.g. the key that encrypts auth-service's signing keys at
 * rest). Taken from the environment when set; otherwise generated once into {@code <data>/secrets/}
 * (owner-only file permissions, git-ignored with the rest of the data folder) and reused on every
 * run, so data encrypted under them stays readable until {@code --reset}.
 */
final class LocalSecrets {

    /** Environment variables holding 32 random bytes, base64. */
    static final List<String> GENERATED = List.of("AUTH_KEY_ENCRYPTION_KEY");

    private LocalSecrets() {
    }

    static Map<String, String> load(Path dataDir, Map<String, String> env) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : GENERATED) {
            String given = env.get(name);
            if (given != null && !given.isBlank()) {
                continue;
            }
            out.put(name, readOrCreate(dataDir.resolve("secrets").resolve(name)));
        }
        return out;
    }

    private static String readOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.US_ASCII).trim();
            }
            Files.createDirectories(file.getParent());
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            String value = Base64.getEncoder().encodeToString(key);
            Files.writeString(file, value + "\n", StandardCharsets.US_ASCII);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the data folder's own permissions apply
            }
            return value;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + file, e);
        }
    }
}
