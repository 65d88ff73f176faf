package io.leadscore.aws.dynamodb;

import io.leadscore.aws.lambda.Log;
import io.leadscore.lead.Crossing;
import io.leadscore.lead.LeadDecay;
import io.leadscore.lead.LedgerEntry;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/** One pass over the due index: each due lead decayed (and taken cold) up to {@code now}. */
public final class DecaySweep {
    static final int PAGE = 100;

    private final DueIndex due;
    private final LeadStore leads;
    private final LeadDecay decay;

    /** What a pass did; {@code complete} is false when it stopped for time with leads still due. */
    public record Summary(int leadsDue, int leadsDecayed, int leadsWentCold, int leadsFailed, int indexItemsRead,
                          boolean complete) {
    }

    public DecaySweep(DueIndex due, LeadStore leads, LeadDecay decay) {
        this.due = due;
        this.leads = leads;
        this.decay = decay;
    }

    public Summary run(Instant now, BooleanSupplier timeLeft) {
        AtomicInteger seen = new AtomicInteger();
        AtomicInteger decayed = new AtomicInteger();
        AtomicInteger cold = new AtomicInteger();
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
            for (String leadId : page.leadIds()) {
                if (!more.getAsBoolean()) {
                    return;
                }
                seen.incrementAndGet();
                LeadDecay.Swept swept;
                try {
                    swept = leads.decay(leadId, decay, now);
                } catch (RuntimeException e) {
                    // The lead stays due: the next sweep tries it again. One lead must not stop the others.
                    Log.error("decaying a lead failed", e, "leadId", leadId);
                    failed.incrementAndGet();
                    continue;
                }
                if (swept != null && swept.entries().stream().anyMatch(e -> e.reason().equals(LedgerEntry.DECAY))) {
                    decayed.incrementAndGet();
                }
                if (swept != null && swept.crossings().stream().anyMatch(c -> c.kind() == Crossing.Kind.WENT_COLD)) {
                    cold.incrementAndGet();
                }
            }
        });
        return new Summary(seen.get(), decayed.get(), cold.get(), failed.get(), read.get(), !stopped.get());
    }
}
