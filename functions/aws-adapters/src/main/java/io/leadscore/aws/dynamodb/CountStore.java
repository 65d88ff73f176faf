package io.leadscore.aws.dynamodb;

import io.leadscore.report.CountReader;
import io.leadscore.report.CounterItem;
import io.leadscore.report.Counts;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The report counters as items: {@code COUNT#<family>} (or {@code COUNT#<family>#<yyyy-MM>} for a family counted by
 * day) / {@code [<dd>#]<member>#<shard>}, each field an attribute {@code n:<field>}. A transaction adds its counts to
 * one of {@value #SHARDS} shards picked at random, so concurrent scoring transactions seldom touch the same item (a
 * conflict fails the transaction like a guard, and it is retried); a reader sums the shards. A period of days is one
 * Query per month.
 */
public final class CountStore implements CountReader {
    static final String PREFIX = "COUNT#";
    static final int SHARDS = 8;
    private static final int MAX_TRANSACTION_ITEMS = 100;
    private static final int MAX_ATTEMPTS = 10;
    private static final String FIELD = "n:";
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy-MM");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd");

    private final DynamoDbClient dynamo;
    private final String table;

    public CountStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** The updates that add these counts (negative ones subtract), one per item, all on one random shard. */
    public List<TransactWriteItem> updates(Counts counts) {
        int shard = ThreadLocalRandom.current().nextInt(SHARDS);
        List<TransactWriteItem> updates = new ArrayList<>();
        counts.items().forEach((item, fields) -> updates.add(TransactWriteItem.builder()
                .update(update(item, fields, shard)).build()));
        return updates;
    }

    /**
     * Adds counts outside any scoring transaction, in transactions of at most 100 items: for leads imported as they
     * are ({@link LeadStore#importLeads}), which no scoring transaction counted. Importers running at once may meet on
     * a shard: a transaction that conflicted wrote nothing and is tried again, on another shard.
     */
    public void add(Counts counts) {
        List<CounterItem> items = List.copyOf(counts.items().keySet());
        for (int from = 0; from < items.size(); from += MAX_TRANSACTION_ITEMS) {
            Counts.Builder part = Counts.builder();
            items.subList(from, Math.min(from + MAX_TRANSACTION_ITEMS, items.size()))
                    .forEach(item -> counts.items().get(item).forEach((field, n) -> part.add(item, field, n)));
            addOnce(part.build());
        }
    }

    private void addOnce(Counts part) {
        for (int attempt = 1; ; attempt++) {
            try {
                dynamo.transactWriteItems(request -> request.transactItems(updates(part)));
                return;
            } catch (TransactionCanceledException e) {
                boolean conflict = e.cancellationReasons().stream()
                        .anyMatch(reason -> "TransactionConflict".equals(reason.code()));
                if (!conflict || attempt == MAX_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private Update update(CounterItem item, Map<String, Long> fields, int shard) {
        Map<String, String> names = new HashMap<>(Map.of("#kind", LeadTable.KIND, "#family", "family",
                "#member", "member"));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":kind", AttributeValue.fromS(LeadTable.COUNT),
                ":family", AttributeValue.fromS(item.family()), ":member", AttributeValue.fromS(item.member())));
        StringBuilder set = new StringBuilder("SET #kind = :kind, #family = :family, #member = :member");
        if (item.day() != null) {
            set.append(", #day = :day");
            names.put("#day", "day");
            values.put(":day", AttributeValue.fromS(item.day().toString()));
        }
        List<String> adds = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, Long> field : fields.entrySet()) {
            names.put("#f" + i, FIELD + field.getKey());
            values.put(":f" + i, AttributeValues.of(field.getValue()));
            adds.add("#f" + i + " :f" + i);
            i++;
        }
        return Update.builder().tableName(table).key(LeadTable.key(pk(item.family(), item.day()), sk(item, shard)))
                .updateExpression(set + " ADD " + String.join(", ", adds))
                .expressionAttributeNames(names).expressionAttributeValues(values).build();
    }

    @Override
    public Map<CounterItem, Map<String, Long>> days(String family, LocalDate from, LocalDate to) {
        Map<CounterItem, Map<String, Long>> items = new LinkedHashMap<>();
        for (YearMonth month = YearMonth.from(from); !month.isAfter(YearMonth.from(to)); month = month.plusMonths(1)) {
            LocalDate first = month.atDay(1).isBefore(from) ? from : month.atDay(1);
            LocalDate last = month.atEndOfMonth().isAfter(to) ? to : month.atEndOfMonth();
            read(QueryRequest.builder().keyConditionExpression("pk = :pk AND sk BETWEEN :first AND :last")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk(family, first)),
                            ":first", AttributeValue.fromS(DAY.format(first) + "#"),
                            ":last", AttributeValue.fromS(DAY.format(last) + "#\uffff"))), items);
        }
        return items;
    }

    @Override
    public Map<CounterItem, Map<String, Long>> totals(String family) {
        Map<CounterItem, Map<String, Long>> items = new LinkedHashMap<>();
        read(QueryRequest.builder().keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk(family, null)))), items);
        return items;
    }

    /** Strongly consistent: a report right after a verdict counts it. */
    private void read(QueryRequest.Builder query, Map<CounterItem, Map<String, Long>> into) {
        dynamo.queryPaginator(query.tableName(table).consistentRead(true).build()).items().forEach(stored -> {
            CounterItem item = new CounterItem(stored.get("family").s(),
                    stored.containsKey("day") ? LocalDate.parse(stored.get("day").s()) : null, stored.get("member").s());
            Map<String, Long> fields = into.computeIfAbsent(item, k -> new TreeMap<>());
            stored.forEach((name, value) -> {
                if (name.startsWith(FIELD)) {
                    fields.merge(name.substring(FIELD.length()), Long.parseLong(value.n()), Long::sum);
                }
            });
        });
        into.values().forEach(fields -> fields.values().removeIf(n -> n == 0));
        into.values().removeIf(Map::isEmpty);
    }

    private static String pk(String family, LocalDate day) {
        return PREFIX + family + (day == null ? "" : "#" + MONTH.format(day));
    }

    private static String sk(CounterItem item, int shard) {
        return (item.day() == null ? "" : DAY.format(item.day()) + "#") + item.member() + "#" + shard;
    }
}
