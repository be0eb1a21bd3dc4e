package dev.lrap.observability;

/**
 * Text that did not come from lrap (record ids from events, request ids, messages of DynamoDB's errors, the reason
 * lrap stops for) made fit for a log line or an error message: payload content never reaches either, control
 * characters cannot forge a line, and nothing is longer than a few kilobytes.
 */
public final class LogText {

    /** The most of a record id or request id that is shown. */
    static final int EXCERPT_CHARS = 100;

    /** Three UTF-8 bytes a char at most, so a message stays under 4 KB with the line around it. */
    private static final int MESSAGE_CHARS = 1_000;

    private LogText() {
    }

    /** The start of {@code text}, every character outside printable ASCII escaped, with how long it is when cut. */
    public static String excerpt(String text) {
        StringBuilder excerpt = new StringBuilder();
        int shown = Math.min(text.length(), EXCERPT_CHARS);
        for (int i = 0; i < shown; i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x7f) {
                excerpt.append(c);
            } else {
                excerpt.append("\\u%04x".formatted((int) c));
            }
        }
        return shown < text.length() ? excerpt.append("… (").append(text.length()).append(" characters)").toString()
                : excerpt.toString();
    }

    /** A message cut to at most {@value #MESSAGE_CHARS} characters, with control characters escaped. */
    public static String bounded(String message) {
        StringBuilder bounded = new StringBuilder();
        int shown = Math.min(message.length(), MESSAGE_CHARS);
        for (int i = 0; i < shown; i++) {
            char c = message.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                bounded.append("\\u%04x".formatted((int) c));
            } else {
                bounded.append(c);
            }
        }
        return shown < message.length() ? bounded.append("…").toString() : bounded.toString();
    }
}
