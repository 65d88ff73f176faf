package io.leadscore.lead;

import io.leadscore.activity.Activity;
import io.leadscore.activity.EventIds;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/** Accepted activities of one lead, as the validator would hand them to the scorer. */
final class Activities {
    static final String LEAD = "lead-1";
    static final String SITE = "site-1";
    static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    private Activities() {
    }

    static Activity pageView(String url, Instant at) {
        return activity("page_view", at, Map.of("url", "https://example.com" + url));
    }

    static Activity formSubmit(String formId, Instant at) {
        return activity("form_submit", at, Map.of("formId", formId));
    }

    static Activity videoProgress(String videoId, String percent, Instant at) {
        return activity("video_progress", at, Map.of("videoId", videoId, "percent", new BigDecimal(percent)));
    }

    static Activity identify(Map<String, Object> profile, Instant at) {
        return activity("identify", at, profile);
    }

    static Activity activity(String type, Instant at, Map<String, Object> properties) {
        return new Activity(EventIds.derive(SITE, LEAD, type, at, properties), type, LEAD, at, properties, SITE, at);
    }
}
