package io.leadscore.query;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.leadscore.activity.Retention;
import io.leadscore.aws.dynamodb.LeadStore;
import io.leadscore.aws.lambda.Environment;
import io.leadscore.lead.Lead;
import io.leadscore.lead.RuleTally;
import io.leadscore.lead.ScoreKind;
import io.leadscore.lifecycle.Stage;
import io.leadscore.local.LocalDynamoDb;
import io.leadscore.local.LocalFunctions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.StringReader;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static io.leadscore.query.QueryResponses.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Segments of GET /v1/leads on DynamoDB Local: twelve leads written with the scores, fits and stages of the table
 * below, so that every expected list is read off the table by hand. Grades are the shipped model's (A from 40, B 30,
 * C 20, D 10, else F). Scores are distinct, so each order is one list.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LeadSegmentsTest {
    private static final Instant T0 = Instant.parse("2026-11-02T09:00:00Z");
    /** The name the CSV must carry intact: a quote, an apostrophe, a comma and a letter outside ASCII. */
    private static final String ZOE = "Zoë \"Z\" O'Brien, Jr.";

    /** id, fit, engagement (score = fit + engagement), stage; the grade follows from the fit. */
    private static final List<Object[]> LEADS = List.of(
            new Object[]{"ana", 45, 70, Stage.SQL},          // 115 A
            new Object[]{"cai", 5, 103, Stage.MQL},          // 108 F
            new Object[]{"gus", 35, 65, Stage.SQL},          // 100 B
            new Object[]{"ben", 32, 60, Stage.MQL},          //  92 B
            new Object[]{"zoe", 44, 30, Stage.WON},          //  74 A
            new Object[]{"ivy", 28, 40, Stage.OPPORTUNITY},  //  68 C
            new Object[]{"fay", 12, 50, Stage.LEAD},         //  62 D
            new Object[]{"jon", 38, 12, Stage.MQL},          //  50 B
            new Object[]{"eli", 41, 0, Stage.REJECTED},      //  41 A
            new Object[]{"dee", 22, 3, Stage.LEAD},          //  25 C
            new Object[]{"kim", 15, 0, Stage.LOST},          //  15 D
            new Object[]{"hal", 0, 7, Stage.RECYCLED});      //   7 F
    private static final List<String> HIGHEST_FIRST = List.of("ana", "cai", "gus", "ben", "zoe", "ivy", "fay", "jon",
            "eli", "dee", "kim", "hal");

    private final LocalDynamoDb dynamoDb = LocalDynamoDb.shared();
    private QueryHandler handler;

    @BeforeAll
    void twelveLeads() {
        dynamoDb.freshTables();
        handler = new QueryHandler(new Environment(LocalFunctions.environment("QueryFunction")));
        LeadStore store = new LeadStore(dynamoDb.client(), dynamoDb.tableName("LeadScoreTable"), Clock.systemUTC(),
                Retention.DEFAULT);
        List<Lead> leads = new ArrayList<>();
        for (Object[] row : LEADS) {
            String id = (String) row[0];
            Map<String, Object> profile = new LinkedHashMap<>(Map.of("email", id + "@acme.example"));
            switch (id) {
                case "zoe" -> profile.putAll(Map.of("firstName", "Zoë \"Z\"", "lastName", "O'Brien, Jr."));
                case "hal" -> profile.putAll(Map.of("firstName", "Hal", "lastName", "Two\r\nLines"));
                case "kim" -> profile.putAll(Map.of("firstName", "=HYPERLINK(\"x\")"));
                default -> profile.put("firstName", id.substring(0, 1).toUpperCase() + id.substring(1));
            }
            leads.add(Lead.newLead(id).toBuilder().profile(profile).lastActivityAt(T0).stage((Stage) row[3])
                    .breakdown(Map.of(
                            "title", new RuleTally(ScoreKind.FIT, null, (int) row[1], 1, T0),
                            "pricing-page", new RuleTally(ScoreKind.ENGAGEMENT, null, (int) row[2], 1, T0)))
                    .build());
        }
        store.importLeads(leads);
    }

    @Test
    void highestFirstByDefaultAndLowestFirstWithOrderAscPageByPage() {
        assertEquals(HIGHEST_FIRST, ids(pageThrough(5, Map.of())));
        assertEquals(HIGHEST_FIRST, ids(pageThrough(5, Map.of("order", "desc"))));
        assertEquals(reversed(HIGHEST_FIRST), ids(pageThrough(5, Map.of("order", "asc"))));
        assertEquals(reversed(HIGHEST_FIRST), ids(pageThrough(1, Map.of("order", "asc"))), "a lead a page");
    }

    @Test
    void aScoreRangeIncludesBothBoundsBothWays() {
        Map<String, String> range = Map.of("minScore", "41", "maxScore", "100");
        List<String> expected = List.of("gus", "ben", "zoe", "ivy", "fay", "jon", "eli");
        assertEquals(expected, ids(pageThrough(2, range)));
        assertEquals(reversed(expected), ids(pageThrough(2, with(range, "order", "asc"))));
        assertEquals(List.of("kim", "hal"), ids(pageThrough(25, Map.of("maxScore", "15"))));
        assertEquals(List.of("cai", "ana"), ids(pageThrough(25, Map.of("minScore", "101", "order", "asc"))));
        assertEquals(List.of("jon"), ids(pageThrough(25, Map.of("minScore", "50", "maxScore", "50"))));
        assertEquals(List.of(), ids(pageThrough(25, Map.of("minScore", "116"))));
    }

    @Test
    void stagesAndGradesFilterTheListAndShowInItsRows() {
        assertEquals(List.of("ana", "cai", "gus", "ben", "jon"), ids(pageThrough(2, Map.of("stage", "mql,sql"))));
        assertEquals(List.of("fay", "dee"), ids(pageThrough(2, Map.of("stage", "lead"))));
        assertEquals(List.of("ana", "gus", "ben", "zoe", "jon", "eli"), ids(pageThrough(2, Map.of("grade", "A,B"))));
        assertEquals(List.of("hal", "cai"), ids(pageThrough(2, Map.of("grade", "F", "order", "asc"))));

        JsonNode zoe = pageThrough(25, Map.of("stage", "won")).get(0);
        assertEquals("won", zoe.get("stage").asText());
        assertEquals("A", zoe.get("grade").asText());
        assertEquals(74, zoe.get("score").asInt());
        assertEquals(ZOE, zoe.get("name").asText());
    }

    @Test
    void filtersCombineEachWay() {
        Map<String, String> segment = Map.of("grade", "A,B", "stage", "mql,sql", "minScore", "60");
        // A or B: ana gus ben zoe jon eli; of those at mql or sql: ana gus ben jon; from 60: ana gus ben.
        assertEquals(List.of("ana", "gus", "ben"), ids(pageThrough(1, segment)));
        assertEquals(List.of("ben", "gus", "ana"), ids(pageThrough(1, with(segment, "order", "asc"))));
        assertEquals(List.of("zoe", "eli"), ids(pageThrough(25, Map.of("grade", "A", "stage", "won,rejected",
                "maxScore", "99"))));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "minScore=abc|minScore|invalid_minScore",
            "maxScore=1.5|maxScore|invalid_maxScore",
            "minScore=50&maxScore=10|maxScore|invalid_maxScore",
            "stage=hot|stage|invalid_stage",
            "stage=mql,|stage|invalid_stage",
            "stage=MQL|stage|invalid_stage",
            "grade=E|grade|invalid_grade",
            "grade=a|grade|invalid_grade",
            "order=up|order|invalid_order",
            "format=xml|format|invalid_format",
            "sort=asc|sort|unknown_parameter"})
    void refusesABadSegmentNamingTheParameter(String query, String field, String code) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            parameters.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
        }
        JsonNode error = body(400, get(parameters));
        assertEquals(field, error.at("/error/field").asText(), error.toString());
        assertEquals(code, error.at("/error/code").asText(), error.toString());
    }

    @Test
    void aCursorOutsideTheScoreRangeIsRefusedNotReadElsewhere() {
        String next = body(200, get(Map.of("limit", "2"))).get("next").asText(); // after ana (115) and cai (108)
        JsonNode error = body(400, get(Map.of("limit", "2", "maxScore", "100", "cursor", next)));
        assertEquals("invalid_cursor", error.at("/error/code").asText());
    }

    @Test
    void csvPagesPutEndToEndAreOneRfc4180FileOfTheSameRows() throws IOException {
        StringBuilder file = new StringBuilder();
        int pages = 0;
        String cursor = null;
        do {
            Map<String, String> query = new LinkedHashMap<>(Map.of("format", "csv", "limit", "5"));
            if (cursor != null) {
                query.put("cursor", cursor);
            }
            APIGatewayV2HTTPResponse page = get(query);
            assertEquals(200, page.getStatusCode(), page.getBody());
            assertEquals("text/csv; charset=utf-8", page.getHeaders().get("content-type"));
            assertEquals("attachment; filename=\"leads.csv\"", page.getHeaders().get("content-disposition"));
            assertEquals(pages == 0, page.getBody().startsWith("\uFEFF"), "the byte order mark starts the file only");
            file.append(page.getBody());
            cursor = page.getHeaders().get("x-next-cursor");
            pages++;
        } while (cursor != null);
        assertEquals(3, pages, "12 leads, 5 a page");

        String text = file.substring(1);
        assertTrue(RFC_4180_FILE.matcher(text).matches(), "every record ends in CRLF, every field is bare or"
                + " quoted with its quotes doubled:\n" + text);
        List<List<String>> rows = parse(text);
        assertEquals(List.of("leadId", "email", "name", "score", "fit", "grade", "engagement", "stage", "qualified",
                "cold", "accountId", "lastActivityAt"), rows.get(0));
        List<List<String>> records = rows.subList(1, rows.size());
        assertEquals(HIGHEST_FIRST, records.stream().map(r -> r.get(0)).toList(), "the rows of the JSON list");
        records.forEach(r -> assertEquals(12, r.size(), r.toString()));
        Map<String, List<String>> byId = new HashMap<>();
        records.forEach(r -> byId.put(r.get(0), r));
        assertEquals(List.of("zoe", "zoe@acme.example", ZOE, "74", "44", "A", "30", "won", "", "false", "",
                T0.toString()), byId.get("zoe"));
        assertEquals("Hal Two\r\nLines", byId.get("hal").get(2), "a line break inside a quoted field");
        assertEquals("'=HYPERLINK(\"x\")", byId.get("kim").get(2), "a formula kept as text");
        assertTrue(text.contains("\"Zoë \"\"Z\"\" O'Brien, Jr.\""), text);
    }

    @Test
    void aCsvSegmentCarriesTheFilteredRowsAndNoCursorOnItsLastPage() throws IOException {
        APIGatewayV2HTTPResponse page = get(Map.of("format", "csv", "grade", "A", "order", "asc"));
        assertNull(page.getHeaders().get("x-next-cursor"));
        List<List<String>> rows = parse(page.getBody().substring(1));
        assertEquals(List.of("eli", "zoe", "ana"), rows.subList(1, rows.size()).stream().map(r -> r.get(0)).toList());
    }

    /**
     * RFC 4180's grammar: records of fields separated by commas, each ending in CRLF; a field bare (no quote, comma,
     * CR or LF) or quoted, a quote inside doubled. Any character beyond ASCII is allowed, as text/csv with a
     * charset allows.
     */
    private static final Pattern RFC_4180_FILE = Pattern.compile(
            "(?:(?:\"(?:[^\"]|\"\")*\"|[^\",\r\n]*)(?:,(?:\"(?:[^\"]|\"\")*\"|[^\",\r\n]*))*\r\n)+");

    private static List<List<String>> parse(String csv) throws IOException {
        CsvMapper mapper = CsvMapper.builder().enable(CsvParser.Feature.WRAP_AS_ARRAY).build();
        try (MappingIterator<List<String>> rows = mapper.readerForListOf(String.class).readValues(new StringReader(csv))) {
            return rows.readAll();
        }
    }

    private List<JsonNode> pageThrough(int limit, Map<String, String> filters) {
        return QueryRequests.pageThrough(handler, "GET /v1/leads", limit, filters);
    }

    private APIGatewayV2HTTPResponse get(Map<String, String> query) {
        return QueryRequests.get(handler, "GET /v1/leads", Map.of(), query);
    }

    private static Map<String, String> with(Map<String, String> query, String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(query);
        more.put(name, value);
        return more;
    }

    private static List<String> ids(List<JsonNode> rows) {
        return rows.stream().map(r -> r.get("leadId").asText()).toList();
    }

    private static List<String> reversed(List<String> list) {
        List<String> reversed = new ArrayList<>(list);
        java.util.Collections.reverse(reversed);
        return reversed;
    }
}
