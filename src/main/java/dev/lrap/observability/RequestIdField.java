package dev.lrap.observability;

import java.util.logging.Filter;
import java.util.logging.LogRecord;

import org.jboss.logmanager.ExtLogRecord;

import io.quarkus.logging.LoggingFilter;

/**
 * Puts the request id of the invocation a line is about into the record's NDC, which the JSON console format
 * writes as the top-level {@code requestId} field of Lambda's own JSON logs. The JSON formatter nests the MDC under
 * one key, so the MDC alone cannot give the field Lambda's name and place.
 */
@LoggingFilter(name = "lambda-request-id")
public final class RequestIdField implements Filter {

    @Override
    public boolean isLoggable(LogRecord record) {
        if (record instanceof ExtLogRecord logged) {
            String requestId = logged.getMdc(InvocationLogging.REQUEST_ID);
            // null, written as JSON null, on lines about no invocation; a runtime may post to any id, of any length
            logged.setNdc(requestId == null ? null : LogText.excerpt(requestId));
        }
        return true;
    }
}
