package dev.lrap.observability;

import static org.jboss.logmanager.Level.DEBUG;
import static org.jboss.logmanager.Level.ERROR;
import static org.jboss.logmanager.Level.FATAL;
import static org.jboss.logmanager.Level.INFO;
import static org.jboss.logmanager.Level.TRACE;
import static org.jboss.logmanager.Level.WARN;

import java.util.List;
import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import org.jboss.logmanager.ExtLogRecord;

import io.quarkus.logging.LoggingFilter;

/**
 * Gives every log line the fields of Lambda's own JSON logs. The request id of the invocation a line is about goes
 * into the record's NDC, which the JSON console format writes as the top-level {@code requestId} field: the JSON
 * formatter nests the MDC under one key, so the MDC alone cannot give the field Lambda's name and place. And the level
 * is named as Lambda names levels: libraries that log through {@code java.util.logging} would otherwise write
 * {@code FINE} or {@code WARNING}, names Lambda's log level filter does not know.
 */
@LoggingFilter(name = "lambda-log-fields")
public final class LambdaLogFields implements Filter {

    /** Lambda's levels above TRACE, highest first. */
    private static final List<Level> LAMBDAS_LEVELS = List.of(FATAL, ERROR, WARN, INFO, DEBUG);

    @Override
    public boolean isLoggable(LogRecord record) {
        if (record instanceof ExtLogRecord logged) {
            String requestId = logged.getMdc(InvocationLogging.REQUEST_ID);
            // null, written as JSON null, on lines about no invocation; a runtime may post to any id, of any length
            logged.setNdc(requestId == null ? null : LogText.excerpt(requestId));
        }
        record.setLevel(lambdasName(record.getLevel()));
        return true;
    }

    /** The level of Lambda's that {@code level} stands for: the highest whose value it reaches, TRACE at least. */
    static Level lambdasName(Level level) {
        for (Level lambdas : LAMBDAS_LEVELS) {
            if (level.intValue() >= lambdas.intValue()) {
                return lambdas;
            }
        }
        return TRACE;
    }
}
