package dev.lrap.offload;

import dev.lrap.observability.LogText;

/**
 * Content could not be stored or loaded; the message says what, for whom, and never contains the content. It is
 * {@linkplain LogText#bounded bounded}, as it goes to logs and to the error the function's caller sees.
 */
class ContentStoreException extends RuntimeException {

    ContentStoreException(String message) {
        super(LogText.bounded(message));
    }

    ContentStoreException(String message, Throwable cause) {
        super(LogText.bounded(message), cause);
    }
}
