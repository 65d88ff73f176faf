package io.leadscore.model;

import io.leadscore.lifecycle.FeedbackType;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.leadscore.model.ModelProblems.assertProblem;
import static io.leadscore.model.ModelProblems.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelLoaderTest {

    /** A small valid model; each refusal below adds one mistake to it. */
    private static final String BASE = """
            model: test
            version: 1
            eventTypes:
              page_view:   { requires: [url] }
              form_submit: { requires: [formId] }
            profileFields:
              jobTitle: string
              companySize: number
            groups:
              platform: { cap: 50 }
            """;

    @Nested
    class TheShippedModel {
        private final ScoringModel model = ModelLoader.defaultModel();

        @Test
        void isVersionOneOfTheDefaultModel() {
            assertEquals("default", model.id());
            assertEquals(1, model.version());
            assertEquals("default@1", model.tag());
        }

        @Test
        void acceptsTheEventsATrackerSends() {
            assertEquals(List.of("click", "email_click", "email_open", "form_submit", "identify", "nps_response",
                    "page_engaged", "page_view", "profile_update", "unsubscribe", "video_progress"),
                    model.eventTypes().keySet().stream().sorted().toList());
            assertEquals(List.of("score"), model.eventTypes().get("nps_response").requiredProperties());
            assertEquals(List.of("url"), model.eventTypes().get("page_view").requiredProperties());
            assertEquals(List.of("videoId", "percent"), model.eventTypes().get("video_progress").requiredProperties());
            assertEquals(List.of("element"), model.eventTypes().get("click").requiredProperties());
            assertEquals(List.of("url", "seconds"), model.eventTypes().get("page_engaged").requiredProperties());
        }

        @Test
        void gradesFitFromAToDAndFBelowTen() {
            assertEquals(Map.of("A", 40, "B", 30, "C", 20, "D", 10), model.grades().thresholds());
            assertEquals(List.of("A", "B", "C", "D"), List.copyOf(model.grades().thresholds().keySet()));
        }

        @Test
        void handsLeadsToSalesAtOneHundredPoints() {
            assertEquals(100, model.salesReady().orElseThrow().points());
        }

        @Test
        void scoresProductLinesInCappedGroupsWithTheirOwnThresholds() {
            assertEquals(new ScoreGroup("platform", "Platform", 150, List.of(new Threshold("salesReady", 80)),
                    model.decay()), model.groups().get("platform"));
            assertEquals(new ScoreGroup("analytics", "Analytics add-on", 100, List.of(new Threshold("salesReady", 60)),
                    model.decay()), model.groups().get("analytics"));
        }

        @Test
        void fadesInactiveScoresWeeklyDownToHalfTheThresholdAndCallsThemColdAfterFortyFiveDays() {
            assertEquals(new DecayPolicy(Duration.ofDays(30), Duration.ofDays(7), new BigDecimal("10"), null,
                    DecayPolicy.Floor.DEFAULT), model.decay());
            assertEquals(Duration.ofDays(45), model.coldAfter());
            assertEquals(new Threshold("salesReady", 100, 90), model.salesReady().orElseThrow());
        }

        @Test
        void capsRulesPerPeriodAndPerProperty() {
            assertEquals(new Cap(3, Duration.ofDays(1), null), rule("pricing-page").cap());
            assertEquals(new Cap(1, null, "formId"), rule("whitepaper-download").cap());
        }

        @Test
        void scoresHalfAMinuteReadOnThePricingPageOnceADay() {
            Rule read = rule("pricing-page-read");

            assertTrue(read.matches("page_engaged", Map.of("url", "https://acme.example/pricing",
                    "seconds", new BigDecimal("30"))::get));
            assertFalse(read.matches("page_engaged", Map.of("url", "https://acme.example/pricing",
                    "seconds", new BigDecimal("29"))::get));
            assertFalse(read.matches("page_engaged", Map.of("url", "https://acme.example/blog",
                    "seconds", new BigDecimal("300"))::get));
            assertEquals(new Cap(1, Duration.ofDays(1), null), read.cap());
            assertEquals(5, read.points());
        }

        private Rule rule(String id) {
            return model.rules().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
        }
    }

    @Test
    void letsAnEventRuleTestEventPropertiesAndTheProfileTogether() {
        Rule rule = ModelLoader.parse(BASE + """
                rules:
                  - id: big-company-pricing
                    event: page_view
                    when:
                      url: { glob: "*/pricing*" }
                      profile.companySize: { atLeast: 50, atMost: 5000 }
                    points: 5
                """, "test").rules().get(0);
        Map<String, Object> bigCompanyOnPricing =
                Map.of("url", "https://example.com/pricing", "profile.companySize", new BigDecimal("200"));
        Map<String, Object> smallCompanyOnPricing =
                Map.of("url", "https://example.com/pricing", "profile.companySize", new BigDecimal("10"));

        assertTrue(rule.matches("page_view", bigCompanyOnPricing::get));
        assertFalse(rule.matches("page_view", smallCompanyOnPricing::get));
        assertFalse(rule.matches("form_submit", bigCompanyOnPricing::get));
    }

    @Test
    void letsARuleScoreAnNpsAnswerByItsScore() {
        Rule rule = ModelLoader.parse(BASE.replace("eventTypes:\n", "eventTypes:\n  nps_response: {}\n") + """
                rules:
                  - { id: detractor, event: nps_response, when: { score: { atMost: 6 } }, points: -20 }
                """, "test").rules().get(0);

        assertTrue(rule.matches("nps_response", Map.of("score", new BigDecimal("6"))::get));
        assertTrue(rule.matches("nps_response", Map.of("score", new BigDecimal("0"))::get));
        assertFalse(rule.matches("nps_response", Map.of("score", new BigDecimal("7"))::get));
    }

    @Test
    void refusesAnNpsRuleBoundOffTheZeroToTenScale() {
        List<String> problems = problems(BASE.replace("eventTypes:\n", "eventTypes:\n  nps_response: {}\n") + """
                rules:
                  - { id: detractor, event: nps_response, when: { score: { atMost: 60 } }, points: -20 }
                  - { id: promoter, event: nps_response, when: { score: { atLeast: 8.5 } }, points: 5 }
                  - { id: unhappy, event: nps_response, when: { score: { atLeast: -1, atMost: 6 } }, points: -5 }
                """);

        assertProblem(problems, "rules[0].when.score.atMost: bounds an NPS answer: must be from 0 to 10", "not 60");
        assertProblem(problems, "rules[1].when.score.atLeast: bounds an NPS answer: must be a whole number",
                "not 8.5");
        assertProblem(problems, "rules[2].when.score.atLeast: bounds an NPS answer", "not -1");
        assertEquals(3, problems.size(), String.join("\n", problems));
    }

    @Test
    void refusesATimeOnPageBoundThatNoPageEngagementCanMeet() {
        List<String> problems = problems(BASE.replace("eventTypes:\n", "eventTypes:\n  page_engaged: {}\n") + """
                rules:
                  - { id: read, event: page_engaged, when: { seconds: { atLeast: 90000 } }, points: 5 }
                  - { id: glance, event: page_engaged, when: { seconds: { atLeast: -5, atMost: 2.5 } }, points: -1 }
                  - { id: long, event: page_engaged, when: { seconds: { atLeast: 30, atMost: 86400 } }, points: 3 }
                """);

        assertProblem(problems, "rules[0].when.seconds.atLeast: bounds engaged seconds: must be at most 86400",
                "not 90000");
        assertProblem(problems, "rules[1].when.seconds.atLeast: bounds engaged seconds: must not be negative",
                "not -5");
        assertProblem(problems, "rules[1].when.seconds.atMost: bounds engaged seconds: must be a whole number",
                "not 2.5");
        assertEquals(3, problems.size(), String.join("\n", problems));
    }

    @Test
    void comparesNumbersForEqualityByValueHoweverTheModelWritesThem() {
        ScoringModel model = ModelLoader.parse(BASE + """
                fit:
                  - { id: fifty-people, when: { companySize: { equals: 50.0 } }, points: 5 }
                """, "test");

        assertTrue(model.fitRules().get(0).matches(Map.of("companySize", new BigDecimal("50"))));
    }

    @Test
    void refusesBrokenYamlSayingWhere() {
        ModelException refused = assertThrows(ModelException.class, () -> ModelLoader.parse("""
                model: test
                version: 1
                eventTypes: { page_view: [url }
                """, "broken.yaml"));

        assertTrue(refused.getMessage().contains("broken.yaml"), refused.getMessage());
        assertProblem(refused.problems(), "is not valid YAML", "line 3, column");
    }

    @Test
    void readsFeedbackRulesAsPointsOrAResetOfEngagement() {
        ScoringModel model = ModelLoader.parse(BASE + """
                feedback:
                  lost: -30
                  recycled: reset-engagement
                """, "test");

        assertEquals(new FeedbackRule(FeedbackType.LOST, -30, false), model.feedbackRule(FeedbackType.LOST).orElseThrow());
        assertEquals(new FeedbackRule(FeedbackType.RECYCLED, 0, true),
                model.feedbackRule(FeedbackType.RECYCLED).orElseThrow());
        assertEquals(java.util.Optional.empty(), model.feedbackRule(FeedbackType.WON));
        assertEquals("CRM verdict lost", model.describe("feedback:lost"));
    }

    @Test
    void gradesTheFitByTheFirstThresholdItReachesAndFBelowTheLowest() {
        FitGrades grades = ModelLoader.parse(BASE + "grades: { A: 40, B: 30, C: 20, D: 10 }\n", "test").grades();

        assertEquals(List.of("A", "A", "B", "C", "D", "F", "F"),
                java.util.stream.IntStream.of(55, 40, 39, 20, 10, 9, -15).mapToObj(grades::grade).toList());
    }

    @Test
    void gradesNoLeadWithoutGrades() {
        assertEquals(null, ModelLoader.parse(BASE, "test").grades().grade(100));
    }

    @Test
    void refusesGradesThatAreNotCapitalLettersInDescendingWholeNumbers() {
        List<String> problems = problems(BASE + """
                grades: { A: 40, b: 30, C: 30, F: 5, E: 2.5, G: "x" }
                """);

        assertProblem(problems, "grades.b: a grade is one capital letter other than F");
        assertProblem(problems, "grades.C: must be below the grade before it (30): grades go from best to worst");
        assertProblem(problems, "grades.F: a grade is one capital letter other than F");
        assertProblem(problems, "grades.E: must be a whole number from 0 to 1000000, not 2.5");
        assertProblem(problems, "grades.G: must be a whole number from 0 to 1000000, not \"x\"");
        assertProblem(problems(BASE + "grades: [A, B]\n"), "grades: must be a mapping");
    }

    @Test
    void refusesFeedbackRulesOnUnknownTypesOrWithoutPoints() {
        List<String> problems = problems(BASE + """
                feedback:
                  closed: -30
                  lost: reset
                  won: 5000
                """);

        assertProblem(problems, "feedback.closed: is not a feedback type (types: accepted, rejected, opportunity, won,"
                + " lost, recycled)");
        assertProblem(problems, "feedback.lost: must be points or reset-engagement, not 'reset'");
        assertProblem(problems, "feedback.won: must be a whole number from -1000 to 1000, not 5000");
    }

    @Test
    void tagsRulesWithTheJourneyStagesTheModelDeclaresInFunnelOrder() {
        ScoringModel model = ModelLoader.parse(BASE + """
                journey: [awareness, consideration, decision]
                rules:
                  - { id: demo, event: form_submit, points: 30, journey: decision }
                  - { id: blog, event: page_view, points: 1, journey: awareness }
                  - { id: any, event: page_view, points: 1 }
                """, "test");

        assertEquals(List.of("awareness", "consideration", "decision"), model.journeyStages());
        assertEquals(java.util.Arrays.asList("decision", "awareness", null),
                model.rules().stream().map(Rule::journey).toList());
    }

    @Test
    void theShippedModelTagsItsBuyingRulesAndLeavesJobSeekersAndUnsubscribesOut() {
        ScoringModel model = ModelLoader.defaultModel();
        Map<String, String> tags = new java.util.TreeMap<>();
        model.rules().stream().filter(r -> r.journey() != null).forEach(r -> tags.put(r.id(), r.journey()));

        assertEquals(List.of("awareness", "consideration", "decision"), model.journeyStages());
        assertEquals("decision", tags.get("pricing-page"));
        assertEquals("awareness", tags.get("email-open"));
        assertEquals("decision", tags.get("pricing-page-read"));
        assertEquals(13, tags.size());
        assertFalse(tags.containsKey("careers-page") || tags.containsKey("unsubscribe"));
    }

    @Test
    void refusesJourneyStagesThatAreNotFewDistinctIdentifiersAndTagsOfUndeclaredStages() {
        List<String> problems = problems(BASE + """
                journey: [awareness, Decision, leads, awareness, %s]
                rules:
                  - { id: demo, event: form_submit, points: 30, journey: decision }
                  - { id: blog, event: page_view, points: 1, journey: [awareness] }
                fit:
                  - { id: vp, when: { jobTitle: vp }, points: 5, journey: awareness }
                """.formatted("x".repeat(33)));

        assertProblem(problems, "journey[1]: 'Decision' must be a lower-case identifier");
        assertProblem(problems, "journey[2]: 'leads' is reserved");
        assertProblem(problems, "journey[3]: duplicate stage 'awareness'");
        assertProblem(problems, "journey[4]: '" + "x".repeat(33) + "' must be a lower-case identifier", "at most 32");
        assertProblem(problems,
                "rules[0].journey: unknown journey stage 'decision' (declared under journey: awareness)");
        assertProblem(problems, "rules[1].journey: must be text");
        assertProblem(problems, "fit[0].journey: unknown key 'journey'");
        String eleven = String.join(", ",
                java.util.stream.IntStream.rangeClosed(1, 11).mapToObj(i -> "s" + i).toList());
        assertProblem(problems(BASE + "journey: [" + eleven + "]\n"), "journey: declares 11 stages; at most 10");
        assertProblem(problems(BASE + "journey: awareness\n"), "journey: must be a list");
    }

    @Test
    void refusesAnUnknownTopLevelKey() {
        assertProblem(problems(BASE + "rulez: []\n"), "rulez: unknown key 'rulez'", "allowed: ", "rules");
    }

    @Test
    void refusesARuleOnAnUnknownEventType() {
        assertProblem(problemsOfRules("""
                - id: pricing
                  event: pageview
                  points: 5
                """), "rules[0].event: unknown event type 'pageview'", "known: form_submit, page_view");
    }

    @Test
    void refusesAnUnknownConditionFieldListingTheKnownOnes() {
        assertProblem(problemsOfRules("""
                - id: pricing
                  event: page_view
                  when: { urll: { glob: "*/pricing" } }
                  points: 5
                """), "rules[0].when.urll: unknown field 'urll'", "formId", "url", "profile.jobTitle");
    }

    @Test
    void letsEventRulesReadDeclaredProfileFieldsOnly() {
        String rule = """
                - id: senior-pricing
                  event: page_view
                  when: { profile.%s: { regex: "VP" } }
                  points: 5
                """;
        ModelLoader.parse(BASE + "rules:\n" + rule.formatted("jobTitle").indent(2), "test");

        assertProblem(problemsOfRules(rule.formatted("nope")),
                "rules[0].when.profile.nope: unknown field 'profile.nope'");
    }

    @Test
    void refusesAnUnknownTest() {
        assertProblem(problemsOfRules("""
                - id: pricing
                  event: page_view
                  when: { url: { like: "*pricing*" } }
                  points: 5
                """), "rules[0].when.url.like: unknown test 'like'", "glob", "regex");
    }

    @Test
    void refusesANumericComparisonOnText() {
        assertProblem(problemsOfRules("""
                - id: pricing
                  event: page_view
                  when: { url: { atLeast: 5 } }
                  points: 5
                """), "rules[0].when.url.atLeast: compares numbers, but the field is a string");
    }

    @Test
    void refusesAnInvalidRegularExpression() {
        assertProblem(problemsOfRules("""
                - id: pricing
                  event: page_view
                  when: { url: { regex: "/(pricing" } }
                  points: 5
                """), "rules[0].when.url.regex: is not a valid regular expression");
    }

    @Test
    void refusesADuplicateRuleId() {
        assertProblem(problemsOfRules("""
                - { id: pricing, event: page_view, points: 5 }
                - { id: pricing, event: form_submit, points: 5 }
                """), "rules[1].id: duplicate id 'pricing'");
    }

    @Test
    void refusesAFitRuleWithTheIdOfAnEventRule() {
        assertProblem(problems(BASE + """
                rules:
                  - { id: senior, event: page_view, points: 5 }
                fit:
                  - { id: senior, when: { jobTitle: { regex: "VP" } }, points: 5 }
                """), "fit[0].id: duplicate id 'senior'");
    }

    @Test
    void refusesAnUndeclaredGroup() {
        assertProblem(problemsOfRules("""
                - { id: pricing, event: page_view, points: 5, group: platfrom }
                """), "rules[0].group: unknown group 'platfrom'", "declared: platform");
    }

    @Test
    void refusesACapPerUnknownPeriod() {
        assertProblem(problemsOfRules("""
                - { id: pricing, event: page_view, points: 5, cap: { times: 3, per: fortnight } }
                """), "rules[0].cap.per: must be one of hour, day, week, month, ever", "fortnight");
    }

    @Test
    void refusesARuleWorthNothing() {
        assertProblem(problemsOfRules("- { id: pricing, event: page_view, points: 0 }\n"),
                "rules[0].points: must not be 0");
    }

    @Test
    void refusesFractionalPoints() {
        assertProblem(problemsOfRules("- { id: pricing, event: page_view, points: 2.5 }\n"),
                "rules[0].points: must be a whole number", "2.5");
    }

    @Test
    void refusesADuplicateKey() {
        assertProblem(problems(BASE + """
                rules:
                  - { id: pricing, event: page_view, points: 15 }
                rules:
                  - { id: demo, event: form_submit, points: 20 }
                """), "is not valid YAML", "duplicate key 'rules'", "line");
    }

    @Test
    void reportsEveryProblemAtOnce() {
        List<String> problems = problemsOfRules("""
                - id: pricing
                  event: pageview
                  when: { urll: x }
                  points: 0
                """);

        assertEquals(List.of("rules[0].event", "rules[0].when.urll", "rules[0].points"),
                problems.stream().map(p -> p.substring(0, p.indexOf(':'))).toList(), String.join("\n", problems));
    }

    @Test
    void loadsAModelFromAFile(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("model.yaml"), BASE);

        assertEquals("test@1", ModelLoader.load(file.toString()).tag());
    }

    @Test
    void refusesAMissingFileNamingIt(@TempDir Path dir) {
        String missing = dir.resolve("nowhere.yaml").toString();

        ModelException refused = assertThrows(ModelException.class, () -> ModelLoader.load(missing));

        assertTrue(refused.getMessage().contains(missing), refused.getMessage());
        assertProblem(refused.problems(), "cannot be read");
    }

    @Test
    void fallsBackToTheShippedModelWithoutAPath() {
        assertEquals("default@1", ModelLoader.load(" ").tag());
    }

    /** Notes: why a revision, and the sales team's comment on a row of the revision table. */
    @Nested
    class Notes {
        private static final String NOTED = (BASE + """
                notes: Second review with sales (Q3).
                thresholds:
                  salesReady: { points: 100, rearmBelow: 90, notes: "Sales asked for fewer, better MQLs" }
                  hot: 150
                decay: { every: week, by: 10%, notes: Decay faster }
                cold: { after: 30d, notes: "Sooner: nurture picks them up" }
                groups:
                  platform: { cap: 50, notes: Platform team owns it }
                rules:
                  - id: pricing-page
                    event: page_view
                    points: 15
                    notes: "Strongest signal, per sales"
                fit:
                  - id: senior
                    when: { jobTitle: { contains: vp } }
                    points: 5
                    notes: VPs buy
                """).replace("groups:\n  platform: { cap: 50 }\n", "");

        @Test
        void areKeptByTheRowTheyAnnotate() {
            ScoringModel model = ModelLoader.parse(NOTED, "test");

            assertEquals("Second review with sales (Q3).", model.notes());
            assertEquals(Map.of("threshold:salesReady", "Sales asked for fewer, better MQLs",
                    "decay", "Decay faster", "cold", "Sooner: nurture picks them up",
                    "group:platform", "Platform team owns it", "rule:pricing-page", "Strongest signal, per sales",
                    "fit:senior", "VPs buy"), model.ruleNotes());
        }

        @Test
        void areRefusedAnywhereElseWithThePlaceNamed() {
            List<String> problems = problems(BASE.replace("platform: { cap: 50 }",
                    "platform: { cap: 50, thresholds: { salesReady: { points: 80, notes: x } }, decay: { every: week,"
                            + " by: 5%, notes: y } }") + """
                    accounts: { aggregate: max, notes: z }
                    rules:
                      - id: r
                        event: page_view
                        points: 1
                        when: { url: { glob: "*", notes: w } }
                    """);

            assertProblem(problems, "groups.platform.thresholds.salesReady.notes: notes belong at the top");
            assertProblem(problems, "groups.platform.decay.notes: notes belong at the top");
            assertProblem(problems, "accounts.notes: notes belong at the top");
            assertProblem(problems, "rules[0].when.url.notes: unknown test 'notes'");
        }

        @Test
        void mustBeTextOfAtMostTwoThousandCharacters() {
            String tooLong = "x".repeat(ModelLoader.MAX_NOTES + 1);
            List<String> problems = problems(BASE + "notes: " + tooLong + "\n" + """
                    cold: { after: 30d, notes: [a, b] }
                    """);

            assertProblem(problems, "notes: must be at most 2000 characters, not 2001");
            assertProblem(problems, "cold.notes: must be text");
            ModelLoader.parse(BASE + "notes: " + "x".repeat(ModelLoader.MAX_NOTES) + "\n", "test");
        }

        @Test
        void blankNotesAreNoNotes() {
            ScoringModel model = ModelLoader.parse(BASE + "notes: \"  \"\ncold: { after: 30d, notes: \"\" }\n",
                    "test");

            assertEquals(null, model.notes());
            assertEquals(Map.of(), model.ruleNotes());
        }
    }

    @Nested
    class Versions {
        @Test
        void aFileWithoutVersionIsVersionOne() {
            assertEquals("test@1", ModelLoader.parse(BASE.replace("version: 1\n", ""), "test").tag());
        }

        @Test
        void aRevisionsVersionIsItsNumberWhateverTheYamlSays() {
            assertEquals("test@3", ModelLoader.parseRevision(BASE.replace("version: 1", "version: 7"), "test", 3)
                    .tag());
            assertEquals("test@4", ModelLoader.parseRevision(BASE.replace("version: 1\n", ""), "test", 4).tag());
        }

        @Test
        void aRevisionMustBeOfItsModel() {
            ModelException refused = assertThrows(ModelException.class,
                    () -> ModelLoader.parseRevision(BASE, "default", 2));

            assertProblem(refused.problems(), "model: is 'test', but this is a revision of model 'default'");
        }

        @Test
        void aVersionThatIsThereMustStillBeANumber() {
            assertProblem(problems(BASE.replace("version: 1", "version: one")), "version: must be a whole number");
        }
    }

    private static List<String> problemsOfRules(String rules) {
        return problems(BASE + "rules:\n" + rules.indent(2));
    }

    /** Profile fields typed beyond string and number: an email, a number with its range, each refused when malformed. */
    @org.junit.jupiter.api.Test
    void profileFieldsTakeEmailsAndNumbersWithARange() {
        ScoringModel model = ModelLoader.parse("""
                model: typed
                version: 1
                eventTypes: { identify: {} }
                profileFields:
                  email: email
                  companySize: { type: number, min: 0, max: 100000 }
                  revenue: { type: number, min: 0 }
                rules: []
                """, "typed");
        org.junit.jupiter.api.Assertions.assertEquals(FieldType.EMAIL, model.profileFields().get("email"));
        org.junit.jupiter.api.Assertions.assertEquals("from 0 to 100000", model.range("companySize").orElseThrow().describe());
        org.junit.jupiter.api.Assertions.assertEquals("at least 0", model.range("revenue").orElseThrow().describe());
        ModelException refused = org.junit.jupiter.api.Assertions.assertThrows(ModelException.class, () -> ModelLoader.parse("""
                model: typed
                version: 1
                eventTypes: { identify: {} }
                profileFields:
                  email: mail
                  companySize: { type: number, min: 10, max: 1 }
                  jobTitle: { type: string, min: 1 }
                  size: { type: number, step: 5 }
                rules: []
                """, "typed"));
        org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of(
                "profileFields.email: type must be 'string', 'email' or 'number', not 'mail'",
                "profileFields.companySize: min 10 is above max 1",
                "profileFields.jobTitle.type: must be number: only a number field takes a min and a max",
                "profileFields.size.step: unknown key 'step' (allowed: max, min, type)"), refused.problems());
    }
}
