package cn.sanling.account;

import java.util.Optional;

/** Password rules for creation and change (SPEC §6): at least 10 characters from at least 3 character classes. */
final class PasswordPolicy {

    static final int MIN_LENGTH = 10;
    static final int MAX_LENGTH = 128;

    private PasswordPolicy() {
    }

    /** The reason a password is refused, or empty if it is acceptable. */
    static Optional<String> violation(String password, String username) {
        if (password == null || password.length() < MIN_LENGTH) {
            return Optional.of("must be at least " + MIN_LENGTH + " characters");
        }
        if (password.length() > MAX_LENGTH) {
            return Optional.of("must be at most " + MAX_LENGTH + " characters");
        }
        int classes = 0;
        classes += password.chars().anyMatch(Character::isUpperCase) ? 1 : 0;
        classes += password.chars().anyMatch(Character::isLowerCase) ? 1 : 0;
        classes += password.chars().anyMatch(Character::isDigit) ? 1 : 0;
        classes += password.chars().anyMatch(c -> !Character.isLetterOrDigit(c)) ? 1 : 0;
        if (classes < 3) {
            return Optional.of("must mix at least 3 of: upper case, lower case, digits, symbols");
        }
        if (username != null && password.toLowerCase().contains(username.toLowerCase())) {
            return Optional.of("must not contain the username");
        }
        return Optional.empty();
    }
}
