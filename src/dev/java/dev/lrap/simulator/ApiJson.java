package dev.lrap.simulator;

import java.io.IOException;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The JSON documents of the Runtime and Extensions APIs, in the shapes Lambda uses. */
final class ApiJson {

    static final String CONTENT_TYPE = "application/json";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Every error answer and every error Lambda reports to a caller. */
    record ErrorResponse(String errorMessage, String errorType) {
    }

    /** The body of every 202 answer; the .NET runtime fails on an empty one. */
    record StatusResponse(String status) {
        static final StatusResponse OK = new StatusResponse("OK");
    }

    /** The body of {@code /extension/register}; unknown fields are rejected like Lambda does. */
    record RegisterRequest(List<String> events) {
        RegisterRequest {
            events = events == null ? List.of() : events;
        }
    }

    record RegisterResponse(String functionName, String functionVersion, String handler) {
    }

    record InvokeEvent(String eventType, long deadlineMs, String requestId, String invokedFunctionArn,
            Tracing tracing) {
    }

    record Tracing(String type, String value) {
    }

    record ShutdownEvent(String eventType, long deadlineMs, String shutdownReason) {
    }

    private ApiJson() {
    }

    static byte[] bytes(Object document) {
        try {
            return MAPPER.writeValueAsBytes(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialize " + document.getClass().getSimpleName(), e);
        }
    }

    /** Reads a request body; Lambda refuses a malformed one with 403. */
    static <T> T readRequest(byte[] json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw new ApiException(403, "InvalidRequestFormat", "Cannot read the request body: " + e.getMessage());
        }
    }
}
