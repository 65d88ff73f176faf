package io.leadscore.bulkimport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.leadscore.activity.Activity;
import io.leadscore.activity.ActivityValidator;
import io.leadscore.activity.FieldError;
import io.leadscore.aws.dynamodb.ActivityStore;
import io.leadscore.aws.dynamodb.PublishedModel;
import io.leadscore.bulk.ChunkTally;
import io.leadscore.bulk.RejectedRow;
import io.leadscore.bulk.Row;
import io.leadscore.support.Json;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads the rows of one chunk: each row parsed as an event of the API's shape, validated as ingest validates it but
 * without the live age limit (history is old by nature; the retention is the limit), and recorded once.
 */
final class ChunkLoader {
    /** The site imported history is recorded for. */
    static final String SITE_ID = "import";

    private final PublishedModel published;
    private final ActivityStore activities;
    private final Duration maxAge;
    private final Clock clock;

    ChunkLoader(PublishedModel published, ActivityStore activities, Duration maxAge, Clock clock) {
        this.published = published;
        this.activities = activities;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    ChunkTally load(List<Row> rows) {
        Instant now = clock.instant();
        ActivityValidator validator = new ActivityValidator(published.recent().model(), maxAge);
        long accepted = 0;
        long duplicates = 0;
        List<RejectedRow> rejected = new ArrayList<>();
        for (Row row : rows) {
            JsonNode event;
            try {
                event = Json.mapper().readTree(row.text());
            } catch (JsonProcessingException e) {
                rejected.add(new RejectedRow(row.offset(), row.text(),
                        List.of(new FieldError("", "not JSON: " + e.getOriginalMessage()))));
                continue;
            }
            ActivityValidator.Checked checked = validator.check(event, "", SITE_ID, now);
            if (!checked.accepted()) {
                rejected.add(new RejectedRow(row.offset(), row.text(), checked.errors()));
                continue;
            }
            Activity activity = checked.activity();
            if (activities.record(activity) == ActivityStore.Outcome.ACCEPTED) {
                accepted++;
            } else {
                duplicates++;
            }
        }
        return new ChunkTally(accepted, duplicates, rejected.size(), rejected);
    }
}
