package dev.lrap.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.logging.Level;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

/**
 * The request id field of a log line shows the id as Lambda gave it, and only an excerpt of one a runtime made up:
 * a runtime may post a result to any id, of any length and with any character in it.
 */
class RequestIdFieldTest {

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

    private static String fieldFor(String requestId) {
        ExtLogRecord record = new ExtLogRecord(Level.INFO, "a line", RequestIdFieldTest.class.getName());
        if (requestId != null) {
            record.putMdc(InvocationLogging.REQUEST_ID, requestId);
        }
        new RequestIdField().isLoggable(record);
        return record.getNdc();
    }
}
