package com.aiceo.auth.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

    @Test
    void acceptsTenCharactersOfAtLeastTwoClasses() {
        assertThat(PasswordPolicy.problem("abcdefghi1")).isNull();
        assertThat(PasswordPolicy.problem("correct horse battery")).isNull(); // lower + space
        assertThat(PasswordPolicy.problem("ABCDEFGHIj")).isNull();
        assertThat(PasswordPolicy.problem("x".repeat(71) + "1")).isNull(); // 72 bytes
    }

    @Test
    void refusesShortOneClassOrTooLongPasswords() {
        assertThat(PasswordPolicy.problem(null)).isEqualTo("is required");
        assertThat(PasswordPolicy.problem("")).isEqualTo("is required");
        assertThat(PasswordPolicy.problem("abcdefgh1")).contains("at least 10");
        assertThat(PasswordPolicy.problem("abcdefghijkl")).contains("two of");
        assertThat(PasswordPolicy.problem("12345678901")).contains("two of");
        assertThat(PasswordPolicy.problem("!!!!!!!!!!!")).contains("two of");
        assertThat(PasswordPolicy.problem("x".repeat(72) + "1")).contains("72 bytes");
        assertThat(PasswordPolicy.problem("é".repeat(36) + "1")).contains("72 bytes"); // 73 bytes in UTF-8
    }
}
