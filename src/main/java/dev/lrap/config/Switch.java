package dev.lrap.config;

import java.util.Locale;
import java.util.Set;

import org.eclipse.microprofile.config.spi.Converter;

/**
 * A setting that is on or off, such as {@code LRAP_DEBUG}. It takes every spelling SmallRye Config reads as true or
 * false, in any case, and refuses the rest: SmallRye's own converter reads any other value as false, so a typo such
 * as {@code LRAP_METRICS=ture} would quietly turn the metrics off.
 */
public abstract class Switch implements Converter<Boolean> {

    private static final Set<String> ON = Set.of("true", "1", "yes", "y", "on", "ja", "j", "si", "sim", "oui");
    private static final Set<String> OFF = Set.of("false", "0", "no", "n", "off", "nein", "não", "non");

    private final String variable;

    /** A switch set by the environment variable {@code variable}, which a bad value's message names. */
    protected Switch(String variable) {
        this.variable = variable;
    }

    @Override
    public Boolean convert(String value) {
        String spelling = value.toLowerCase(Locale.ROOT);
        if (ON.contains(spelling)) {
            return true;
        }
        if (OFF.contains(spelling)) {
            return false;
        }
        throw new InvalidSetting(variable, "true or false", value);
    }
}
