package dev.lrap.observability;

import java.util.concurrent.TimeoutException;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Why storing or resolving failed, as a short word to group failures by: never a message, which may name content.
 */
public final class FailureReason {

    /** The invocation's deadline left no time for DynamoDB: the work was skipped or cut short. */
    public static final String OUT_OF_TIME = "OutOfTime";
    /** DynamoDB could not be reached. */
    public static final String DYNAMODB_UNREACHABLE = "DynamoDbUnreachable";
    /** A reference that names no item, an item that is damaged, or a transformer's own refusal. */
    public static final String CONTENT_UNAVAILABLE = "ContentUnavailable";

    private FailureReason() {
    }

    /** The reason behind {@code failure}: the first cause that says more than "it failed". */
    public static String of(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof TimeoutException || cause instanceof ApiCallTimeoutException
                    || cause instanceof ApiCallAttemptTimeoutException) {
                return OUT_OF_TIME;
            }
            if (cause instanceof AwsServiceException service && service.awsErrorDetails() != null
                    && service.awsErrorDetails().errorCode() != null) {
                return service.awsErrorDetails().errorCode();
            }
            if (cause instanceof SdkClientException) {
                return DYNAMODB_UNREACHABLE;
            }
        }
        return CONTENT_UNAVAILABLE;
    }
}
