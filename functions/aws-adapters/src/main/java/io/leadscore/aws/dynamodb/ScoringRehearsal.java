package io.leadscore.aws.dynamodb;

import io.leadscore.account.Account;
import io.leadscore.account.Member;
import io.leadscore.activity.Activity;
import io.leadscore.lead.Lead;
import io.leadscore.lead.LedgerEntry;
import io.leadscore.model.ScoringModel;
import io.leadscore.scoring.ScoreStore;
import io.leadscore.scoring.ScoreTransaction;
import io.leadscore.scoring.ScoringRun;
import io.leadscore.support.Json;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Collectors;

/**
 * Scoring rehearsed for SnapStart's priming, changing nothing: {@link #batches} are stream batches of two new leads of
 * one account and one of none, which the score function applies with its own code and the published model to this store, a table in
 * memory (the query function, which shows leads, has them {@link #scored} to show one). Each transaction is built as {@link LeadStore} sends it and never sent; its items are kept, and read back as
 * the stores read theirs. The second batch finds its leads stored, and takes the buyer over the default model's
 * sales-ready line. A restored function then finds the scoring path loaded, initialised and run once: the rules,
 * the account's tally, the transaction's items, the reading of a lead, its ledger and its account.
 */
public final class ScoringRehearsal implements ScoreStore {
    /** The account of the rehearsal's leads: a domain no lead's email has ({@code .invalid} is reserved). */
    static final String DOMAIN = "rehearsal.invalid";
    /** The lead whose second batch takes it over the default model's sales-ready line. */
    public static final String BUYER = "rehearsal-buyer";
    /** The buyer's colleague, in the same account. */
    public static final String ENGINEER = "rehearsal-engineer";
    /** A lead of no account, scored apart from the others (in parallel, by stream scoring) and below zero. */
    public static final String SEEKER = "rehearsal-seeker";
    /** Between a partition key and a sort key in {@link #items}' keys: in neither. */
    private static final char BETWEEN = '\n';
    private final LeadStore requests;
    /** The items the transactions would have written, by partition and sort key. */
    private final NavigableMap<String, Map<String, AttributeValue>> items = new ConcurrentSkipListMap<>();

    /** @param requests the store whose transactions are rehearsed: it builds them, and sends none of them */
    public ScoringRehearsal(LeadStore requests) {
        this.requests = requests;
    }

    /**
     * The rehearsal's stream batches, as Lambda delivers them (DynamoDB JSON), of {@link #activities}: what the score
     * function's priming reads and scores.
     */
    public static List<byte[]> batches(Instant now) {
        List<byte[]> batches = new ArrayList<>();
        int sequence = 0;
        for (List<Activity> batch : activities(now)) {
            batches.add(streamBatch(batch, sequence));
            sequence += batch.size();
        }
        return batches;
    }

    /**
     * The activities of the rehearsal's two batches, in the hour before {@code now}: first each lead's profile and
     * first steps, then the buyer's return to pricing and demo.
     */
    static List<List<Activity>> activities(Instant now) {
        Instant at = now.minus(Duration.ofHours(1));
        List<Activity> first = List.of(
                activity(BUYER, "identify", at, Map.of("email", "buyer@" + DOMAIN, "jobTitle", "VP Engineering",
                        "industry", "software", "companySize", BigDecimal.valueOf(250), "country", "US")),
                activity(BUYER, "page_view", at.plusSeconds(60), Map.of("url", "https://" + DOMAIN + "/pricing")),
                activity(BUYER, "form_submit", at.plusSeconds(120), Map.of("formId", "demo-request")),
                activity(ENGINEER, "identify", at.plusSeconds(180), Map.of("email", "engineer@" + DOMAIN,
                        "jobTitle", "Backend Engineer")),
                activity(ENGINEER, "email_click", at.plusSeconds(240), Map.of("campaign", "rehearsal")),
                activity(ENGINEER, "video_progress", at.plusSeconds(300), Map.of("videoId", "rehearsal",
                        "percent", BigDecimal.valueOf(95))),
                activity(SEEKER, "page_view", at.plusSeconds(360), Map.of("url", "https://" + DOMAIN + "/careers")));
        List<Activity> second = List.of(
                activity(BUYER, "click", at.plusSeconds(600), Map.of("element", "talk-to-sales")),
                activity(BUYER, "page_view", at.plusSeconds(660), Map.of("url", "https://" + DOMAIN + "/demo")),
                activity(BUYER, "page_engaged", at.plusSeconds(720), Map.of("url", "https://" + DOMAIN + "/pricing",
                        "seconds", BigDecimal.valueOf(45))),
                activity(BUYER, "page_view", at.plusSeconds(780), Map.of("url", "https://" + DOMAIN + "/pricing")));
        return List.of(first, second);
    }

    /**
     * The batches' activities applied with {@code model} to this store, batch after batch, by a {@link ScoringRun}
     * as stream scoring applies them: for the priming of a function that shows scored leads rather than scores them.
     */
    public ScoringRehearsal scored(ScoringModel model, Clock clock) {
        ScoringRun run = new ScoringRun(this, model, clock);
        for (List<Activity> batch : activities(clock.instant())) {
            run.groups(batch.stream().collect(Collectors.groupingBy(Activity::leadId, LinkedHashMap::new,
                    Collectors.toList()))).forEach(run::apply);
        }
        return this;
    }

    private static Activity activity(String leadId, String type, Instant at, Map<String, Object> properties) {
        return new Activity(leadId + "-" + type + "-" + at.getEpochSecond(), type, leadId, at, properties,
                "rehearsal", at);
    }

    /** The activities' items as the stream's records of their insertion. */
    private static byte[] streamBatch(List<Activity> activities, int sequence) {
        List<Map<String, Object>> records = new ArrayList<>();
        for (Activity activity : activities) {
            Map<String, AttributeValue> item = LeadTable.item(LeadTable.leadPk(activity.leadId()),
                    ActivityStore.PREFIX + activity.eventId(), LeadTable.ACTIVITY, activity);
            Map<String, Object> change = new LinkedHashMap<>();
            change.put("ApproximateCreationDateTime", activity.occurredAt().getEpochSecond());
            change.put("Keys", json(Map.of(LeadTable.PK, item.get(LeadTable.PK), LeadTable.SK,
                    item.get(LeadTable.SK))));
            change.put("NewImage", json(item));
            change.put("SequenceNumber", String.valueOf(++sequence));
            change.put("StreamViewType", "NEW_IMAGE");
            records.add(Map.of("eventID", activity.eventId(), "eventName", "INSERT", "dynamodb", change));
        }
        return Json.write(Map.of("Records", records)).getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, Object> json(Map<String, AttributeValue> image) {
        Map<String, Object> json = new LinkedHashMap<>();
        image.forEach((name, value) -> json.put(name, json(value)));
        return json;
    }

    /** A value in DynamoDB's JSON, as a stream record carries it; items of activities hold no other types. */
    private static Map<String, Object> json(AttributeValue value) {
        return switch (value.type()) {
            case S -> Map.of("S", value.s());
            case N -> Map.of("N", value.n());
            case BOOL -> Map.of("BOOL", value.bool());
            case NUL -> Map.of("NULL", true);
            case M -> Map.of("M", json(value.m()));
            case L -> Map.of("L", value.l().stream().map(ScoringRehearsal::json).toList());
            default -> throw new IllegalArgumentException("no stream JSON for " + value);
        };
    }

    @Override
    public Optional<Lead> lead(String leadId) {
        return item(LeadTable.leadPk(leadId), LeadTable.LEAD_SK).map(LeadItem::lead);
    }

    @Override
    public Map<String, Lead> leads(Collection<String> leadIds) {
        Map<String, Lead> found = new HashMap<>();
        leadIds.forEach(leadId -> lead(leadId).ifPresent(lead -> found.put(leadId, lead)));
        return found;
    }

    @Override
    public Optional<Account> account(String accountId) {
        return item(AccountStore.pk(accountId), AccountStore.SK).map(item -> LeadTable.fromItem(item, Account.class));
    }

    @Override
    public Optional<Member> share(String accountId, String leadId) {
        return item(AccountStore.pk(accountId), AccountStore.MEMBER_PREFIX + leadId)
                .map(item -> LeadTable.fromItem(item, Member.class));
    }

    @Override
    public Map<String, Member> members(String accountId) {
        Map<String, Member> members = new LinkedHashMap<>();
        partition(AccountStore.pk(accountId), AccountStore.MEMBER_PREFIX).forEach(item -> members.put(
                item.get(LeadTable.SK).s().substring(AccountStore.MEMBER_PREFIX.length()),
                LeadTable.fromItem(item, Member.class)));
        return members;
    }

    @Override
    public Set<String> applied(String leadId, Collection<String> ledgerKeys) {
        return ledger(leadId).stream().filter(entry -> ledgerKeys.contains(entry.key())).map(LedgerEntry::eventId)
                .collect(Collectors.toSet());
    }

    /** None: the rehearsal's activities are in its batches, and no re-score replays them. */
    @Override
    public List<Activity> recorded(String leadId, boolean consistent) {
        return List.of();
    }

    @Override
    public List<LedgerEntry> ledger(String leadId) {
        List<LedgerEntry> entries = new ArrayList<>();
        partition(LeadTable.leadPk(leadId), LeadTable.LEDGER_PREFIX)
                .forEach(item -> entries.addAll(LedgerFolds.entries(item)));
        entries.sort(Comparator.comparing(LedgerEntry::key));
        return entries;
    }

    /**
     * Builds the transaction's request and keeps what its puts and deletes would leave; the updates are the report
     * counters', which scoring never reads. The rehearsal is the only writer, so its guards always hold.
     */
    @Override
    public void write(ScoreTransaction transaction) {
        for (TransactWriteItem write : requests.request(transaction).transactItems()) {
            if (write.put() != null) {
                items.put(key(write.put().item()), write.put().item());
            } else if (write.delete() != null) {
                items.remove(key(write.delete().key()));
            }
        }
    }

    private Optional<Map<String, AttributeValue>> item(String pk, String sk) {
        return Optional.ofNullable(items.get(pk + BETWEEN + sk));
    }

    private Collection<Map<String, AttributeValue>> partition(String pk, String skPrefix) {
        String from = pk + BETWEEN + skPrefix;
        return items.subMap(from, true, from + Character.MAX_VALUE, false).values();
    }

    private static String key(Map<String, AttributeValue> item) {
        return item.get(LeadTable.PK).s() + BETWEEN + item.get(LeadTable.SK).s();
    }
}
