package dev.lrap.offload;

/** Content could not be stored or loaded; the message says what, for whom, and never contains the content. */
class ContentStoreException extends RuntimeException {

    ContentStoreException(String message) {
        super(message);
    }

    ContentStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
