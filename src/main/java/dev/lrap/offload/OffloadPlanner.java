package dev.lrap.offload;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.TextNode;

/**
 * Decides which strings leave a response and puts references in their place: every string over
 * {@code MAX_CONTENT_SIZE}, then, while the response is still over {@code LRAP_MAX_PAYLOAD_SIZE}, the largest of
 * the rest. Equal values in one response share a record, and a value this environment resolved lately keeps the
 * record it came from (see {@link KnownContent}).
 */
final class OffloadPlanner {

    private final int maxContentSize;
    private final int maxPayloadSize;
    private final KnownContent known;

    OffloadPlanner(int maxContentSize, int maxPayloadSize, KnownContent known) {
        this.maxContentSize = maxContentSize;
        this.maxPayloadSize = maxPayloadSize;
        this.known = known;
    }

    /**
     * Replaces strings of {@code payload} with references.
     *
     * @param originalSize the size of the payload as it came
     * @return the values to store under new ids before the payload may go out
     */
    List<Content> offload(JsonPayload payload, int originalSize) {
        Offloads offloads = new Offloads(Instant.now());
        List<StringSlot> rest = new ArrayList<>();
        // a reference never becomes content itself: readers resolve one level only
        payload.strings().filter(slot -> !ContentReference.isReference(slot.value())).forEach(slot -> {
            if (slot.utf8Length() > maxContentSize) {
                offloads.move(slot);
            } else {
                rest.add(slot);
            }
        });
        if (payload.changed() || originalSize > maxPayloadSize) {
            fitBudget(payload, rest, offloads);
        }
        return offloads.toStore;
    }

    private void fitBudget(JsonPayload payload, List<StringSlot> rest, Offloads offloads) {
        long size = payload.toBytes().length;
        Iterator<StringSlot> largestFirst = rest.stream()
                .filter(slot -> slot.utf8Length() > ContentReference.LENGTH)
                .sorted(Comparator.comparingInt(StringSlot::utf8Length).reversed())
                .iterator();
        while (size > maxPayloadSize && largestFirst.hasNext()) {
            size -= offloads.move(largestFirst.next());
        }
    }

    /** The values one response moves out, by their JSON text. */
    private final class Offloads {

        private final Instant now;
        private final Map<String, String> idsByJson = new HashMap<>();
        private final List<Content> toStore = new ArrayList<>();

        Offloads(Instant now) {
            this.now = now;
        }

        /**
         * Puts a reference in the slot.
         *
         * @return how many bytes that saves in the serialized payload, at least (more inside an API Gateway body,
         *         where the text is escaped twice)
         */
        long move(StringSlot slot) {
            String json = Json.text(TextNode.valueOf(slot.value()));
            String reference = ContentReference.to(idsByJson.computeIfAbsent(json, this::recordFor));
            slot.replaceWith(TextNode.valueOf(reference));
            return Utf8.length(json) - (reference.length() + 2L);
        }

        private String recordFor(String json) {
            return known.idOf(json, now).orElseGet(() -> {
                String id = ContentReference.newId();
                toStore.add(new Content(id, json));
                return id;
            });
        }
    }
}
