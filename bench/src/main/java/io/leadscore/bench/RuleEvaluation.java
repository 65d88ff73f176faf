package io.leadscore.bench;

import io.leadscore.activity.Activity;
import io.leadscore.lead.Lead;
import io.leadscore.lead.LeadScorer;
import io.leadscore.lead.Scored;
import io.leadscore.model.ModelLoader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Events per second of one thread through the scorer with each {@link #model}, on the mix of {@link Workload}. The
 * lead accumulates state and is replaced by a new lead every {@link #EVENTS_PER_LEAD} events, so caps, breakdown and
 * profile stay the size they have for a real lead. {@link #score} applies each event to the lead's
 * {@link LeadScorer.Replay} (as a replay, a backtest or a batch does: the lead's state built once, the Lead made once
 * when the next lead starts, both counted); {@link #applyOne} calls {@link LeadScorer#apply} for each event, an
 * immutable Lead in and out every time. {@link #baseline} pays the same
 * harness (picking the template, building the Activity, the clock, the lead reset) and reads the Activity's
 * fields instead of scoring it: read {@code score / baseline} as what scoring costs over merely handling an event.
 *
 * <p>Ten warm-up seconds: C2 takes several seconds of compiler-thread time over the scoring path (the fresh backtest's
 * JIT figure), and with three the suite's run of {@code score} was still climbing through its measured iterations
 * (warm-up 45,696, 92,928, 130,909 ops/s, then 207,190 up to 377,987; ±79%), so the figure mixed compilation
 * with scoring. The fresh JVM's cost is the backtest's cold pass; this measures the warm scorer.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Threads(1)
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 5, time = 1)
public class RuleEvaluation {
    static final int EVENTS_PER_LEAD = 100;
    /** Seconds between two events of the lead: about 7 h, so 100 events span about a month. */
    static final long GAP_SECONDS = 25_000;

    /**
     * The shipped default model, and the example that uses every construct of the model language (combined
     * conditions, counts within a window, sequences, time on page, expiring points, markets, competitors).
     */
    @Param({"default", "every-construct"})
    public String model;

    private Workload workload;
    private LeadScorer scorer;
    private Lead lead;
    private LeadScorer.Replay replay;
    /** The lead {@link #replay} replays; the Lead the previous one made, kept so making it is not optimised away. */
    private Lead replayed;
    private Lead finished;
    private long index;
    private Instant now;

    @Setup
    public void setUp() {
        workload = new Workload(1_000, 42);
        scorer = new LeadScorer(model.equals("default") ? ModelLoader.defaultModel()
                : ModelLoader.load(Workload.everyConstructModel().toString()));
        lead = Lead.newLead("lead-0");
        now = Workload.START.plusSeconds(EVENTS_PER_LEAD * GAP_SECONDS);
    }

    private Activity next() {
        long i = index++;
        long inLead = i % EVENTS_PER_LEAD;
        if (inLead == 0) {
            lead = Lead.newLead("lead-" + i / EVENTS_PER_LEAD);
        }
        return workload.activity(i, lead.id(), Workload.START.plusSeconds(inLead * GAP_SECONDS));
    }

    @Benchmark
    public LeadScorer.Applied score() {
        Activity activity = next();
        if (replayed != lead) {
            finished = replay == null ? null : replay.lead();
            replay = scorer.replay(lead);
            replayed = lead;
        }
        return replay.apply(activity, now);
    }

    @Benchmark
    public Scored applyOne() {
        // next() first: it may start a new lead, which the event must be applied to (arguments are read in order).
        Activity activity = next();
        Scored scored = scorer.apply(lead, activity, now);
        lead = scored.lead();
        return scored;
    }

    @Benchmark
    public int baseline() {
        Activity activity = next();
        return activity.type().hashCode() ^ activity.leadId().hashCode() ^ activity.eventId().length()
                ^ activity.occurredAt().getNano() ^ activity.properties().size() ^ lead.profile().size();
    }
}
