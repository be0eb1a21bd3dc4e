package dev.lrap.config;

/**
 * A setting's value lrap cannot use. Its message names the environment variable the user wrote, not the property it
 * maps onto, and says what the variable must be; thrown from a converter, it stops lrap at start-up.
 */
public final class InvalidSetting extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** {@code variable} must be {@code expected} (as in "a whole number of bytes"), but is {@code value}. */
    public InvalidSetting(String variable, String expected, String value) {
        super("%s must be %s, but is '%s'".formatted(variable, expected, value));
    }
}
