package dev.lrap.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/** The word a failure is grouped by comes from its causes, never from a message. */
class FailureReasonTest {

    @Test
    void aDeadlineWithNoTimeLeftIsOutOfTime() {
        assertEquals("OutOfTime", FailureReason.of(wrapped(new TimeoutException("store content"))));
    }

    @Test
    void aCallCutShortByTheDeadlineIsOutOfTime() {
        assertEquals("OutOfTime", FailureReason.of(wrapped(ApiCallTimeoutException.create(100))));
    }

    @Test
    void aRefusalOfDynamoDbIsNamedByItsErrorCode() {
        DynamoDbException refused = (DynamoDbException) DynamoDbException.builder()
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDeniedException").build()).build();
        assertEquals("AccessDeniedException", FailureReason.of(wrapped(refused)));
    }

    @Test
    void aClientThatCannotConnectMeansDynamoDbIsUnreachable() {
        assertEquals("DynamoDbUnreachable", FailureReason.of(wrapped(SdkClientException.create("Connection refused"))));
    }

    @Test
    void aFailureWithoutSuchACauseIsUnavailableContent() {
        assertEquals("ContentUnavailable", FailureReason.of(new IllegalStateException("cannot resolve: no item in table")));
    }

    private static RuntimeException wrapped(Throwable cause) {
        return new IllegalStateException("cannot store 1 values", cause);
    }
}
