package io.leadscore.bench;

import io.leadscore.activity.Activity;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A realistic, deterministic mix of activities for the throughput benchmarks: page views (pricing, demo, blog,
 * careers, case studies, analytics product, home), engaged time on pages, form submits, email opens and clicks,
 * clicks on calls to action, video progress and identify (some leads in EMEA or APAC, a few at a competitor). Templates are built once; {@link #activity} builds the Activity (as ingestion would) for one event.
 */
final class Workload {
    static final Instant START = Instant.parse("2025-01-06T08:00:00Z");
    static final String SITE = "site-1";

    private final String[] types;
    private final Map<String, Object>[] properties;

    @SuppressWarnings("unchecked")
    Workload(int size, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        types = new String[size];
        properties = new Map[size];
        for (int i = 0; i < size; i++) {
            int roll = random.nextInt(100);
            if (roll < 12) {
                page(i, "https://example.com/pricing" + (random.nextBoolean() ? "" : "?plan=team"));
            } else if (roll < 30) {
                page(i, "https://example.com/blog/post-" + random.nextInt(40));
            } else if (roll < 34) {
                page(i, "https://example.com/careers/openings");
            } else if (roll < 42) {
                page(i, "https://example.com/customers/acme-" + random.nextInt(10));
            } else if (roll < 47) {
                page(i, "https://example.com/demo");
            } else if (roll < 52) {
                page(i, "https://example.com/products/analytics");
            } else if (roll < 55) {
                page(i, "https://example.com/");
            } else if (roll < 58) {
                set(i, "page_engaged", Map.of("url", random.nextBoolean() ? "https://example.com/pricing"
                        : "https://example.com/blog/post-" + random.nextInt(40), "seconds",
                        BigDecimal.valueOf(1 + random.nextInt(120))));
            } else if (roll < 66) {
                String[] forms = {"demo-request", "contact-sales", "whitepaper-roi", "whitepaper-security",
                        "webinar-q1", "newsletter"};
                set(i, "form_submit", Map.of("formId", forms[random.nextInt(forms.length)],
                        "email", "lead@example.com", "company", "Example Corp"));
            } else if (roll < 74) {
                set(i, "email_click", Map.of("campaign", "campaign-" + random.nextInt(12),
                        "url", "https://example.com/landing"));
            } else if (roll < 80) {
                set(i, "email_open", Map.of("campaign", "campaign-" + random.nextInt(12)));
            } else if (roll < 83) {
                String[] elements = {"book-demo", "talk-to-sales", "newsletter-signup"};
                set(i, "click", Map.of("element", elements[random.nextInt(elements.length)]));
            } else if (roll < 92) {
                int[] milestones = {10, 25, 50, 75, 90, 100};
                set(i, "video_progress", Map.of("videoId", "video-" + random.nextInt(6),
                        "percent", BigDecimal.valueOf(milestones[random.nextInt(milestones.length)])));
            } else {
                String[] titles = {"VP Marketing", "Software Engineer", "Head of Data", "Intern"};
                String[] industries = {"Software", "Retail", "Finance"};
                String[] countries = {"DE", "US", "FR", "JP", "US"};
                set(i, "identify", Map.of("email", "lead@example.com", "jobTitle", titles[random.nextInt(4)],
                        "industry", industries[random.nextInt(3)], "companySize",
                        BigDecimal.valueOf(10 + random.nextInt(5000)), "country", countries[random.nextInt(5)],
                        "company", random.nextInt(8) == 0 ? "Globex" : "Example Corp"));
            }
        }
    }

    private void page(int i, String url) {
        set(i, "page_view", Map.of("url", url));
    }

    private void set(int i, String type, Map<String, Object> props) {
        types[i] = type;
        properties[i] = props;
    }

    /**
     * The example model that uses every construct of the language, {@code events/admin/every-construct-model.yaml},
     * found from the working directory up (the suite runs from the repository or from bench/).
     */
    static java.nio.file.Path everyConstructModel() {
        for (java.nio.file.Path dir = java.nio.file.Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            java.nio.file.Path model = dir.resolve("events/admin/every-construct-model.yaml");
            if (java.nio.file.Files.exists(model)) {
                return model;
            }
        }
        throw new IllegalStateException("events/admin/every-construct-model.yaml not found above "
                + java.nio.file.Path.of("").toAbsolutePath());
    }

    int size() {
        return types.length;
    }

    /** The activity for template {@code index % size}, of lead {@code leadId}, at {@code occurredAt}. */
    Activity activity(long index, String leadId, Instant occurredAt) {
        int i = (int) (index % types.length);
        return new Activity("evt-" + index, types[i], leadId, occurredAt, properties[i], SITE, occurredAt);
    }
}
