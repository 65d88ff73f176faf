package io.leadscore.admin;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.leadscore.aws.dynamodb.TrainingRun;
import io.leadscore.aws.dynamodb.TrainingRuns;
import io.leadscore.aws.http.Endpoint;
import io.leadscore.aws.http.HttpApi;
import io.leadscore.aws.http.Refused;
import io.leadscore.model.Prediction;
import io.leadscore.prediction.Criterion;
import io.leadscore.prediction.TrainingRequest;
import io.leadscore.support.Json;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Training runs through the admin API. {@code POST /v1/models/{modelId}/trainings} queues a run against the published
 * revision and answers 202 with its id: the train function carries it out (the admin function never trains), handed
 * the run on the bus as a backtest's segments are. {@code GET /v1/models/{modelId}/trainings/{trainingId}} shows its
 * status and, once done, its report and the draft revision it stored.
 */
final class Trainings {
    static final int MAX_BODY_BYTES = 4 * 1024;
    private static final Set<String> FIELDS = Set.of("label", "horizonDays", "splitAt", "heldOutDays", "criterion",
            "leadsPerWeek");
    private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private Trainings() {
    }

    /** What the POST answers. */
    record Started(String trainingId, String status, int basedOn) {
    }

    /** What the GET answers: the run, its report as the train function stored it. */
    record Shown(String trainingId, String modelId, String status, TrainingRequest request, int basedOn,
                 Instant createdAt, String createdBy, Instant startedAt, Instant finishedAt, Long leads,
                 Integer draft, JsonNode report, String error) {
        static Shown of(TrainingRun run) {
            return new Shown(run.runId(), run.modelId(), run.status(), run.request(), run.baseline(), run.createdAt(),
                    run.createdBy(), run.startedAt(), run.finishedAt(), run.leads(), run.draft(),
                    run.reportJson() == null ? null : Trainings.report(run.reportJson()), run.error());
        }
    }

    private static JsonNode report(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored training report does not read as JSON", e);
        }
    }

    static final class Start implements Endpoint {
        private final Models models;
        private final TrainingRuns runs;

        Start(Models models, TrainingRuns runs) {
            this.models = models;
            this.runs = runs;
        }

        @Override
        public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent request) {
            Models.Addressed addressed = models.address(request, "a training");
            String author = HttpApi.iamCaller(request).orElseThrow();
            TrainingRequest asked = request(HttpApi.body(request).length == 0 ? null
                    : JsonBody.read(request, MAX_BODY_BYTES, "the training's fields", "a training request"));
            Instant now = models.clock().instant();
            checkPlan(asked, now);
            int published = models.pointer(addressed.modelId()).published();
            TrainingRun run;
            try {
                run = runs.queue(addressed.modelId(), published, asked, author, now);
            } catch (TrainingRuns.Busy busy) {
                throw new Refused(409, "training_running", busy.getMessage() + "; one run at a time per model",
                        "modelId");
            }
            String location = "/v1/models/" + run.modelId() + "/trainings/" + run.runId();
            return HttpApi.withHeader(HttpApi.json(202, new Started(run.runId(), run.status(), published)),
                    "location", location);
        }
    }

    static final class Show implements Endpoint {
        private final Models models;
        private final TrainingRuns runs;

        Show(Models models, TrainingRuns runs) {
            this.models = models;
            this.runs = runs;
        }

        @Override
        public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent request) {
            Models.Addressed addressed = models.address(request, "a training");
            String runId = HttpApi.pathParameter(request, "trainingId").orElse("");
            if (!RUN_ID.matcher(runId).matches()) {
                throw new Refused(400, "invalid_training_id", "a training id is 1-64 letters, digits, '_' or '-', as"
                        + " POST /v1/models/{modelId}/trainings answered it", "trainingId");
            }
            TrainingRun run = runs.run(runId).filter(found -> found.modelId().equals(addressed.modelId()))
                    .orElseThrow(() -> new Refused(404, "training_not_found", "no training " + runId + " of model '"
                            + addressed.modelId() + "'", "trainingId"));
            return HttpApi.json(200, Shown.of(run));
        }
    }

    /** The body's fields, each checked; an empty body asks for the defaults. */
    static TrainingRequest request(JsonNode body) {
        if (body == null) {
            return TrainingRequest.defaults();
        }
        if (!body.isObject()) {
            throw new Refused(400, "invalid_body", "the body is a JSON object of the training's fields " + FIELDS,
                    "body");
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new Refused(400, "unknown_field", "a training takes " + FIELDS + ", not " + name, name);
            }
        }
        Prediction.Label label = choice(body, "label", Prediction.Label.class, Prediction.Label.OPPORTUNITY);
        Criterion.Kind criterion = choice(body, "criterion", Criterion.Kind.class, Criterion.Kind.F1);
        int horizonDays = integer(body, "horizonDays", TrainingRequest.DEFAULT_HORIZON_DAYS);
        Integer heldOutDays = body.has("heldOutDays") ? integer(body, "heldOutDays", 0) : null;
        Integer leadsPerWeek = body.has("leadsPerWeek") ? integer(body, "leadsPerWeek", 0) : null;
        Instant splitAt = null;
        if (body.has("splitAt")) {
            try {
                splitAt = Instant.parse(body.get("splitAt").asText());
            } catch (DateTimeParseException e) {
                throw new Refused(400, "invalid_splitAt", "splitAt is an ISO-8601 instant, e.g."
                        + " 2026-09-01T00:00:00Z, not " + body.get("splitAt"), "splitAt");
            }
        }
        try {
            return new TrainingRequest(label, horizonDays, splitAt, heldOutDays, criterion, leadsPerWeek);
        } catch (TrainingRequest.Invalid e) {
            throw new Refused(400, "invalid_" + e.field(), e.getMessage(), e.field());
        }
    }

    /** Whether the request's split leaves held-out moments whose outcome is known now. */
    private static void checkPlan(TrainingRequest request, Instant now) {
        try {
            request.plan(now);
        } catch (TrainingRequest.Invalid e) {
            throw new Refused(400, "invalid_" + e.field(), e.getMessage(), e.field());
        }
    }

    private static <E extends Enum<E>> E choice(JsonNode body, String field, Class<E> type, E otherwise) {
        JsonNode value = body.get(field);
        if (value == null) {
            return otherwise;
        }
        try {
            if (!value.isTextual()) {
                throw new IllegalArgumentException();
            }
            return Enum.valueOf(type, value.asText().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new Refused(400, "invalid_" + field, field + " is one of " + java.util.Arrays.stream(
                    type.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT)).toList() + ", not "
                    + value, field);
        }
    }

    private static int integer(JsonNode body, String field, int otherwise) {
        JsonNode value = body.get(field);
        if (value == null) {
            return otherwise;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber()) {
            throw new Refused(400, "invalid_" + field, field + " is a whole number, not " + value, field);
        }
        return value.intValue();
    }
}
