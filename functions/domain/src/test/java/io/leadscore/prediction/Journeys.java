package io.leadscore.prediction;

import io.leadscore.activity.Activity;
import io.leadscore.activity.EventIds;
import io.leadscore.lifecycle.Feedback;
import io.leadscore.lifecycle.FeedbackType;
import io.leadscore.model.ModelLoader;
import io.leadscore.model.ScoringModel;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** A small model whose rules a training run should learn from, and the activities and verdicts its leads make. */
final class Journeys {
    static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");
    static final Duration DAY = Duration.ofDays(1);
    static final String YAML = """
            model: learn
            # Intent signals first: the draft must keep this comment.
            eventTypes:
              page_view: { requires: [url] }
              form_submit: { requires: [formId] }
              identify: {}
            profileFields: { jobTitle: string }
            thresholds:
              salesReady: 100
            decay: { after: 14d, every: week, by: 10%, floor: 50% }
            cold: { after: 21d }
            groups: { platform: { name: Platform } }
            rules:
              - id: demo-request
                event: form_submit
                when: { formId: demo-request }
                points: 20
              - id: pricing-page
                event: page_view
                when: { url: { glob: "*/pricing*" } }
                points: 10   # sales' favourite
              - id: careers-page
                event: page_view
                when: { url: { glob: "*/careers*" } }
                points: -10
              - id: blog-post
                event: page_view
                when: { url: { glob: "*/blog/*" } }
                points: 2
                group: platform
            fit:
              - { id: senior-title, when: { jobTitle: { regex: "vp|director" } }, points: 15 }
            feedback: { lost: -30 }
            """;
    static final ScoringModel MODEL = ModelLoader.parse(YAML, "learn");

    private Journeys() {
    }

    static Activity page(String leadId, String path, Instant at) {
        return activity(leadId, "page_view", at, Map.of("url", "https://example.com" + path));
    }

    static Activity demoRequest(String leadId, Instant at) {
        return activity(leadId, "form_submit", at, Map.of("formId", "demo-request"));
    }

    static Activity title(String leadId, String jobTitle, Instant at) {
        return activity(leadId, "identify", at, Map.of("jobTitle", jobTitle));
    }

    static Activity activity(String leadId, String type, Instant at, Map<String, Object> properties) {
        return new Activity(EventIds.derive("site-1", leadId, type, at, properties), type, leadId, at, properties,
                "site-1", at);
    }

    static Feedback verdict(String leadId, FeedbackType type, Instant at) {
        return new Feedback(leadId, type.label() + "-" + at.getEpochSecond(), type, null, "rep-1", at);
    }

    static Instant day(double days) {
        return T0.plusSeconds((long) (days * DAY.toSeconds()));
    }
}
