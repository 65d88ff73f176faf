package io.leadscore.decay;

import io.leadscore.aws.dynamodb.DueIndex;
import io.leadscore.aws.lambda.Log;
import io.leadscore.aws.lambda.Parallel;
import io.leadscore.lead.LeadDecay;
import io.leadscore.lead.LedgerEntry;
import io.leadscore.scoring.ScoringRun;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * One pass over the due index: each due lead decayed (and taken cold) up to {@code now}, a page of leads at a
 * time. Between pages it asks whether there is time left, and stops cleanly when there is not. Each page is swept
 * by a scoring run of its own, under the model published when the page starts: a publish during a long sweep is in
 * force from the next page.
 */
public final class DecaySweep {
    static final int PAGE = 100;

    private final DueIndex due;
    private final Supplier<ScoringRun> runs;
    /** Leads are independent: a page's writes overlap, each lead's steps are one write. */
    private final Parallel leadWrites = new Parallel(8, "decay-sweep");

    /**
     * What a pass did; {@code complete} is false when it stopped for time with leads still due; {@code leadsExpired}
     * counts the leads some of whose points expired.
     */
    public record Summary(int leadsDue, int leadsDecayed, int leadsWentCold, int leadsFailed, int indexItemsRead,
                          boolean complete, int leadsExpired) {
    }

    /** @param runs a scoring run under the model in force, asked for at the start of each page */
    public DecaySweep(DueIndex due, Supplier<ScoringRun> runs) {
        this.due = due;
        this.runs = runs;
    }

    public Summary run(Instant now, BooleanSupplier timeLeft) {
        AtomicInteger seen = new AtomicInteger();
        AtomicInteger decayed = new AtomicInteger();
        AtomicInteger cold = new AtomicInteger();
        AtomicInteger expired = new AtomicInteger();
        AtomicInteger read = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicBoolean stopped = new AtomicBoolean();
        BooleanSupplier more = () -> {
            if (!timeLeft.getAsBoolean()) {
                stopped.set(true);
            }
            return !stopped.get();
        };
        due.forEachDue(now, PAGE, more, page -> {
            read.addAndGet(page.itemsRead());
            seen.addAndGet(page.leadIds().size());
            if (page.leadIds().isEmpty()) {
                return; // a shard with nothing due: no model needed
            }
            ScoringRun scoring = runs.get();
            for (Optional<LeadDecay.Swept> outcome : leadWrites.map(page.leadIds(),
                    leadId -> decay(scoring, leadId, now))) {
                if (outcome.isEmpty()) {
                    failed.incrementAndGet();
                    continue;
                }
                List<LedgerEntry> steps = outcome.get().entries();
                if (steps.stream().anyMatch(e -> e.reason().equals(LedgerEntry.DECAY))) {
                    decayed.incrementAndGet();
                }
                if (steps.stream().anyMatch(e -> e.reason().equals(LedgerEntry.COLD))) {
                    cold.incrementAndGet();
                }
                if (steps.stream().anyMatch(e -> e.reason().equals(LedgerEntry.EXPIRY))) {
                    expired.incrementAndGet();
                }
            }
        });
        return new Summary(seen.get(), decayed.get(), cold.get(), failed.get(), read.get(), !stopped.get(),
                expired.get());
    }

    /** One lead; empty when it failed, and it stays due: one lead must not stop the others. */
    private static Optional<LeadDecay.Swept> decay(ScoringRun scoring, String leadId, Instant now) {
        try {
            return Optional.of(Objects.requireNonNullElse(scoring.decay(leadId, now),
                    new LeadDecay.Swept(null, List.of(), List.of())));
        } catch (RuntimeException e) {
            Log.error("decaying a lead failed; the next sweep tries it again", e, "leadId", leadId);
            return Optional.empty();
        }
    }
}
