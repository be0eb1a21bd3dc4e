package dev.lrap.config;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A setting's value lrap cannot use. Its message names the environment variable the user wrote, not the property it
 * maps onto, and says what the variable must be; thrown from a converter, it stops lrap at start-up.
 */
public final class InvalidSetting extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;
    private static final String MESSAGE = "%s must be %s, but is '%s'";
    /** This class's message, at the end of a text that quotes it: one or two variables, what they must be, the value. */
    private static final Pattern QUOTED = Pattern.compile("[A-Z][A-Z0-9_]*(?: or [A-Z][A-Z0-9_]*)? must be .*, but is '.*'\\z",
            Pattern.DOTALL);

    /** {@code variable} must be {@code expected} (as in "a whole number of bytes"), but is {@code value}. */
    public InvalidSetting(String variable, String expected, String value) {
        super(MESSAGE.formatted(variable, expected, value));
    }

    /**
     * The message of an {@code InvalidSetting} that {@code text} ends with. SmallRye Config keeps only the text of a
     * converter's exception, after its own words about the property lrap maps the variable onto.
     */
    public static Optional<String> quotedAtTheEndOf(String text) {
        Matcher quoted = QUOTED.matcher(text);
        return quoted.find() ? Optional.of(quoted.group()) : Optional.empty();
    }
}
