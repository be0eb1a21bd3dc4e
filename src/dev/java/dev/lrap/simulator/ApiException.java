package dev.lrap.simulator;

/**
 * A request the Runtime or Extensions API refuses. Lambda answers every refusal with a status and an
 * {@code {"errorMessage","errorType"}} body, so that is all this carries.
 */
final class ApiException extends RuntimeException {

    private final int status;
    private final String errorType;

    ApiException(int status, String errorType, String errorMessage) {
        super(errorMessage, null, false, false);
        this.status = status;
        this.errorType = errorType;
    }

    int status() {
        return status;
    }

    ApiJson.ErrorResponse body() {
        return new ApiJson.ErrorResponse(getMessage(), errorType);
    }
}
