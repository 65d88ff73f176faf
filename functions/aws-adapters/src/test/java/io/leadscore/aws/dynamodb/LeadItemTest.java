package io.leadscore.aws.dynamodb;

import io.leadscore.activity.Activity;
import io.leadscore.activity.Retention;
import io.leadscore.lead.Expiring;
import io.leadscore.lead.Lead;
import io.leadscore.lead.LeadScorer;
import io.leadscore.lead.PatternHistory;
import io.leadscore.lead.Qualification;
import io.leadscore.lead.RuleTally;
import io.leadscore.lead.ScoreKind;
import io.leadscore.lifecycle.Stage;
import io.leadscore.lifecycle.StageChange;
import io.leadscore.local.LocalDynamoDb;
import io.leadscore.model.ModelLoader;
import io.leadscore.model.ScoringModel;
import io.leadscore.nps.NpsAnswer;
import io.leadscore.nps.NpsCategory;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The lead's compact item ({@link LeadItem}) read back through the store: the identical {@link Lead}, for leads scored
 * by the shipped model and by the model of every construct over random histories, and for random leads of every
 * field; and an item written in main's form (tallies as maps, ISO-8601 times, derived values and defaults written
 * out) reads the same and is rewritten compact, with what the rank index projects unchanged.
 */
class LeadItemTest {
    private static final Instant T0 = Instant.parse("2026-09-01T09:00:00.123456789Z");
    private static final ScoringModel DEFAULT = ModelLoader.defaultModel();
    private static final ScoringModel EVERY_CONSTRUCT = ModelLoader.load("../../events/admin/every-construct-model.yaml");
    /** What the template's RankIndex projects of a lead, besides the keys (template.yaml). */
    private static final List<String> PROJECTED = List.of("id", "fit", "engagement", "groups", "accountId", "profile",
            "qualifications", "coldSince", "lastActivityAt", "nps", "stage", "rankShard", "rankScore");
    private static final LocalDynamoDb dynamoDb = LocalDynamoDb.shared();
    private static final String TABLE = freshTable();
    private static final LeadStore leads = new LeadStore(dynamoDb.client(), TABLE, Clock.systemUTC(), Retention.DEFAULT);
    private static final AtomicInteger ids = new AtomicInteger();

    private static String freshTable() {
        dynamoDb.freshTables();
        return dynamoDb.tableName("LeadScoreTable");
    }

    @Property(tries = 60)
    void aLeadOfTheShippedModelReadsBackAsWritten(@ForAll("histories") List<Activity> history) {
        assertReadsBack(scored(DEFAULT, history));
    }

    @Property(tries = 60)
    void aLeadOfEveryConstructReadsBackAsWritten(@ForAll("histories") List<Activity> history) {
        assertReadsBack(scored(EVERY_CONSTRUCT, history));
    }

    @Property(tries = 200)
    void anyLeadReadsBackAsWritten(@ForAll("leads") Lead lead) {
        assertReadsBack(lead);
    }

    @Test
    void anItemOfMainsFormReadsTheSameAndIsRewrittenCompactWithTheSameProjection() {
        for (ScoringModel model : List.of(DEFAULT, EVERY_CONSTRUCT)) {
            Lead lead = scored(model, List.of(identify("lead-main", T0), visit("lead-main", "/pricing", T0.plusSeconds(5)),
                    visit("lead-main", "/demo", T0.plusSeconds(9)), form("lead-main", "demo-request", T0.plusSeconds(20))))
                    .withRevision(3);
            Map<String, AttributeValue> mains = mainsForm(lead);
            dynamoDb.client().putItem(PutItemRequest.builder().tableName(TABLE).item(mains).build());
            assertEquals(lead, leads.lead(lead.id()).orElseThrow(), model.id());

            assertReadsBack(lead); // written again, one revision on
            int compact = AttributeValues.itemSize(stored(lead.id()));
            assertTrue(compact < AttributeValues.itemSize(mains) * 0.6, model.id() + ": " + compact + " of "
                    + AttributeValues.itemSize(mains));
        }
    }

    /** Written and read back the same, stored smaller than main's form with the same attributes in the rank index. */
    private static void assertReadsBack(Lead lead) {
        leads.importLeads(List.of(lead));
        Lead written = lead.withRevision(lead.revision() + 1);
        assertEquals(written, leads.lead(lead.id()).orElseThrow());
        Map<String, AttributeValue> stored = stored(lead.id());
        Map<String, AttributeValue> mains = mainsForm(written);
        for (String name : PROJECTED) {
            assertEquals(mains.get(name), stored.get(name), name);
        }
        assertTrue(AttributeValues.itemSize(stored) < AttributeValues.itemSize(mains),
                AttributeValues.itemSize(stored) + " of " + AttributeValues.itemSize(mains));
    }

    private static Map<String, AttributeValue> stored(String leadId) {
        return dynamoDb.client().getItem(GetItemRequest.builder().tableName(TABLE)
                .key(LeadTable.key(LeadTable.leadPk(leadId), LeadTable.LEAD_SK)).build()).item();
    }

    /** The item as main's {@code LeadStore.item} wrote it (29e2847). */
    private static Map<String, AttributeValue> mainsForm(Lead lead) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("score", lead.score());
        state.put("fit", lead.fit());
        state.put("engagement", lead.engagement());
        state.put("groups", lead.groups());
        state.put("updatedAt", T0.toString());
        if (lead.mergedInto() == null) {
            state.putAll(RankIndex.LEADS.keys(lead.id(), lead.score()));
        }
        if (lead.nextDueAt() != null) {
            state.put(DueIndex.SHARD, DueIndex.shardOf(lead.id()));
            state.put(DueIndex.DUE_AT, DueIndex.format(lead.nextDueAt()));
        }
        Map<String, AttributeValue> item = new LinkedHashMap<>(
                LeadTable.item(LeadTable.leadPk(lead.id()), LeadTable.LEAD_SK, LeadTable.LEAD, lead));
        item.putAll(AttributeValues.item(state));
        return item;
    }

    private static Lead scored(ScoringModel model, List<Activity> history) {
        LeadScorer scorer = new LeadScorer(model);
        String leadId = history.get(0).leadId();
        Lead lead = Lead.newLead(leadId);
        Instant now = T0.plusSeconds(60L * 86_400);
        for (Activity activity : history) {
            lead = scorer.apply(lead, activity, now).lead();
        }
        return lead;
    }

    // ---- random histories and leads -----------------------------------------------------------------------------

    /** A lead's events over 60 days, at times with and without fractions of a second, in any order. */
    @Provide
    Arbitrary<List<Activity>> histories() {
        Arbitrary<Instant> times = Combinators.combine(Arbitraries.longs().between(0, 60L * 86_400),
                Arbitraries.of(0, 500_000_000, 123_456_789)).as((seconds, nanos) -> Instant.ofEpochSecond(
                T0.getEpochSecond() + seconds, nanos));
        Arbitrary<String> paths = Arbitraries.of("/pricing", "/demo", "/customers/globex", "/blog/scoring", "/careers");
        Arbitrary<String> forms = Arbitraries.of("demo-request", "contact-sales", "whitepaper-roi", "newsletter");
        return Arbitraries.create(() -> "lead-" + ids.incrementAndGet()).flatMap(leadId -> Arbitraries.oneOf(
                Combinators.combine(paths, times).as((path, at) -> visit(leadId, path, at)),
                Combinators.combine(forms, times).as((formId, at) -> form(leadId, formId, at)),
                Combinators.combine(Arbitraries.integers().between(0, 10), times).as((score, at) ->
                        event(leadId, NpsAnswer.EVENT_TYPE, at, Map.of("score", BigDecimal.valueOf(score)))),
                times.map(at -> identify(leadId, at))).list().ofMinSize(1).ofMaxSize(40));
    }

    /** Leads of every field, set or not, with times far from their last activity, before the epoch and after. */
    @Provide
    Arbitrary<Lead> leads() {
        Arbitrary<Instant> times = Combinators.combine(Arbitraries.longs().between(-8_000_000_000L, 8_000_000_000L),
                Arbitraries.integers().between(0, 999_999_999)).as(Instant::ofEpochSecond);
        Arbitrary<Instant> maybe = times.injectNull(0.2);
        Arbitrary<String> names = Arbitraries.strings().withChars("abcz-:|é").ofMinLength(1).ofMaxLength(12);
        Arbitrary<RuleTally> tallies = Combinators.combine(Arbitraries.of(ScoreKind.class), names.injectNull(0.4),
                Arbitraries.integers().between(-500, 500), Arbitraries.integers().between(0, 1000), maybe)
                .as(RuleTally::new);
        Arbitrary<Expiring> expiring = Combinators.combine(names, names.injectNull(0.5),
                Arbitraries.integers().between(-50, 50), names, times, times).as(Expiring::new);
        Arbitrary<PatternHistory> patterns = Combinators.combine(times.list().ofMaxSize(3),
                times.list().ofMaxSize(3), maybe, times.list().ofMaxSize(2)).as(PatternHistory::new);
        Arbitrary<StageChange> changes = Combinators.combine(Arbitraries.of(Stage.class), Arbitraries.of(Stage.class),
                times, names, names.injectNull(0.5)).as((from, to, at, who, why) ->
                new StageChange(from, to, at, who, why, null, Map.of()));
        Arbitrary<Lead> identity = Combinators.combine(Arbitraries.longs().between(0, 1000),
                Arbitraries.maps(names, names.map(Object.class::cast)).ofMaxSize(4),
                Arbitraries.maps(names, tallies).ofMaxSize(8),
                Arbitraries.maps(names, times.list().ofMaxSize(3)).ofMaxSize(4), maybe, maybe, maybe, names.injectNull(0.3))
                .as((revision, profile, breakdown, capHits, first, last, increase, model) -> Lead.newLead(
                        "lead-" + ids.incrementAndGet()).toBuilder().revision(revision).profile(profile)
                        .breakdown(breakdown).capHits(capHits).firstSeenAt(first).lastActivityAt(last)
                        .lastScoreIncreaseAt(increase).model(model).build());
        return Combinators.combine(identity, Arbitraries.maps(names, Combinators.combine(Arbitraries.of(true, false),
                                Arbitraries.integers().between(0, 9), maybe).as(Qualification::new)).ofMaxSize(3),
                        Arbitraries.maps(names, times).ofMaxSize(3), maybe, maybe, names.injectNull(0.5),
                        Arbitraries.integers().between(0, 500), changes.list().ofMaxSize(2))
                .as((lead, qualifications, decayedAt, cold, due, account, applied, history) ->
                        lead.toBuilder().qualifications(qualifications).decayedAt(decayedAt).coldSince(cold)
                                .nextDueAt(due).accountId(account).appliedActivities(applied).stageHistory(history)
                                .build())
                .flatMap(lead -> Combinators.combine(Arbitraries.of(Stage.class), Combinators.combine(
                                        Arbitraries.integers().between(0, 10), times).as((score, at) ->
                                        new NpsAnswer(score, at, NpsCategory.of(score))).injectNull(0.5),
                                Arbitraries.maps(names, Arbitraries.integers().between(1, 9)).ofMaxSize(3),
                                Arbitraries.maps(names, patterns).ofMaxSize(2), expiring.list().ofMaxSize(3),
                                names.injectNull(0.8), names.list().ofMaxSize(3))
                        .as((stage, nps, journey, patternHistories, expiringPoints, mergedInto, visitors) ->
                                lead.toBuilder().stage(stage).nps(nps).journey(journey).patterns(patternHistories)
                                        .expiring(expiringPoints).mergedInto(mergedInto).mergedVisitors(visitors)
                                        .build()));
    }

    private static Activity identify(String leadId, Instant at) {
        return event(leadId, "identify", at, Map.of("email", leadId + "@company-3.example", "jobTitle", "VP Sales",
                "industry", "software", "companySize", BigDecimal.valueOf(250), "country", "US"));
    }

    private static Activity visit(String leadId, String path, Instant at) {
        return event(leadId, "page_view", at, Map.of("url", "https://acme.example" + path));
    }

    private static Activity form(String leadId, String formId, Instant at) {
        return event(leadId, "form_submit", at, Map.of("formId", formId));
    }

    private static Activity event(String leadId, String type, Instant at, Map<String, Object> properties) {
        return new Activity(leadId + "-" + type + "-" + at.toEpochMilli() + "-" + at.getNano(), type, leadId, at,
                properties, "www", at);
    }
}
