package io.leadscore.model;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.leadscore.model.ModelProblems.assertProblem;
import static io.leadscore.model.ModelProblems.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code markets:} as the YAML writes them: who is in each, their thresholds and multiplier, and every mistake. */
class MarketsModelTest {
    static final String BASE = """
            model: test
            eventTypes:
              page_view: { requires: [url] }
            profileFields:
              country: string
              companySize: number
            thresholds:
              salesReady: 100
              hot: { points: 150, rearmBelow: 120 }
            """;

    @Test
    void aModelWithMarketsLoadsThemInDeclarationOrder() {
        ScoringModel model = ModelLoader.parse(BASE + """
                markets:
                  emea:
                    when: { country: { in: [DE, FR, GB] } }
                    thresholds: { salesReady: 80, hot: { points: 130, rearmBelow: 110 } }
                    multiplier: 1.25
                    notes: Fewer, more engaged buyers in Europe.
                  enterprise:
                    when: { any: [{ companySize: { atLeast: 1000 } }, { country: US }] }
                """, "test");

        assertEquals(List.of("emea", "enterprise"), model.markets().stream().map(Market::id).toList());
        Market emea = model.markets().get(0);
        assertEquals(new BigDecimal("1.25"), emea.multiplier());
        assertEquals(List.of(new Threshold("salesReady", 80), new Threshold("hot", 130, 110)), emea.thresholds());
        assertEquals(BigDecimal.ONE, model.markets().get(1).multiplier(), "no multiplier: 1");
        assertEquals("Fewer, more engaged buyers in Europe.", model.ruleNotes().get("market:emea"));
    }

    @Test
    void aLeadIsInTheFirstMarketItsProfilePassesElseInNone() {
        ScoringModel model = ModelLoader.parse(BASE + """
                markets:
                  dach: { when: { country: { in: [DE, AT, CH] } }, thresholds: { salesReady: 70 } }
                  emea: { when: { country: { in: [DE, FR, GB] } }, thresholds: { salesReady: 80 } }
                """, "test");

        assertEquals("dach", model.market(Map.of("country", "DE")).orElseThrow().id(), "the first it passes");
        assertEquals("emea", model.market(Map.of("country", "FR")).orElseThrow().id());
        assertTrue(model.market(Map.of("country", "US")).isEmpty());
        assertTrue(model.market(Map.of()).isEmpty());
        assertEquals(List.of(new Threshold("salesReady", 80), new Threshold("hot", 150, 120)),
                model.thresholds(model.markets().get(1)), "the market's where it says, the model's elsewhere");
        assertEquals(List.of(new Threshold("salesReady", 100), new Threshold("hot", 150, 120)), model.thresholds(null));
        assertEquals(70, model.salesReady(model.markets().get(0)).orElseThrow().points());
    }

    @Test
    void refusesEveryMistakeInMarketsNamingItsPlace() {
        List<String> problems = problems(BASE + """
                markets:
                  EMEA: { when: { country: DE } }
                  nowhen: { thresholds: { salesReady: 80 } }
                  emptywhen: { when: {} }
                  badfield: { when: { region: EU } }
                  undeclared: { when: { country: FR }, thresholds: { mql: 50 } }
                  badthreshold: { when: { country: GB }, thresholds: { salesReady: { points: 0 }, hot: { at: 3 } } }
                  toolow: { when: { country: IT }, multiplier: 0.05 }
                  toohigh: { when: { country: ES }, multiplier: 11 }
                  text: { when: { country: PT }, multiplier: high }
                  unknown: { when: { country: NL }, points: 3 }
                  notamapping: 80
                  notedthreshold: { when: { country: BE }, thresholds: { salesReady: { points: 70, notes: x } } }
                """);

        assertProblem(problems, "markets.EMEA: 'EMEA' must be lower-case letters");
        assertProblem(problems, "markets.nowhen.when: is required and must not be empty");
        assertProblem(problems, "markets.emptywhen.when: is required and must not be empty");
        assertProblem(problems, "markets.badfield.when.region: unknown field 'region'");
        assertProblem(problems, "markets.undeclared.thresholds.mql: the model declares no threshold 'mql' at the top",
                "(declared: hot, salesReady)");
        assertProblem(problems, "markets.badthreshold.thresholds.salesReady.points: must be a whole number from 1");
        assertProblem(problems, "markets.badthreshold.thresholds.hot.at: unknown key 'at'");
        assertProblem(problems, "markets.badthreshold.thresholds.hot.points: is required");
        assertProblem(problems, "markets.toolow.multiplier: must be a number from 0.1 to 10, not 0.05");
        assertProblem(problems, "markets.toohigh.multiplier: must be a number from 0.1 to 10, not 11");
        assertProblem(problems, "markets.text.multiplier: must be a number from 0.1 to 10, not \"high\"");
        assertProblem(problems, "markets.unknown.points: unknown key 'points'");
        assertProblem(problems, "markets.notamapping: must be a mapping such as { when:");
        assertProblem(problems, "markets.notedthreshold.thresholds.salesReady.notes: notes belong at the top, or on a"
                + " rule, fit rule, threshold, group, market, decay, cold or competitors");
        assertEquals(14, problems.size(), String.join("\n", problems));
    }

    @Test
    void refusesMoreThanTwentyMarkets() {
        String markets = IntStream.rangeClosed(1, Market.MAX_MARKETS + 1)
                .mapToObj(i -> "  m" + i + ": { when: { companySize: { atLeast: " + i + " } } }")
                .collect(Collectors.joining("\n", "markets:\n", "\n"));

        assertEquals(List.of("markets: declares 21 markets; at most 20 (every lead is placed in one on every change)"),
                problems(BASE + markets));
    }
}
