package io.leadscore.local.runtime;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.leadscore.announcement.Announcement;
import io.leadscore.announcement.BusEvent;
import io.leadscore.announcement.JobSegmentReady;
import io.leadscore.announcement.ModelNeedsReview;
import io.leadscore.announcement.ModelReviewDue;
import io.leadscore.aws.dynamodb.AttributeValues;
import io.leadscore.aws.dynamodb.LeadTable;
import io.leadscore.aws.dynamodb.Outbox;
import io.leadscore.lead.Crossing;
import io.leadscore.local.SamTemplate;
import io.leadscore.model.Threshold;
import io.leadscore.support.Json;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bus events' contract holds everywhere it is written down: a schema per detail-type in events/schemas, each
 * registered as it is in template.yaml; every sample event in events/ conforms to it and is exactly what the contract's
 * types write; and so does what the scorers announce, whatever their kind, and what models and jobs announce. (The
 * end-to-end tests check every event the functions publish: see {@link BusSchemas#assertConform}.)
 */
class BusContractTest {
    private static final Path EVENTS = BusSchemas.DIRECTORY.getParent();
    private static final Path TEMPLATE = SamTemplate.locate();
    /** Keywords that mean the same in Draft 4 (the schema registry's) and 2020-12 (the files'). */
    private static final Set<String> SHARED_KEYWORDS = Set.of("$schema", "title", "description", "type", "properties",
            "required", "additionalProperties", "enum", "format", "minLength", "minimum", "maximum", "maxItems", "items",
            "uniqueItems", "pattern");

    /** The README shows what a webhook receives: each sample's data is a detail that conforms to its schema. */
    @Test
    void theReadmesWebhookSamplesCarryDetailsThatConform() {
        Map<String, JsonNode> samples = ReadmeSamples.webhookBodies();
        assertEquals(List.of("AccountQualified", "LeadQualified", "ModelReviewDue"), List.copyOf(samples.keySet()));
        samples.forEach((type, body) -> assertEquals(List.of(), BusSchemas.violations(type, body.get("data").toString()),
                "README's " + type + " sample"));
    }

    @Test
    void eachDetailTypeHasOneSchemaThatIsValidInBothDrafts() throws IOException {
        try (Stream<Path> files = Files.list(BusSchemas.DIRECTORY)) {
            assertEquals(new TreeSet<>(BusEvent.DETAIL_TYPES.stream().map(type -> type + ".json").toList()),
                    new TreeSet<>(files.map(file -> file.getFileName().toString()).toList()));
        }
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        Schema draft202012 = registry.getSchema(SchemaLocation.of(BusSchemas.DRAFT_2020_12));
        Schema draft4 = registry.getSchema(SchemaLocation.of(BusSchemas.DRAFT_4));
        for (String detailType : BusEvent.DETAIL_TYPES) {
            JsonNode schema = BusSchemas.json(BusSchemas.text(detailType));
            assertEquals(BusSchemas.DRAFT_2020_12, schema.get("$schema").asText(), detailType);
            assertEquals(detailType, schema.get("title").asText());
            assertEquals(List.of(), draft202012.validate(schema.toString(), InputFormat.JSON), detailType);
            assertEquals(List.of(), draft4.validate(BusSchemas.asRegistered(detailType).toString(), InputFormat.JSON),
                    detailType + " as registered");
            assertEquals(List.of(), keywordsOutsideBothDrafts(schema, "$"), detailType);
        }
    }

    @Test
    void everySampleEventWithABusDetailConformsAndIsWhatTheContractWrites() throws IOException {
        Map<String, List<String>> samples = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        for (Path file : sampleFiles()) {
            JsonNode event = BusSchemas.json(Files.readString(file));
            if (BusEvent.SOURCE.equals(event.path("source").asText())) {
                String detailType = event.path("detail-type").asText();
                samples.computeIfAbsent(detailType, type -> new ArrayList<>()).add(EVENTS.relativize(file).toString());
                failures.addAll(check(file.toString(), detailType, event.get("detail").toString()));
            } else if (event.path("Records").path(0).has("dynamodb")) { // a stream batch, not the redrive's SQS messages
                DynamodbEvent batch = EventLoader.loadDynamoDbEvent(file.toString());
                for (DynamodbEvent.DynamodbStreamRecord record : batch.getRecords()) {
                    var image = record.getDynamodb().getNewImage();
                    if (image != null && LeadTable.OUTBOX.equals(image.get(LeadTable.KIND).getS())) {
                        Outbox.Record stored = Outbox.fromImage(AttributeValues.fromStreamImage(image));
                        samples.computeIfAbsent(stored.detailType(), type -> new ArrayList<>())
                                .add(EVENTS.relativize(file) + " (outbox record " + stored.qualificationId() + ")");
                        failures.addAll(check(file + " " + stored.qualificationId(), stored.detailType(),
                                Json.write(stored.detail())));
                    }
                }
            }
        }
        assertEquals(List.of(), failures);
        assertEquals(new TreeSet<>(BusEvent.DETAIL_TYPES), samples.keySet(), "a sample of every detail-type");
        assertEquals(List.of("bus/account-disqualified.json", "bus/job-segment-ready.json",
                "bus/lead-disqualified.json", "bus/lead-went-cold.json", "bus/model-needs-review.json",
                "bus/model-review-due.json",
                "notify/account-qualified.json", "notify/lead-qualified-platform-emea.json",
                "notify/lead-qualified.json"), samples.values().stream().flatMap(List::stream)
                .filter(sample -> !sample.contains("outbox record")).sorted().toList());
    }

    @Test
    void whatEveryKindOfCrossingAnnouncesConforms() {
        Instant at = Instant.parse("2026-11-23T10:02:00.123456Z");
        Threshold salesReady = new Threshold("salesReady", 100, 90);
        List<Crossing.RulePoints> why = List.of(new Crossing.RulePoints("demo-request", "Requested a demo", 20));
        Map<String, Object> profile = new LinkedHashMap<>(Map.of("email", "dana@acme.example",
                "companySize", new java.math.BigDecimal("250.5")));
        Crossing.Committee committee = new Crossing.Committee(3, 2, List.of("decisionMaker", "champion"),
                List.of(new Crossing.MemberPoints("dana", "decisionMaker", 120),
                        new Crossing.MemberPoints("sam", null, -10)));
        List<Crossing> crossings = List.of(
                new Crossing(Crossing.Kind.QUALIFIED, "dana/salesReady/1", "dana", null, null, salesReady, 105,
                        "default@1", at, "e-1", why, profile, null, null, "A"),
                new Crossing(Crossing.Kind.QUALIFIED, "dana/platform:salesReady/1", "dana", "platform", "Platform",
                        new Threshold("salesReady", 80), 82, "default@1", at, "e-1", why, Map.of(), null, null, null),
                new Crossing(Crossing.Kind.DISQUALIFIED, "dana/salesReady/1", "dana", null, null, salesReady, 89,
                        "default@1", at, "decay-total-1", why, profile, null, null, null),
                new Crossing(Crossing.Kind.WENT_COLD, "dana/cold/1", "dana", null, null, null, 0, "default@1", at,
                        "cold-1", List.of(), Map.of(), null, null, null),
                new Crossing(Crossing.Kind.ACCOUNT_QUALIFIED, "account:acme/salesReady/1", "dana", null, null,
                        new Threshold("salesReady", 200, 170), 210, "default@1", at, null, List.of(),
                        Map.of("accountOwner", "kim@example.com"), "acme", committee, null),
                new Crossing(Crossing.Kind.ACCOUNT_DISQUALIFIED, "account:acme/salesReady/1", "dana", null, null,
                        new Threshold("salesReady", 200, 170), 160, "default@1", at, "decay-total-2", List.of(),
                        Map.of(), "acme", committee, null));
        Set<String> covered = new TreeSet<>();
        for (Crossing crossing : crossings) {
            Announcement announcement = Announcement.of(crossing);
            covered.add(announcement.detailType());
            assertEquals(List.of(), check(crossing.qualificationId(), announcement.detailType(),
                    Json.write(announcement)));
        }
        assertEquals(new TreeSet<>(Announcement.DETAIL_TYPES), covered);
    }

    /** The events that are no lead's or account's, as their types write them, at the edges of what they allow. */
    @Test
    void whatTheModelsAndTheJobsAnnounceConforms() {
        List<BusEvent> events = List.of(
                new ModelReviewDue("default", 1, Instant.parse("2026-10-31T00:00:00Z"),
                        Instant.parse("2026-09-01T00:00:00Z")),
                new ModelReviewDue("emea/2027", 12, Instant.parse("2027-03-29T23:59:59.999999Z"),
                        Instant.parse("2026-09-01T09:14:05.123Z")),
                new ModelNeedsReview("default", "2026-W53", LocalDate.parse("2026-12-28"),
                        LocalDate.parse("2027-01-03"), 1, 1, 1),
                new ModelNeedsReview("emea/2027", "2027-W01", LocalDate.parse("2027-01-04"),
                        LocalDate.parse("2027-01-10"), 3000, 2001, 1001),
                new JobSegmentReady("job-1", JobSegmentReady.RESCORE, "default", 2, 0, 1, 1),
                new JobSegmentReady("job-2", JobSegmentReady.BACKTEST, "default", 3, 7, 8, 4));
        Set<String> covered = new TreeSet<>();
        for (BusEvent event : events) {
            covered.add(event.detailType());
            assertEquals(List.of(), check(event.key(), event.detailType(), Json.write(event)));
        }
        assertEquals(new TreeSet<>(BusEvent.DETAIL_TYPES.stream()
                .filter(type -> !Announcement.DETAIL_TYPES.contains(type)).toList()), covered,
                "every detail-type no crossing announces");
    }

    @Test
    void aViolationIsNamedByItsPathAndProblem() throws IOException {
        ObjectNode detail = (ObjectNode) BusSchemas.json(Files.readString(EVENTS.resolve("notify/lead-qualified.json")))
                .get("detail");
        detail.remove("score");
        ((ObjectNode) detail.get("threshold")).put("points", "100");
        detail.put("at", "yesterday");
        detail.put("surprise", true);

        List<String> violations = BusSchemas.violations("LeadQualified", detail.toString());

        assertEquals(4, violations.size(), violations.toString());
        assertTrue(violations.stream().anyMatch(v -> v.startsWith("$: ") && v.contains("'score'")), violations.toString());
        assertTrue(violations.stream().anyMatch(v -> v.startsWith("$.threshold.points: ") && v.contains("integer")),
                violations.toString());
        assertTrue(violations.stream().anyMatch(v -> v.startsWith("$.at: ") && v.contains("date-time")),
                violations.toString());
        assertTrue(violations.stream().anyMatch(v -> v.startsWith("$: ") && v.contains("'surprise'")),
                violations.toString());
        assertEquals(violations, BusSchemas.violationsAsRegistered("LeadQualified", detail.toString()),
                "the registered Draft 4 schema says the same");
    }

    @Test
    void theTemplateRegistersEachSchemaAsItsFile() throws IOException {
        JsonNode resources = new YAMLMapper().readTree(TEMPLATE.toFile()).get("Resources");
        List<String> registries = new ArrayList<>();
        Map<String, JsonNode> schemas = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = resources.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> resource = it.next();
            switch (resource.getValue().path("Type").asText()) {
                case "AWS::EventSchemas::Registry" -> registries.add(resource.getKey());
                case "AWS::EventSchemas::Schema" -> schemas.put(resource.getKey(), resource.getValue().get("Properties"));
                default -> { }
            }
        }
        assertEquals(List.of("LeadScoreSchemaRegistry"), registries);
        assertEquals(new TreeSet<>(BusEvent.DETAIL_TYPES.stream().map(type -> type + "Schema").toList()),
                schemas.keySet());
        for (String detailType : BusEvent.DETAIL_TYPES) {
            JsonNode schema = schemas.get(detailType + "Schema");
            assertEquals(BusEvent.SOURCE + "@" + detailType, schema.path("SchemaName").asText());
            assertEquals("JSONSchemaDraft4", schema.path("Type").asText());
            JsonNode expected = BusSchemas.asRegistered(detailType);
            assertEquals(expected, BusSchemas.json(schema.path("Content").asText()), () -> "template.yaml's "
                    + detailType + "Schema is not " + BusSchemas.file(detailType) + ": make its Content (one line)\n"
                    + expected);
        }
    }

    /** What a detail violates in either schema, and whether the contract reads it back to the same detail. */
    private static List<String> check(String where, String detailType, String detail) {
        List<String> problems = new ArrayList<>();
        BusSchemas.violations(detailType, detail).forEach(v -> problems.add(where + ": " + v));
        BusSchemas.violationsAsRegistered(detailType, detail).forEach(v -> problems.add(where + " (as registered): " + v));
        if (problems.isEmpty()) {
            JsonNode read = BusSchemas.json(detail);
            String written = Json.write(BusEvent.read(detailType, Json.mapper().convertValue(read, Map.class)));
            if (!BusSchemas.json(written).equals(read)) {
                problems.add(where + ": the contract writes " + written + ", not " + detail);
            }
        }
        return problems;
    }

    private static List<Path> sampleFiles() throws IOException {
        try (Stream<Path> files = Files.walk(EVENTS)) {
            return files.filter(file -> file.toString().endsWith(".json") && !file.startsWith(BusSchemas.DIRECTORY))
                    .sorted().toList();
        }
    }

    /** Keywords of a schema (and its subschemas) that Draft 4 and 2020-12 would not read alike. */
    private static List<String> keywordsOutsideBothDrafts(JsonNode schema, String path) {
        List<String> outside = new ArrayList<>();
        schema.fieldNames().forEachRemaining(keyword -> {
            if (!SHARED_KEYWORDS.contains(keyword)) {
                outside.add(path + "." + keyword);
            }
        });
        schema.path("properties").fields().forEachRemaining(property ->
                outside.addAll(keywordsOutsideBothDrafts(property.getValue(), path + ".properties." + property.getKey())));
        for (String subschema : List.of("items", "additionalProperties")) {
            if (schema.path(subschema).isObject()) {
                outside.addAll(keywordsOutsideBothDrafts(schema.get(subschema), path + "." + subschema));
            }
        }
        return outside;
    }
}
