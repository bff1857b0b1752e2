package com.aiceo.auth.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

import com.aiceo.auth.AuthProperties;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

class KeyEncryptionTest {

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String OTHER_KEY = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef"
            .getBytes(StandardCharsets.US_ASCII));

    @Test
    void encryptsAndDecryptsBoundToTheKid() {
        KeyEncryption encryption = new KeyEncryption(KEY);
        byte[] plain = "private key bytes".getBytes(StandardCharsets.UTF_8);
        byte[] sealed = encryption.encrypt(plain, "kid-1");
        assertThat(sealed).hasSize(12 + plain.length + 16);
        assertThat(encryption.encrypt(plain, "kid-1")).as("random IV").isNotEqualTo(sealed);
        assertThat(encryption.decrypt(sealed, "kid-1")).isEqualTo(plain);
        assertThatThrownBy(() -> encryption.decrypt(sealed, "kid-2")).hasMessageContaining("Cannot decrypt");
        assertThatThrownBy(() -> new KeyEncryption(OTHER_KEY).decrypt(sealed, "kid-1"))
                .hasMessageContaining("AUTH_KEY_ENCRYPTION_KEY");
        sealed[20] ^= 1;
        assertThatThrownBy(() -> encryption.decrypt(sealed, "kid-1")).hasMessageContaining("Cannot decrypt");
    }

    @Test
    void refusesAMissingOrMalformedKey() {
        assertThatThrownBy(() -> new KeyEncryption(null)).hasMessage(KeyEncryption.MISSING);
        assertThatThrownBy(() -> new KeyEncryption("  ")).hasMessage(KeyEncryption.MISSING);
        assertThatThrownBy(() -> new KeyEncryption("not base64!")).hasMessageContaining("not valid base64");
        assertThatThrownBy(() -> new KeyEncryption(Base64.getEncoder().encodeToString(new byte[16])))
                .hasMessageContaining("32 bytes, not 16");
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(AuthProperties.class)
    static class Props {
    }

    @Test
    void startUpFailsWithOneClearMessageWithoutTheKey() {
        new ApplicationContextRunner()
                .withUserConfiguration(Props.class, KeysConfiguration.class)
                .withBean(DatabaseClient.class, () -> mock(DatabaseClient.class))
                .withBean(TransactionalOperator.class, () -> mock(TransactionalOperator.class))
                .run(context -> {
                    assertThat(context).hasFailed();
                    Throwable root = context.getStartupFailure();
                    while (root.getCause() != null) {
                        root = root.getCause();
                    }
                    assertThat(root).isInstanceOf(IllegalStateException.class).hasMessage(KeyEncryption.MISSING);
                });
        new ApplicationContextRunner()
                .withUserConfiguration(Props.class, KeysConfiguration.class)
                .withPropertyValues("platform.auth.key-encryption-key=" + KEY)
                .withBean(DatabaseClient.class, () -> mock(DatabaseClient.class))
                .withBean(TransactionalOperator.class, () -> mock(TransactionalOperator.class))
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(SigningKeys.class));
    }
}
