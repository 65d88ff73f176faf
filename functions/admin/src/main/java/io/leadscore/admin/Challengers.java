package io.leadscore.admin;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.leadscore.aws.dynamodb.ChallengeStore;
import io.leadscore.aws.dynamodb.CountStore;
import io.leadscore.aws.dynamodb.ModelPointer;
import io.leadscore.aws.http.Endpoint;
import io.leadscore.aws.http.HttpApi;
import io.leadscore.aws.http.Refused;
import io.leadscore.challenger.Challenge;
import io.leadscore.challenger.ChallengerReport;
import io.leadscore.report.ReportPeriod;
import org.apache.commons.math3.distribution.NormalDistribution;

import java.time.Instant;
import java.util.Iterator;
import java.util.Map;

/**
 * The model's challenger ({@code /v1/models/{modelId}/challenger}): PUT {@code {"revision": n}} starts scoring a stored
 * revision in shadow beside the published one (201 with the challenge); DELETE stops it (200); GET compares the two
 * over the challenge's period or {@code ?from=&to=} ({@link ChallengerReport}). One challenger at a time (409
 * {@code challenger_running}); never the published revision (409 {@code revision_published}). Publishing the
 * challenger's revision promotes it ({@link PublishRevision}); an ended challenge's report stays readable.
 */
final class Challengers {
    private static final int MAX_BODY_BYTES = 1024;
    /** A start and a draft or publish at once move the pointer: this many reads at most. */
    private static final int ATTEMPTS = 5;
    private static final NormalDistribution NORMAL = new NormalDistribution();

    private final Models models;
    private final ChallengeStore challenges;
    private final CountStore counters;

    Challengers(Models models, ChallengeStore challenges, CountStore counters) {
        this.models = models;
        this.challenges = challenges;
        this.counters = counters;
    }

    /** The routes, keyed as the template writes them. */
    Map<String, Endpoint> routes() {
        return Map.of("PUT /v1/models/{modelId}/challenger", this::start,
                "DELETE /v1/models/{modelId}/challenger", this::stop,
                "GET /v1/models/{modelId}/challenger", this::report);
    }

    private APIGatewayV2HTTPResponse start(APIGatewayV2HTTPEvent request) {
        String modelId = models.address(request, "a challenger").modelId();
        String revisionText = revision(JsonBody.read(request, MAX_BODY_BYTES, "the challenger: {\"revision\": n}",
                "a challenger"));
        String author = HttpApi.iamCaller(request).orElseThrow();
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            ModelPointer pointer = models.pointer(modelId);
            int number = Models.number(revisionText, "revision", pointer);
            models.revision(pointer, number, "revision");
            if (number == pointer.published()) {
                throw new Refused(409, "revision_published", "revision " + number + " is published: it is the"
                        + " champion, and a challenger is another stored revision", "revision");
            }
            Challenge challenge = new Challenge(modelId, number, models.clock().instant(), author, null, false);
            try {
                challenges.start(pointer, challenge);
                return HttpApi.json(201, challenge);
            } catch (ChallengeStore.NotStarted notStarted) {
                if (!notStarted.pointerMoved()) {
                    Challenge running = challenges.challenge(modelId).orElseThrow();
                    throw new Refused(409, "challenger_running", "revision " + running.revision() + " challenges"
                            + " since " + running.startedAt() + ": stop it first (DELETE)", "revision");
                }
            }
        }
        throw new Refused(409, "model_changing", "model '" + modelId + "' kept changing (drafts or publishes at the"
                + " same time); try again", "revision");
    }

    /** The body's {@code revision}, as text for {@link Models#number}; any other field is refused by name. */
    private static String revision(JsonNode body) {
        if (!body.isObject()) {
            throw new Refused(400, "invalid_body", "the body is a JSON object: {\"revision\": n}", "body");
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("revision")) {
                throw new Refused(400, "unknown_field", "a challenger has only a revision, not '" + name + "'", name);
            }
        }
        JsonNode revision = body.get("revision");
        if (revision == null || revision.isNull()) {
            throw new Refused(400, "missing_revision", "name the revision to challenge: {\"revision\": n}", "revision");
        }
        if (!revision.isIntegralNumber() && !revision.isTextual()) {
            throw new Refused(400, "invalid_revision", "a revision is its number, not " + revision, "revision");
        }
        return revision.asText();
    }

    private APIGatewayV2HTTPResponse stop(APIGatewayV2HTTPEvent request) {
        String modelId = models.address(request, "a challenger").modelId();
        Challenge running = challenges.challenge(modelId).filter(Challenge::running).orElseThrow(() ->
                new Refused(404, "no_challenger", "model '" + modelId + "' has no challenger running", "modelId"));
        Instant now = models.clock().instant();
        if (!challenges.stop(running, now)) {
            throw new Refused(409, "challenger_changed", "the challenger ended meanwhile (stopped, or promoted)",
                    "modelId");
        }
        return HttpApi.json(200, running.ended(now, false));
    }

    private APIGatewayV2HTTPResponse report(APIGatewayV2HTTPEvent request) {
        Models.Addressed addressed = models.address(request, "the challenger report", "from", "to");
        Challenge challenge = challenges.challenge(addressed.modelId()).orElseThrow(() -> new Refused(404,
                "no_challenger", "model '" + addressed.modelId() + "' has never had a challenger", "modelId"));
        ReportPeriod period;
        try {
            period = ReportPeriod.parse(addressed.query().get("from"), addressed.query().get("to"),
                    ChallengerReport.defaultPeriod(challenge, models.clock().instant()));
        } catch (ReportPeriod.Invalid invalid) {
            String field = invalid.error().field();
            throw new Refused(400, "invalid_" + field, field + " " + invalid.error().problem(), field);
        }
        int champion = models.pointer(addressed.modelId()).published();
        return HttpApi.json(200, ChallengerReport.of(counters, challenge, champion, period, NORMAL::cumulativeProbability));
    }
}
