package io.leadscore.lead;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.leadscore.lifecycle.StageChange;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * One change to a lead's score, with its reason: the unit of audit and replay. Every applied event writes
 * one, even when it earns nothing, which is also how a redelivered event is recognised.
 *
 * @param reason     {@code event}, {@code decay}, {@code cold}, {@code merge}, {@code model-change}, {@code feedback},
 *                   {@code expiry} or {@code history}
 * @param change     the total score change
 * @param model      the model version that produced it, e.g. {@code default@1}
 * @param stage      the stage change it made, with who and why; null when the stage stayed
 */
public record LedgerEntry(String leadId, String reason, String eventId, String eventType, Instant occurredAt,
                          Instant recordedAt, List<Contribution> contributions, int change, int scoreAfter,
                          String model, @JsonInclude(JsonInclude.Include.NON_NULL) StageChange stage) {

    public static final String EVENT = "event";
    public static final String DECAY = "decay";
    public static final String COLD = "cold";
    /** A visitor's history taken over by the lead it turned out to be. */
    public static final String MERGE = "merge";
    /** A lead re-scored from its recorded history under a newly published model revision: old and new, by rule. */
    public static final String MODEL_CHANGE = "model-change";
    /** A CRM's verdict: its stage change, and what the model's feedback rule does to the score. */
    public static final String FEEDBACK = "feedback";
    /** Points of a rule with {@code expires:} taken back when they expire, dated then. */
    public static final String EXPIRY = "expiry";
    /**
     * An import of history replayed the lead in time order: what the replay changed beyond the imported events' own
     * entries (decay between them, caps, cold state), by rule.
     */
    public static final String HISTORY = "history";

    /** Fixed width, so that keys sort as times do (Instant.toString drops trailing zeros). */
    private static final DateTimeFormatter SORTABLE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    public LedgerEntry {
        contributions = List.copyOf(contributions);
    }

    /** An entry that leaves the stage as it is: most do. */
    public LedgerEntry(String leadId, String reason, String eventId, String eventType, Instant occurredAt,
                       Instant recordedAt, List<Contribution> contributions, int change, int scoreAfter, String model) {
        this(leadId, reason, eventId, eventType, occurredAt, recordedAt, contributions, change, scoreAfter, model, null);
    }

    public LedgerEntry withStage(StageChange change) {
        return new LedgerEntry(leadId, reason, eventId, eventType, occurredAt, recordedAt, contributions, this.change,
                scoreAfter, model, change);
    }

    /** Orders a lead's ledger by when things happened, and is unique per event. */
    public String key() {
        return keyOf(occurredAt, eventId);
    }

    /** The key of the entry an activity's application writes: how to tell, from the ledger, that it was applied. */
    public static String keyOf(Instant occurredAt, String eventId) {
        return SORTABLE.format(occurredAt) + "#" + eventId;
    }

    /** The event id in a {@link #key()}; event ids never contain '#'. */
    public static String eventIdOf(String key) {
        return key.substring(key.indexOf('#') + 1);
    }
}
