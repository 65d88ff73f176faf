package io.leadscore.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadscore.aws.dynamodb.TrainingRun;
import io.leadscore.local.FunctionDef;
import io.leadscore.local.SamTemplate;
import io.leadscore.support.Json;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The minimized jars (the parent pom's shade configuration, {@code minimizeJar} and its keep rules) still run every
 * handler: each of template.yaml's handlers answers its sample from its function's jar alone, in a new JVM, over
 * the local DynamoDB, bus, S3 and SQS. Needs the jars: `mvn package` (or verify) builds them before this module.
 */
class HandlerJarsTest {
    private static final SamTemplate TEMPLATE = SamTemplate.load(SamTemplate.locate());

    @Test
    void everyHandlerAnswersItsSampleFromItsMinimizedJarAlone() throws Exception {
        Map<String, JsonNode> answers = new LinkedHashMap<>();
        JsonNode imported;
        HandlerJars.Answer trained;
        TrainingRun training;
        try (HandlerJars jars = new HandlerJars(TEMPLATE)) {
            for (HandlerJars.Answer answer : jars.invokeAll()) {
                answers.put(answer.logicalId(), answer.answer());
                print(answer);
            }
            imported = jars.importResult();
            // The run the weekly schedule queued, handed back by the bus on leads with verdicts: Tribuo fits.
            String runId = answers.get(HandlerJars.TRAIN_FUNCTION).path("runId").asText();
            trained = jars.carryOutTraining(runId);
            print(trained);
            training = jars.trainingRun(runId);
        }
        assertEquals(new TreeSet<>(TEMPLATE.functions().stream().map(FunctionDef::logicalId).toList()),
                new TreeSet<>(answers.keySet()), "every handler of the template, once");

        JsonNode ingested = body(answers.get("IngestFunction"), 202);
        assertEquals(3, ingested.path("accepted").asInt());
        // The score function scored what the ingest wrote: the query reads the lead's score.
        assertEquals(0, answers.get("ScoreFunction").path("batchItemFailures").size());
        assertEquals(0, answers.get("ShadowFunction").path("batchItemFailures").size(), "no challenger: nothing to do");
        JsonNode lead = body(answers.get("QueryFunction"), 200);
        assertEquals("lead-42", lead.path("leadId").asText());
        assertEquals(65, lead.path("score").asInt());
        assertEquals(0, answers.get("PublishFunction").path("batchItemFailures").size());
        assertEquals(true, answers.get("DecayFunction").path("complete").asBoolean());
        assertEquals(0, answers.get("NotifyRetryFunction").path("abandoned").asInt());
        assertEquals("2026-W47", answers.get("AuditFunction").path("week").asText());
        assertEquals(0, answers.get("RedriveFunction").path("batchItemFailures").size());
        assertEquals(0, answers.get("RepublishFunction").path("failed").asInt());
        // The redrive reads back the three activities the ingest wrote in its window.
        assertEquals(3, body(answers.get("OpsFunction"), 200).path("activitiesFound").asInt());
        assertEquals(1, body(answers.get("AdminFunction"), 200).path("published").asInt());
        // The weekly schedule queued a run (Tribuo's classes are not reached before a run is carried out); carried
        // out, it fitted weights with what the train function's jar holds: a class the fit loads (by name, or for the
        // verifier) filtered out of the jar fails the invocation or the run.
        assertEquals(TrainingRun.QUEUED, answers.get(HandlerJars.TRAIN_FUNCTION).path("status").asText());
        assertEquals(TrainingRun.DONE, trained.answer().path("status").asText(), trained.answer().toString());
        assertTrue(training.leads() >= HandlerJars.TRAINING_LEADS, training.toString());
        JsonNode report = Json.mapper().readTree(training.reportJson());
        int positives = report.at("/training/positives").asInt();
        assertTrue(positives > 0 && positives < report.at("/training/examples").asInt(), report.toString());
        assertFalse(report.path("topFeatures").isEmpty(), "a fit with weights: " + report);
        for (JsonNode effect : report.path("topFeatures")) {
            assertNotEquals(0.0, effect.path("weight").asDouble(), effect.toString());
        }
        assertEquals("text/html; charset=utf-8",
                answers.get("DashboardFunction").path("headers").path("content-type").asText());
        assertEquals(0, answers.get("ImportChunkFunction").path("batchItemFailures").size());
        // The CSV sample's 8 rows: the splitter's one chunk, loaded by the chunk loader (S3 and SQS both ways).
        assertEquals(List.of(4, 4, 1), List.of(imported.path("accepted").asInt(), imported.path("rejected").asInt(),
                imported.path("chunks").asInt()));
    }

    /** Issue 17's goal 4: every function's jar under 12 MiB (ColdStart's table measures them against the goal, 8). */
    @Test
    void everyFunctionJarIsUnderTheLimit() throws IOException {
        Map<String, Double> over = new TreeMap<>();
        for (FunctionDef function : TEMPLATE.functions()) {
            Path jar = HandlerJars.jar(TEMPLATE, function.logicalId());
            double mib = Files.size(jar) / (1024.0 * 1024.0);
            if (mib >= ColdStart.JAR_LIMIT_MIB) {
                over.put(jar.getFileName().toString(), mib);
            }
        }
        assertEquals(Map.of(), over, "jars of " + ColdStart.JAR_LIMIT_MIB + " MiB or more");
    }

    /** What ServiceLoader or the SDK loads by name from a jar's listings is in the jar (the warm-up's was not). */
    @Test
    void everyClassAJarListsForLoadingByNameIsInIt() throws IOException {
        for (FunctionDef function : TEMPLATE.functions()) {
            Path jar = HandlerJars.jar(TEMPLATE, function.logicalId());
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                List<String> missing = new ArrayList<>();
                for (ZipEntry entry : zip.stream().toList()) {
                    // A listing whose service is not in the jar is never read: nothing can ask for it.
                    String service = entry.getName().replace("META-INF/services/", "").replace('.', '/') + ".class";
                    if (entry.getName().startsWith("META-INF/services/") && zip.getEntry(service) != null
                            || entry.getName().endsWith("execution.interceptors")) {
                        for (String name : listed(zip, entry)) {
                            if (zip.getEntry(name.replace('.', '/') + ".class") == null) {
                                missing.add(entry.getName() + ": " + name);
                            }
                        }
                    }
                }
                assertEquals(List.of(), missing, jar.toString());
            }
        }
    }

    /**
     * Minimized: a jar holds what its handler's code reaches. The dashboard's handler serves files and never calls
     * DynamoDB, whose client the shared adapters bring (1,498 classes before minimizeJar).
     */
    @Test
    void aJarHoldsOnlyTheClassesItsHandlerReaches() throws IOException {
        try (ZipFile dashboard = new ZipFile(HandlerJars.jar(TEMPLATE, "DashboardFunction").toFile());
             ZipFile query = new ZipFile(HandlerJars.jar(TEMPLATE, "QueryFunction").toFile())) {
            String client = "software/amazon/awssdk/services/dynamodb/DynamoDbClient.class";
            assertNull(dashboard.getEntry(client));
            assertNotNull(query.getEntry(client));
        }
    }

    /** The classes loaded by the end of each first invocation, and the jar's size, for BENCHMARKS.md. */
    private static void print(HandlerJars.Answer answer) throws IOException {
        System.out.printf("| %s | %s | %.2f | %d |%n", answer.logicalId(), answer.jar(),
                Files.size(HandlerJars.jar(TEMPLATE, answer.logicalId())) / (1024.0 * 1024.0), answer.classes());
    }

    private static List<String> listed(ZipFile zip, ZipEntry entry) throws IOException {
        try (InputStream in = zip.getInputStream(entry)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(line -> line.replaceAll("#.*", "").strip()).filter(line -> !line.isEmpty()).toList();
        }
    }

    private static JsonNode body(JsonNode response, int status) throws IOException {
        assertEquals(status, response.path("statusCode").asInt(), response.toString());
        return Json.mapper().readTree(response.path("body").asText());
    }
}
