package io.leadscore.aws.dynamodb;

import io.leadscore.model.ScoringModel;
import io.leadscore.revision.ModelRevision;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * The revision of a model that is published, as a function reads it: no redeploy is needed to change what scores.
 *
 * <p>What it costs: the pointer item ({@link ModelStore#pointer}, one consistent GetItem of a small item) is read at
 * each call of {@link #now()}, which the score function makes at the start of every batch and the decay sweep at the
 * start of every page, so a batch or page begun after a publish scores with the new revision; and at most every
 * {@link #RECHECK_AFTER} by {@link #recent()}, which ingest (event-type checks) and query use, so a publish shows
 * there within 30 s. A revision's body (up to 256 KB of YAML, parsed and checked) is read once per container, since
 * it never changes: only when the pointer names another one is anything more read.
 *
 * <p>The first call that finds no pointer seeds revision 1 ({@link ModelStore#seed}, from {@code seed}: the shipped
 * default or {@code MODEL_PATH}'s file). Seeding on first use rather than in a deploy-time custom resource keeps one
 * path for AWS and the local runtime, needs no extra function or role, and cannot fail a stack update; the
 * conditional write makes any number of concurrent cold starts seed once, and a seeded model costs nothing more.
 *
 * <p>Safe for concurrent use: the handlers of the local runtime serve several requests at once.
 */
public final class PublishedModel {
    /** How stale {@link #recent()} may be. */
    public static final Duration RECHECK_AFTER = Duration.ofSeconds(30);

    private final ModelStore store;
    private final String modelId;
    private final Supplier<ModelSeed> seed;
    private final Clock clock;
    /** The revision last read, parsed: replaced when the pointer names another. */
    private volatile InForce loaded;
    /** When {@link #recent()} last read the pointer. */
    private volatile Instant checkedAt;

    /**
     * The published revision, when it was read, and the model it makes.
     *
     * @param pointer the model's pointer as read: who published the revision and when
     */
    public record InForce(ModelPointer pointer, ModelRevision revision, ScoringModel model) {
    }

    /**
     * @param seed  read only if the model has no revision yet
     * @param clock the functions' clock: it dates a seeded revision and times {@link #RECHECK_AFTER}
     */
    public PublishedModel(ModelStore store, String modelId, Supplier<ModelSeed> seed, Clock clock) {
        if (!ModelStore.isModelId(modelId)) {
            throw new IllegalArgumentException("MODEL_ID '" + modelId + "' is not a model id: 1-64 letters, digits,"
                    + " '_' or '-'");
        }
        this.store = store;
        this.modelId = modelId;
        this.seed = seed;
        this.clock = clock;
    }

    public String modelId() {
        return modelId;
    }

    /** The revision published now: reads the pointer (one GetItem), and the revision's body only if it is new here. */
    public InForce now() {
        Instant readAt = clock.instant();
        ModelPointer pointer = store.pointer(modelId).orElseGet(() -> store.seed(modelId, seed.get(), readAt));
        return adopt(pointer, readAt);
    }

    /** The revision published at most {@link #RECHECK_AFTER} ago: the pointer is read only when that has passed. */
    public InForce recent() {
        InForce current = loaded;
        Instant checked = checkedAt;
        if (current == null || checked == null || !clock.instant().isBefore(checked.plus(RECHECK_AFTER))) {
            return now();
        }
        return current;
    }

    /**
     * What the pointer just read publishes, its body read only when it is not the one held (once, however many
     * threads find it new at once). A pointer read before one adopted already is older: the newer stands.
     */
    private synchronized InForce adopt(ModelPointer pointer, Instant readAt) {
        InForce current = loaded;
        if (current != null && pointer.revision() < current.pointer().revision()) {
            return current;
        }
        InForce fresh;
        if (current != null && current.revision().number() == pointer.published()) {
            fresh = new InForce(pointer, current.revision(), current.model());
        } else {
            ModelStore.Parsed parsed = store.parsedRevision(modelId, pointer.published())
                    .orElseThrow(() -> new IllegalStateException("model '" + modelId + "' publishes revision "
                            + pointer.published() + ", which is not stored"));
            fresh = new InForce(pointer, parsed.revision(), parsed.model());
        }
        loaded = fresh;
        checkedAt = readAt;
        return fresh;
    }
}
