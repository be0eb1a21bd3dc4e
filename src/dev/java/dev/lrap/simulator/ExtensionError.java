package dev.lrap.simulator;

/**
 * An error an extension reported through {@code /extension/init/error} or {@code /extension/exit/error}.
 *
 * @param extensionName the name the extension registered with
 * @param phase which of the two endpoints it used
 * @param errorType the {@code Lambda-Extension-Function-Error-Type} header
 * @param request the report as it arrived
 */
public record ExtensionError(String extensionName, Phase phase, String errorType, RecordedRequest request) {

    /** When the extension failed, which decides what Lambda does about it. */
    public enum Phase {
        /** Before its first {@code event/next}: the whole init fails. */
        INIT,
        /** Any time after registering: the extension is about to exit. */
        EXIT
    }
}
