package com.aiceo.auth.account;

/**
 * The minimum strength rule: at least 10 characters and at most 72 bytes (bcrypt's limit), and at least two of the classes lower case,
 * upper case, digit, other (so not all one class: "aaaaaaaaaa" and "1234567890" are refused).
 */
final class PasswordPolicy {

    static final int MIN = 10;
    /** bcrypt reads at most 72 bytes; longer passwords are refused rather than silently cut. */
    static final int MAX_BYTES = 72;

    private PasswordPolicy() {
    }

    /** Why the password is refused, or {@code null} if it is acceptable. */
    static String problem(String password) {
        if (password == null || password.isEmpty()) {
            return "is required";
        }
        if (password.length() < MIN) {
            return "must be at least " + MIN + " characters";
        }
        if (password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_BYTES) {
            return "must be at most " + MAX_BYTES + " bytes";
        }
        boolean lower = false;
        boolean upper = false;
        boolean digit = false;
        boolean other = false;
        for (int i = 0; i < password.length(); i++) {
            char c = password.charAt(i);
            if (Character.isLowerCase(c)) {
                lower = true;
            } else if (Character.isUpperCase(c)) {
                upper = true;
            } else if (Character.isDigit(c)) {
                digit = true;
            } else {
                other = true;
            }
        }
        int classes = (lower ? 1 : 0) + (upper ? 1 : 0) + (digit ? 1 : 0) + (other ? 1 : 0);
        return classes >= 2 ? null
                : "must mix at least two of: lower case, upper case, digits, other characters";
    }
}
