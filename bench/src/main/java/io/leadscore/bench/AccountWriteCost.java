package io.leadscore.bench;

import io.leadscore.account.Member;
import io.leadscore.activity.Activity;
import io.leadscore.activity.Retention;
import io.leadscore.aws.dynamodb.AccountStore;
import io.leadscore.aws.dynamodb.AttributeValues;
import io.leadscore.aws.dynamodb.LeadStore;
import io.leadscore.lead.Lead;
import io.leadscore.local.LocalAws;
import io.leadscore.local.LocalDynamoDb;
import io.leadscore.local.SamTemplate;
import io.leadscore.model.ModelLoader;
import io.leadscore.model.ScoringModel;
import io.leadscore.scoring.ScoringRun;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Write units per scored event for an account of 1, 100, 1,000 and 10,000 members (issue 17, part 2): each account's
 * members' shares are loaded with BatchWriteItem on parallel threads (and the leads of those the events reach), then events are scored one at a time through the
 * {@link ScoringRun} the score function runs, each on another member (round robin), each as one invocation of the
 * score function's {@link Meter}: its write units are those {@link PricePerEvent} prices, a transaction's replayed
 * item by item ({@link TransactionReplay}) and counted double as DynamoDB bills it, since DynamoDB Local's own total
 * for a transaction counts items of equal units once. The goal: every size within 10% of the 1-member figure.
 *
 * <p>The model has one uncapped rule (+1 a ping), so that every event changes its member's score and share, and its
 * leads carry the account in their profile: the figures are the account's cost, not a rule's cap or growing state.
 */
public final class AccountWriteCost {
    private static final String SCORE = "ScoreFunction";
    private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");
    private static final ScoringModel MODEL = ModelLoader.parse("""
            model: accounts-bench
            version: 1
            eventTypes: { ping: {} }
            profileFields: { accountId: string }
            thresholds: { salesReady: 1000000 }
            accounts: { aggregate: sum, thresholds: { salesReady: { points: 1000000 } } }
            rules:
              - { id: ping, event: ping, points: 1 }
            """, "accounts-bench");

    private AccountWriteCost() {
    }

    public static void main(String[] args) {
        List<Integer> sizes = List.of(1, 100, 1_000, 10_000);
        int events = 200;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--members" -> sizes = Arrays.stream(args[i + 1].split(",")).map(Integer::parseInt).toList();
                case "--events" -> events = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        long started = System.nanoTime();
        List<String> rows = new ArrayList<>();
        List<String> breakdowns = new ArrayList<>();
        SamTemplate template = SamTemplate.load(SamTemplate.locate());
        try (LocalDynamoDb dynamoDb = LocalDynamoDb.builder(template).start()) {
            ConsumedCapacityMeter.replayTransactions(new TransactionReplay(dynamoDb, template));
            ConsumedCapacityMeter.breakDownWrites(new ItemWrites(dynamoDb, template));
            FunctionSizes functions = FunctionSizes.of(template.file());
            DynamoDbClient client = LocalAws.client(DynamoDbClient.builder(), dynamoDb.endpoint());
            String table = dynamoDb.tableName("LeadScoreTable");
            LeadStore leads = new LeadStore(client, table, Clock.systemUTC(), Retention.DEFAULT);
            AccountStore accounts = new AccountStore(client, table);
            ScoringRun run = new ScoringRun(leads, MODEL, Clock.systemUTC());
            double single = 0;
            boolean met = true;
            double worst = 1;
            rows.add("| Members | Events | Write units / scored event | Against 1 member | Account summary item (bytes)"
                    + " | Load (s) |");
            rows.add("|---:|---:|---:|---:|---:|---:|");
            for (int size : sizes) {
                String accountId = "account-" + size;
                long loading = System.nanoTime();
                List<Lead> members = new ArrayList<>();
                for (int m = 0; m < size; m++) {
                    members.add(Lead.newLead(accountId + "-member-" + m).toBuilder()
                            .profile(Map.of("accountId", accountId)).accountId(accountId).build());
                }
                leads.importLeads(members.subList(0, Math.min(size, events))); // the others are only their shares
                accounts.importAccount(accountId, members.stream().collect(Collectors.toMap(Lead::id,
                        lead -> Member.of(lead, MODEL.accounts()))), MODEL.accounts());
                double loaded = (System.nanoTime() - loading) / 1e9;
                Meter meter = Meter.start(functions);
                for (int e = 0; e < events; e++) {
                    String leadId = members.get(e % size).id();
                    Instant at = T0.plusSeconds(e);
                    Activity ping = new Activity(accountId + "-ping-" + e, "ping", leadId, at, Map.of(), "bench", at);
                    meter.invoke(SCORE, () -> {
                        run.groups(Map.of(leadId, List.of(ping))).forEach(run::apply);
                        return null;
                    });
                }
                double perEvent = meter.units(SCORE, LineItem.DYNAMODB_WRITE) / events;
                breakdowns.add(String.format("Where the write units of an event go, accounts of %,d:%n%n%s", size,
                        meter.writes().table(events)));
                single = single == 0 ? perEvent : single;
                double ratio = perEvent / single;
                met &= ratio <= 1.10;
                worst = Math.max(worst, ratio);
                int summary = AttributeValues.itemSize(client.getItem(GetItemRequest.builder().tableName(table)
                        .key(Map.of("pk", AttributeValue.fromS("ACCOUNT#" + accountId), "sk",
                                AttributeValue.fromS("ACCOUNT"))).build()).item());
                rows.add(String.format("| %,d | %d | %.2f | %.2f | %,d | %.1f |", size, events, perEvent, ratio,
                        summary, loaded));
                System.err.printf("%,d members: %.2f write units an event%n", size, perEvent);
            }
            rows.add("");
            rows.add(String.format("Goal: write units per scored event within 10%% of the 1-member figure at every"
                    + " size (%s): **%s**. A transaction's items each priced and counted double, as DynamoDB bills"
                    + " them.", sizes.stream().map(String::valueOf).collect(Collectors.joining(", ")),
                    met ? "met" : "not met"));
            Goal.report("account-writes", "Write units per scored event, accounts of 1 to " + sizes.get(sizes.size() - 1)
                    + " members (issue 17, part 2)", "within 10% of 1 member", met, "%.2f units an event at 1 member;"
                    + " the largest ratio %.2f", single, worst);
        }
        rows.forEach(System.out::println);
        breakdowns.forEach(System.out::println);
        System.out.printf("%nrun time %.0f s%n", (System.nanoTime() - started) / 1e9);
        System.exit(0);
    }
}
