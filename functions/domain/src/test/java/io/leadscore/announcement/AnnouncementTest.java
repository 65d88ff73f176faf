package io.leadscore.announcement;

import io.leadscore.lead.Crossing;
import io.leadscore.model.Threshold;
import io.leadscore.support.Json;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bus contract: what each crossing announces, written as it always was, and read back strictly. */
class AnnouncementTest {
    private static final Instant AT = Instant.parse("2026-11-23T10:02:00Z");
    private static final Threshold SALES_READY = new Threshold("salesReady", 100, 90);
    private static final Threshold MQA = new Threshold("salesReady", 200, 170);
    private static final List<Crossing.RulePoints> WHY = List.of(
            new Crossing.RulePoints("pricing-page", "Viewed the pricing page", 45),
            new Crossing.RulePoints("demo-request", "Requested a demo", 20));
    private static final Map<String, Object> DANA = Map.of("email", "dana@acme.example", "country", "US");
    private static final Crossing.Committee COMMITTEE = new Crossing.Committee(3, 2,
            List.of("decisionMaker", "technicalEvaluator"),
            List.of(new Crossing.MemberPoints("dana", "decisionMaker", 115), new Crossing.MemberPoints("sam", null, 95)));

    /** One crossing of every kind, as the scorers make them. */
    static final List<Crossing> CROSSINGS = List.of(
            new Crossing(Crossing.Kind.QUALIFIED, "dana/platform:salesReady/1", "dana", "platform", "Platform",
                    new Threshold("salesReady", 80), 85, "default@1", AT, "evt-7", WHY, DANA, null, null, "B", "amer"),
            new Crossing(Crossing.Kind.DISQUALIFIED, "dana/salesReady/1", "dana", null, null, SALES_READY, 84,
                    "default@1", AT, "decay-total-1799229720", WHY, DANA, null, null, null),
            new Crossing(Crossing.Kind.WENT_COLD, "dana/cold/1794733260", "dana", null, null, null, 15, "default@1", AT,
                    "cold-1794733260", WHY, DANA, null, null, null),
            new Crossing(Crossing.Kind.ACCOUNT_QUALIFIED, "account:acme/salesReady/1", "sam", null, null, MQA, 210,
                    "default@1", AT, null, List.of(), Map.of("accountOwner", "kim@example.com"), "acme", COMMITTEE, null),
            new Crossing(Crossing.Kind.ACCOUNT_DISQUALIFIED, "account:acme/salesReady/1", "dana", null, null, MQA, 160,
                    "default@1", AT, "decay-total-1799229720", List.of(), Map.of(), "acme", COMMITTEE, null));

    @Test
    void everyCrossingIsAnnouncedFieldForFieldAsItWasPublishedBefore() {
        for (Crossing crossing : CROSSINGS) {
            Announcement announcement = Announcement.of(crossing);

            assertEquals(crossing.kind().detailType(), announcement.detailType());
            assertEquals(crossing.kind().name(), announcement.kind());
            assertEquals(Json.write(crossing), Json.write(announcement), "the detail of a " + crossing.kind()
                    + " crossing, as Crossing itself was written onto the bus");
        }
        assertEquals(Announcement.DETAIL_TYPES, CROSSINGS.stream().map(c -> c.kind().detailType()).toList());
        assertEquals(Announcement.DETAIL_TYPES, Arrays.stream(Crossing.Kind.values()).map(Crossing.Kind::detailType)
                .toList(), "a detail-type for every kind of crossing, and no other");
    }

    @Test
    void readsBackWhatItWrites() {
        for (Crossing crossing : CROSSINGS) {
            Announcement announcement = Announcement.of(crossing);

            assertEquals(announcement, Announcement.read(announcement.detailType(), announcement.detail()));
        }
    }

    @Test
    void keepsTheProfilesNumbersAsTheyCame() {
        Map<String, Object> stored = new LinkedHashMap<>(Announcement.of(CROSSINGS.get(0)).detail());
        stored.put("profile", Map.of("companySize", new BigDecimal("250"), "revenue", new BigDecimal("1.50")));

        String written = Json.write(Announcement.read("LeadQualified", stored));

        assertTrue(written.contains("\"companySize\":250") && written.contains("\"revenue\":1.50"), written);
    }

    @Test
    void anAccountsAnnouncementNamesTheAccountTheMemberAndTheCommittee() {
        AccountQualified mqa = (AccountQualified) Announcement.of(CROSSINGS.get(3));

        assertEquals("acme", mqa.accountId());
        assertEquals("sam", mqa.leadId(), "the member whose change crossed the line");
        assertEquals(new Announcement.Threshold("salesReady", 200, 170), mqa.threshold());
        assertNull(mqa.eventId());
        assertEquals(new Announcement.CommitteeMember("sam", null, 95), mqa.committee().topMembers().get(1));
        assertEquals(List.of(), mqa.topRules());
    }

    @Test
    void fillsInWhatTheReaderCanDoWithout() {
        Map<String, Object> detail = new LinkedHashMap<>(Map.of("qualificationId", "dana/salesReady/1",
                "leadId", "dana", "threshold", Map.of("name", "salesReady", "points", 100.0), "score", 105,
                "at", "2026-11-23T10:02:00Z", "topRules", List.of(Map.of("rule", "pricing-page", "points", 45))));
        detail.put("profile", new LinkedHashMap<>(Map.of("email", "dana@acme.example")));
        ((Map<String, Object>) detail.get("profile")).put("phone", null);

        LeadQualified qualified = (LeadQualified) Announcement.read("LeadQualified", detail);

        assertEquals(new Announcement.Threshold("salesReady", 100, 100), qualified.threshold(), "re-armed at the line");
        assertEquals(new Announcement.TopRule("pricing-page", "pricing-page", 45), qualified.topRules().get(0),
                "described by its id");
        assertEquals(Map.of("email", "dana@acme.example"), qualified.profile(), "a field without a value is left out");
        assertNull(qualified.group());
        assertNull(qualified.model());
        assertNull(qualified.grade(), "published before grades");
    }

    @Test
    void aQualificationCarriesTheLeadsFitGradeOneCapitalLetterOrNull() {
        LeadQualified graded = (LeadQualified) Announcement.of(CROSSINGS.get(0));
        Map<String, Object> ungraded = new LinkedHashMap<>(graded.detail());
        ungraded.put("grade", null);

        assertEquals("B", graded.grade());
        assertEquals("B", graded.detail().get("grade"));
        assertTrue(Json.write(Announcement.read("LeadQualified", ungraded)).contains("\"grade\":null"),
                "always present, null without the model's grades");
        for (Object bad : List.of("b", "AB", "", 1)) {
            Map<String, Object> detail = new LinkedHashMap<>(graded.detail());
            detail.put("grade", bad);
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> Announcement.read("LeadQualified", detail));
            assertTrue(refused.getMessage().startsWith("LeadQualified event is invalid: grade: must be "),
                    refused.getMessage());
        }
    }

    @Test
    void namesEveryMissingOrMalformedFieldOfAnAccount() {
        Map<String, Object> detail = new LinkedHashMap<>(Announcement.of(CROSSINGS.get(3)).detail());
        detail.put("kind", "QUALIFIED");
        detail.put("group", "platform");
        detail.remove("accountId");
        detail.put("topRules", List.of(Map.of("rule", "x", "points", 1)));
        detail.put("committee", Map.of("members", "three", "roles", "decisionMaker",
                "topMembers", List.of(Map.of("role", "champion", "points", 1.5))));

        assertEquals("AccountQualified event is invalid: kind: must be ACCOUNT_QUALIFIED for AccountQualified;"
                        + " group: must be null (an account's thresholds are on its total score);"
                        + " topRules: must be empty (an account's why is its committee);"
                        + " accountId: required; committee.members: must be a whole number;"
                        + " committee.engagedMembers: required; committee.roles: must be an array;"
                        + " committee.topMembers[0].leadId: required;"
                        + " committee.topMembers[0].points: must be a whole number",
                assertThrows(IllegalArgumentException.class, () -> Announcement.read("AccountQualified", detail))
                        .getMessage());
    }

    @Test
    void aThresholdReArmsAtOrBelowItsLine() {
        Announcement qualified = Announcement.of(CROSSINGS.get(0));
        Map<String, Object> detail = new LinkedHashMap<>(qualified.detail());
        detail.put("threshold", Map.of("name", "salesReady", "points", 100, "rearmBelow", 120));

        String problem = assertThrows(IllegalArgumentException.class,
                () -> Announcement.read(qualified.detailType(), detail)).getMessage();
        assertTrue(problem.contains("threshold.rearmBelow: must be at most threshold.points (100)"), problem);
        assertEquals("threshold salesReady: rearmBelow (120) must be at most its points (100)",
                assertThrows(IllegalArgumentException.class, () -> new Threshold("salesReady", 100, 120))
                        .getMessage());
    }

    @Test
    void aColdSpellCrossesNoThreshold() {
        Map<String, Object> detail = new LinkedHashMap<>(Announcement.of(CROSSINGS.get(2)).detail());
        detail.put("threshold", Map.of("name", "salesReady", "points", 100));
        detail.remove("score");

        assertEquals("LeadWentCold event is invalid: threshold: must be null (going cold crosses no threshold);"
                        + " score: required",
                assertThrows(IllegalArgumentException.class, () -> Announcement.read("LeadWentCold", detail))
                        .getMessage());
    }

    @Test
    void refusesADetailTypeThatIsNotLeadscoresAndAnEventWithoutDetail() {
        assertEquals("detail-type 'LeadScored' is not one of leadscore's [LeadQualified, LeadDisqualified,"
                        + " LeadWentCold, AccountQualified, AccountDisqualified, ModelReviewDue, ModelNeedsReview,"
                        + " JobSegmentReady]",
                assertThrows(IllegalArgumentException.class, () -> Announcement.read("LeadScored", Map.of()))
                        .getMessage());
        assertEquals("detail-type 'ModelReviewDue' is not an announcement of a lead or an account [LeadQualified,"
                        + " LeadDisqualified, LeadWentCold, AccountQualified, AccountDisqualified]",
                assertThrows(IllegalArgumentException.class, () -> Announcement.read("ModelReviewDue", Map.of()))
                        .getMessage());
        assertEquals("LeadDisqualified event has no detail",
                assertThrows(IllegalArgumentException.class, () -> Announcement.read("LeadDisqualified", null))
                        .getMessage());
    }
}
