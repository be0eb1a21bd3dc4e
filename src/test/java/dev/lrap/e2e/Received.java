package dev.lrap.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;

import dev.lrap.e2e.functions.Probe;
import dev.lrap.simulator.InvocationResult;
import dev.lrap.simulator.InvocationResult.Outcome;

/**
 * An event as the {@link Probe} function's handler received it: size, whether a reference was left in it, SHA-256.
 * Equal to {@link #event} of the bytes a test expects the handler to get, and only then.
 */
record Received(int bytes, boolean containsReference, String sha256) {

    /** What the probe reports when its handler gets exactly {@code event}. */
    static Received event(byte[] event) {
        return new Received(event.length, new String(event, StandardCharsets.UTF_8).contains(Probe.REFERENCE_PREFIX),
                Probe.sha256(event));
    }

    /** What the probe reported. */
    static Received by(InvocationResult report) {
        assertEquals(Outcome.RESPONSE, report.outcome(), report::bodyAsString);
        JsonNode json = Documents.json(report);
        return new Received(json.get("receivedBytes").intValue(), json.get("containsReference").booleanValue(),
                json.get("sha256").textValue());
    }
}
