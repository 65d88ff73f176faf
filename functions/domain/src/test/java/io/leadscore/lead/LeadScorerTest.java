package io.leadscore.lead;

import io.leadscore.activity.Activity;
import io.leadscore.model.ModelLoader;
import io.leadscore.model.ScoringModel;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.leadscore.lead.Activities.LEAD;
import static io.leadscore.lead.Activities.T0;
import static io.leadscore.lead.Activities.activity;
import static io.leadscore.lead.Activities.formSubmit;
import static io.leadscore.lead.Activities.identify;
import static io.leadscore.lead.Activities.pageView;
import static io.leadscore.lead.Activities.videoProgress;
import static io.leadscore.lead.ScoreKind.ENGAGEMENT;
import static io.leadscore.lead.ScoreKind.FIT;
import static java.time.Duration.ofHours;
import static java.time.Duration.ofMinutes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LeadScorerTest {
    private static final ScoringModel DEFAULT = ModelLoader.defaultModel();

    private final LeadJourney journey = new LeadJourney(DEFAULT);

    @Nested
    class Engagement {

        @Test
        void pricingPageEarnsFifteenForThePlatform() {
            assertEquals(List.of(new Contribution("pricing-page", ENGAGEMENT, "platform", 15, null)),
                    journey.then(pageView("/pricing", T0)).contributions());
            assertEquals(15, journey.lead().score());
            assertEquals(Map.of("platform", 15), journey.lead().groups());
        }

        @Test
        void careersPageLowersTheScore() {
            assertEquals(List.of(new Contribution("careers-page", ENGAGEMENT, null, -10, null)),
                    journey.then(pageView("/careers/engineering", T0)).contributions());
            assertEquals(-10, journey.lead().score());
        }

        @Test
        void demoRequestEarnsTwentyForThePlatform() {
            assertEquals(List.of(new Contribution("demo-request", ENGAGEMENT, "platform", 20, null)),
                    journey.then(formSubmit("Demo-Request", T0)).contributions());
        }

        @Test
        void unsubscribeLowersTheScore() {
            journey.then(activity("unsubscribe", T0, Map.of()));

            assertEquals(-25, journey.lead().score());
        }

        @Test
        void eachWhitepaperEarnsOnce() {
            journey.then(formSubmit("whitepaper-security", T0));
            Contribution again = single(journey.then(formSubmit("whitepaper-security", T0.plus(ofHours(1)))));
            Contribution other = single(journey.then(formSubmit("whitepaper-cloud", T0.plus(ofHours(2)))));

            assertEquals(0, again.points());
            assertTrue(again.note().startsWith("capped: "), again.note());
            assertEquals(10, other.points());
            assertEquals(20, journey.lead().score());
        }

        @Test
        void videoEarnsByTheShareWatchedNotByTime() {
            assertEquals(List.of(), journey.then(videoProgress("intro", "30", T0)).contributions());
            assertEquals(new Contribution("video-half-watched", ENGAGEMENT, null, 4, null),
                    single(journey.then(videoProgress("intro", "50", T0.plus(ofMinutes(1))))));
            var completed = journey.then(videoProgress("intro", "95", T0.plus(ofMinutes(2)))).contributions();
            assertTrue(completed.contains(new Contribution("video-completed", ENGAGEMENT, null, 8, null)));
            assertEquals(12, journey.lead().score());
        }

        @Test
        void aVideoWatchedToTheEndEarnsTheSameWhicheverMilestonesWereReported() {
            journey.then(videoProgress("intro", "100", T0));
            assertEquals(12, journey.lead().score());
        }

        @Test
        void eachVideoMilestoneEarnsOncePerVideo() {
            journey.then(videoProgress("intro", "50", T0));

            assertEquals(0, single(journey.then(videoProgress("intro", "75", T0.plus(ofMinutes(1))))).points());
            assertEquals(4, single(journey.then(videoProgress("tour", "60", T0.plus(ofMinutes(2))))).points());
            assertEquals(8, journey.lead().score());
        }

        @Test
        void everyShareFromHalfOnEarnsAMilestone() {
            assertEquals("video-half-watched", single(journey.then(videoProgress("intro", "89.5", T0))).rule());
        }

        @Test
        void eventRulesSeeTheProfileIncludingWhatTheEventItselfSets() {
            var senior = new LeadJourney(ModelLoader.parse("""
                    model: senior
                    version: 1
                    eventTypes: { page_view: { requires: [url] } }
                    profileFields: { jobTitle: string }
                    rules:
                      - id: senior-on-pricing
                        event: page_view
                        when: { url: { glob: "*/pricing" }, profile.jobTitle: { glob: "VP *" } }
                        points: 30
                    """, "test"));

            assertEquals(0, senior.then(pageView("/pricing", T0)).change());
            assertEquals(30, senior.then(activity("page_view", T0.plus(ofHours(1)),
                    Map.of("url", "https://example.com/pricing", "jobTitle", "VP Sales"))).change());
        }
    }

    @Nested
    class FrequencyCaps {

        @Test
        void pricingPageEarnsAtMostThreeTimesInAnyDay() {
            List.of(0, 1, 2).forEach(h -> journey.then(pageView("/pricing", T0.plus(ofHours(h)))));

            Contribution fourth = single(journey.then(pageView("/pricing", T0.plus(ofHours(23)))));
            Contribution nextDay = single(journey.then(pageView("/pricing", T0.plus(ofHours(25)))));

            assertEquals(0, fourth.points());
            assertEquals("capped: at most 3 times per day", fourth.note());
            assertEquals(15, nextDay.points());
            assertEquals(60, journey.lead().score());
        }

        @Test
        void aLateArrivingOlderEventDoesNotReopenTheCap() {
            List.of(0, 1, 2).forEach(h -> journey.then(pageView("/pricing", T0.plus(ofHours(h)))));
            journey.then(pageView("/pricing", T0.minus(ofHours(23))));

            assertEquals(0, single(journey.then(pageView("/pricing", T0.plus(ofHours(3))))).points(),
                    "a fourth view within three hours");
        }
    }

    @Nested
    class GroupCaps {
        private final LeadJourney capped = new LeadJourney(ModelLoader.parse("""
                model: capped
                version: 1
                eventTypes: { page_view: { requires: [url] } }
                groups: { platform: { cap: 40 } }
                rules:
                  - id: pricing-page
                    event: page_view
                    when: { url: { glob: "*/pricing" } }
                    points: 15
                    group: platform
                """, "test"));

        @Test
        void clipPointsToTheRoomLeftAndSaySo() {
            capped.then(pageView("/pricing", T0));
            capped.then(pageView("/pricing", T0.plus(ofHours(1))));
            Contribution clipped = single(capped.then(pageView("/pricing", T0.plus(ofHours(2)))));
            Contribution full = single(capped.then(pageView("/pricing", T0.plus(ofHours(3)))));

            assertEquals(new Contribution("pricing-page", ENGAGEMENT, "platform", 10,
                    "group platform capped at 40 (15 -> 10)"), clipped);
            assertEquals(0, full.points());
            assertEquals(Map.of("platform", 40), capped.lead().groups());
        }
    }

    @Nested
    class Fit {

        @Test
        void seniorTitleIsAFitForTheDecisionMaker() {
            assertEquals(List.of(new Contribution("title-decision-maker", FIT, null, 5,
                            "jobTitle is now 'VP Engineering'")),
                    journey.then(identify(Map.of("jobTitle", "VP Engineering"), T0)).contributions());
            assertEquals(5, journey.lead().fit());
        }

        @Test
        void aChangedTitleTakesBackTheFitThatNoLongerHolds() {
            journey.then(identify(Map.of("jobTitle", "VP Engineering"), T0));

            assertEquals(List.of(
                            new Contribution("title-decision-maker", FIT, null, -5,
                                    "jobTitle changed from 'VP Engineering' to 'Student'"),
                            new Contribution("title-student", FIT, null, -15, "jobTitle is now 'Student'")),
                    journey.then(identify(Map.of("jobTitle", "Student"), T0.plus(ofHours(1)))).contributions());
            assertEquals(-15, journey.lead().fit());
        }

        @Test
        void theSameProfileAgainChangesNothing() {
            journey.then(identify(Map.of("jobTitle", "VP Engineering"), T0));

            assertEquals(List.of(),
                    journey.then(identify(Map.of("jobTitle", "VP Engineering"), T0.plus(ofHours(1)))).contributions());
            assertEquals(5, journey.lead().fit());
        }

        @Test
        void isReportedApartFromEngagement() {
            journey.then(pageView("/pricing", T0));
            journey.then(identify(Map.of("jobTitle", "Head of IT", "industry", "SaaS"), T0.plus(ofHours(1))));

            Lead lead = journey.lead();
            assertEquals(15, lead.engagement());
            assertEquals(15, lead.fit());
            assertEquals(30, lead.score());
        }
    }

    @Nested
    class Timeline {

        @Test
        void anOlderEventArrivingLateMovesFirstSeenButNotLastActivity() {
            journey.then(pageView("/blog", T0.plus(ofHours(1))));
            journey.then(pageView("/blog", T0));

            assertEquals(T0, journey.lead().firstSeenAt());
            assertEquals(T0.plus(ofHours(1)), journey.lead().lastActivityAt());
        }

        @Test
        void onlyAnIncreaseMovesLastScoreIncrease() {
            journey.then(pageView("/pricing", T0));
            journey.then(pageView("/careers", T0.plus(ofHours(1))));
            journey.then(pageView("/blog", T0.plus(ofHours(2))));

            assertEquals(T0, journey.lead().lastScoreIncreaseAt());
            assertEquals(T0.plus(ofHours(2)), journey.lead().lastActivityAt());
        }

        @Test
        void aNewLeadHasNoHistory() {
            Lead lead = Lead.newLead(LEAD);

            assertNull(lead.firstSeenAt());
            assertNull(lead.lastScoreIncreaseAt());
            assertEquals(0, lead.score());
        }
    }

    @Nested
    class Ledger {

        @Test
        void entryExplainsTheChangeAndNamesTheModel() {
            journey.then(identify(Map.of("jobTitle", "Director of Data"), T0));
            Activity demo = formSubmit("demo-request", T0.plus(ofHours(1)));
            Instant processed = demo.occurredAt().plus(ofMinutes(2));

            Scored scored = new LeadScorer(DEFAULT).apply(journey.lead(), demo, processed);

            assertEquals(new LedgerEntry(LEAD, LedgerEntry.EVENT, demo.eventId(), "form_submit", demo.occurredAt(),
                    processed, List.of(new Contribution("demo-request", ENGAGEMENT, "platform", 20, null)),
                    20, 25, "default@1"), scored.entry());
            assertEquals("default@1", scored.lead().model());
        }

        @Test
        void anEventNoRuleScoresStillWritesAnEntry() {
            journey.then(pageView("/pricing", T0));

            LedgerEntry entry = journey.then(pageView("/blog/hello", T0.plus(ofHours(1))));

            assertEquals(List.of(), entry.contributions());
            assertEquals(0, entry.change());
            assertEquals(15, entry.scoreAfter());
        }
    }

    private static Contribution single(LedgerEntry entry) {
        assertEquals(1, entry.contributions().size(), () -> "one contribution expected: " + entry.contributions());
        return entry.contributions().get(0);
    }
}
