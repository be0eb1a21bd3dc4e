package dev.lrap.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.logging.Level;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The request id field of a log line shows the id as Lambda gave it, and only an excerpt of one a runtime made up:
 * a runtime may post a result to any id, of any length and with any character in it. Every line's level has one of
 * the names Lambda gives levels, whichever logging API wrote it.
 */
class LambdaLogFieldsTest {

    @Test
    void lambdasRequestIdIsTheField() {
        assertEquals("8476a536-e9f4-11e8-9739-2dfe598c3fcd", fieldFor("8476a536-e9f4-11e8-9739-2dfe598c3fcd"));
    }

    @Test
    void anIdOfTheRuntimesMakingIsCutAndKeptOnOneLine() {
        String field = fieldFor("forged\n" + "x".repeat(5_000));

        assertEquals("forged\\u000a" + "x".repeat(93) + "… (5007 characters)", field);
    }

    @Test
    void aLineAboutNoInvocationHasNone() {
        assertNull(fieldFor(null));
    }

    @ParameterizedTest
    @CsvSource({ "FINEST, TRACE", "FINER, TRACE", "FINE, DEBUG", "CONFIG, DEBUG", "INFO, INFO", "WARNING, WARN",
            "SEVERE, ERROR" })
    void aJavaUtilLoggingLevelGetsLambdasName(String javaUtilLogging, String lambdas) {
        ExtLogRecord record = new ExtLogRecord(Level.parse(javaUtilLogging), "a line", LambdaLogFieldsTest.class.getName());

        new LambdaLogFields().isLoggable(record);

        assertEquals(lambdas, record.getLevel().getName());
    }

    @Test
    void lambdasOwnLevelsKeepTheirNames() {
        for (Level level : List.of(org.jboss.logmanager.Level.TRACE, org.jboss.logmanager.Level.DEBUG,
                org.jboss.logmanager.Level.INFO, org.jboss.logmanager.Level.WARN, org.jboss.logmanager.Level.ERROR,
                org.jboss.logmanager.Level.FATAL)) {
            ExtLogRecord record = new ExtLogRecord(level, "a line", LambdaLogFieldsTest.class.getName());

            new LambdaLogFields().isLoggable(record);

            assertEquals(level, record.getLevel());
        }
    }

    private static String fieldFor(String requestId) {
        ExtLogRecord record = new ExtLogRecord(Level.INFO, "a line", LambdaLogFieldsTest.class.getName());
        if (requestId != null) {
            record.putMdc(InvocationLogging.REQUEST_ID, requestId);
        }
        new LambdaLogFields().isLoggable(record);
        return record.getNdc();
    }
}
