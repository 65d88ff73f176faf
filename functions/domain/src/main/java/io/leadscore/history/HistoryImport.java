package io.leadscore.history;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadscore.activity.Activity;
import io.leadscore.activity.ActivityValidator;
import io.leadscore.activity.FieldError;
import io.leadscore.activity.Retention;
import io.leadscore.model.ScoringModel;
import io.leadscore.scoring.HistoryRun;
import io.leadscore.scoring.ScoreStore;
import io.leadscore.support.Concurrently;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * Importing a lead's history from the tool a team leaves (HubSpot, Marketo, Mautic, a CDP): events older than the
 * live API's age limit, through an admin path rather than a site's write key. Each event is validated as ingest
 * validates it, except that it may be as old as the table keeps history ({@link Retention}); each valid one is
 * recorded once (its event id makes a re-run harmless); then every lead the batch touches is brought to its whole
 * history replayed in time order ({@link HistoryRun}), so that decay and cold states come out as if the events had
 * arrived live, whatever order batches arrive in, in parallel or again.
 */
public final class HistoryImport {
    /** The site an imported activity is recorded for: it came through no site's write key. */
    public static final String SITE = "import";

    private final ImportedActivities activities;
    private final ScoreStore store;
    private final ScoringModel model;
    private final Retention retention;
    private final Clock clock;
    private final Executor executor;

    /** One write or lead after another. */
    public HistoryImport(ImportedActivities activities, ScoreStore store, ScoringModel model, Retention retention,
                         Clock clock) {
        this(activities, store, model, retention, clock, Runnable::run);
    }

    /**
     * @param executor runs the batch's writes, and its leads' replays, several at once: they are independent round
     *                 trips to the table (the caller owns the threads)
     */
    public HistoryImport(ImportedActivities activities, ScoreStore store, ScoringModel model, Retention retention,
                         Clock clock, Executor executor) {
        this.activities = activities;
        this.store = store;
        this.model = model;
        this.retention = retention;
        this.clock = clock;
        this.executor = executor;
    }

    public ImportAnswer run(ImportBatch batch) {
        Instant now = clock.instant();
        // An event older than the table keeps history would be recorded expired, and gone before a replay.
        ActivityValidator validator = new ActivityValidator(model, retention.keep(),
                "the table's retention, RetentionDays; older history would expire at once");
        List<JsonNode> events = batch.events();
        List<ImportAnswer.Rejected> rejected = new ArrayList<>();
        List<Activity> valid = new ArrayList<>();
        List<Integer> validAt = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            String path = "events[" + i + "]";
            ActivityValidator.Checked checked = validator.check(events.get(i), path, SITE, now);
            if (checked.accepted()) {
                valid.add(checked.activity());
                validAt.add(i);
            } else {
                rejected.add(new ImportAnswer.Rejected(i, eventId(events.get(i)), checked.errors()));
            }
        }
        Set<String> erased = activities.erased(valid.stream().map(Activity::leadId).toList());
        int duplicates = 0;
        List<Activity> fresh = new ArrayList<>();
        Set<String> leads = new LinkedHashSet<>();
        Set<String> seen = new HashSet<>();
        for (int k = 0; k < valid.size(); k++) {
            Activity activity = valid.get(k);
            if (erased.contains(activity.leadId())) {
                rejected.add(new ImportAnswer.Rejected(validAt.get(k), activity.eventId(), List.of(new FieldError(
                        "events[" + validAt.get(k) + "].leadId",
                        "names a lead that was erased on request; its events are no longer recorded"))));
                continue;
            }
            // A lead is replayed even for a duplicate: the run that recorded it may have stopped before replaying.
            leads.add(activity.leadId());
            if (seen.add(activity.leadId() + "\n" + activity.eventId())) {
                fresh.add(activity);
            } else {
                duplicates++;
            }
        }
        int accepted = (int) Concurrently.map(fresh, activities::record, executor).stream()
                .filter(Boolean::booleanValue).count();
        duplicates += fresh.size() - accepted;
        HistoryRun run = new HistoryRun(store, activities::imported, model, clock, batch.announce());
        Concurrently.map(List.copyOf(leads), run::apply, executor);
        rejected.sort(Comparator.comparingInt(ImportAnswer.Rejected::index));
        return new ImportAnswer(accepted, duplicates, rejected);
    }

    private static String eventId(JsonNode event) {
        JsonNode id = event == null ? null : event.get("eventId");
        return id != null && id.isTextual() ? id.asText() : null;
    }
}
