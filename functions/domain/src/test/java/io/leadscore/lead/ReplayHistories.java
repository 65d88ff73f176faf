package io.leadscore.lead;

import io.leadscore.activity.Activity;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.leadscore.lead.Activities.T0;
import static io.leadscore.lead.Activities.activity;
import static java.time.Duration.ofMinutes;

/**
 * Random histories of one lead for the replay's equivalence properties: out of order, with profile changes, caps,
 * patterns, expiring points, markets and competitors.
 */
public final class ReplayHistories {
    private ReplayHistories() {
    }

    public static Arbitrary<List<Activity>> histories() {
        // Events over 40 days: caps per day and week, patterns' windows, expiries and the decay's grace all come due.
        Arbitrary<Instant> times = Arbitraries.integers().between(0, 40 * 24 * 60).map(m -> T0.plus(ofMinutes(m)));
        Arbitrary<String> urls = Arbitraries.of("/pricing", "/pricing?plan=team", "/demo", "/products/analytics",
                "/customers/acme", "/careers/openings", "/blog/post-1", "/Pricing", "/");
        Arbitrary<Activity> pageViews = Combinators.combine(urls, times).as(Activities::pageView);
        Arbitrary<Activity> engaged = Combinators.combine(urls, Arbitraries.integers().between(1, 120), times)
                .as((url, seconds, at) -> activity("page_engaged", at, Map.of("url", "https://example.com" + url, "seconds",
                        BigDecimal.valueOf(seconds))));
        Arbitrary<Activity> forms = Combinators.combine(Arbitraries.of("demo-request", "contact-sales",
                "whitepaper-roi", "webinar-q1", "newsletter"), times).as(Activities::formSubmit);
        Arbitrary<Activity> emails = Combinators.combine(Arbitraries.of("email_open", "email_click"),
                Arbitraries.of("campaign-1", "campaign-2", "campaign-3"), times)
                .as((type, campaign, at) -> activity(type, at, Map.of("campaign", campaign)));
        Arbitrary<Activity> clicks = Combinators.combine(Arbitraries.of("book-demo", "talk-to-sales"), times)
                .as((element, at) -> activity("click", at, Map.of("element", element)));
        Arbitrary<Activity> identifies = Combinators.combine(
                Arbitraries.of("VP Marketing", "Software Engineer", "Head of Data", "Intern"),
                Arbitraries.of("Example Corp", "Globex"), Arbitraries.of("DE", "US", "JP"),
                Arbitraries.of("dana@acme.example", "dana@gmail.com"), times)
                .as((title, company, country, email, at) -> Activities.identify(Map.of("jobTitle", title,
                        "company", company, "country", country, "email", email,
                        "companySize", BigDecimal.valueOf(500)), at));
        Arbitrary<Activity> answers = Combinators.combine(Arbitraries.integers().between(0, 10), times)
                .as((score, at) -> activity("nps_response", at, Map.of("score", BigDecimal.valueOf(score))));
        return Arbitraries.frequencyOf(Tuple.of(10, pageViews), Tuple.of(2, engaged), Tuple.of(3, forms),
                        Tuple.of(3, emails), Tuple.of(2, clicks), Tuple.of(2, identifies), Tuple.of(1, answers))
                .list().ofMinSize(1).ofMaxSize(80);
    }
}
