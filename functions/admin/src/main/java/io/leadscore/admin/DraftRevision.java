package io.leadscore.admin;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.leadscore.aws.dynamodb.ModelPointer;
import io.leadscore.aws.dynamodb.ModelStore;
import io.leadscore.aws.http.ApiError;
import io.leadscore.aws.http.Endpoint;
import io.leadscore.aws.http.HttpApi;
import io.leadscore.aws.http.Refused;
import io.leadscore.model.ModelException;
import io.leadscore.revision.ModelRevision;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * POST /v1/models/{modelId}/revisions: a new revision, under the model's next number. Its YAML is the body
 * ({@code content-type: application/yaml}), or with an empty body and {@code ?from=<n>|published} a copy of that
 * revision's (a draft to change by a later POST, or the revision to publish again after a rollback). The YAML is
 * checked whole by the strict loader: a refused model is a 400 listing every problem with its place, and nothing is
 * stored. Notes come from the YAML, or from the {@code x-notes} header, which wins. The author is the IAM caller.
 * Answers 201 with the number, the revision's address in {@code location}, and warnings (a {@code version:} the
 * revision number overrides).
 */
final class DraftRevision implements Endpoint {
    static final String NOTES_HEADER = "x-notes";
    /** What a YAML body may be sent as; curl's default form encoding is not among them. */
    private static final Set<String> YAML_TYPES = Set.of("application/yaml", "application/x-yaml", "text/yaml",
            "text/x-yaml", "text/plain");

    private final Models models;

    DraftRevision(Models models) {
        this.models = models;
    }

    /** The YAML to store and where it came from: a copied revision's number, or null for an upload. */
    private record Source(String yaml, Integer basedOn) {
    }

    @Override
    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent request) {
        Models.Addressed addressed = models.address(request, "a draft", "from");
        String modelId = addressed.modelId();
        Map<String, String> query = addressed.query();
        String author = HttpApi.iamCaller(request).orElseThrow();
        String notes = HttpApi.header(request, NOTES_HEADER).orElse(null);
        Source source = source(request, query.get("from"), models.pointer(modelId));
        Instant now = models.clock().instant();
        ModelRevision drafted;
        try {
            drafted = models.store().draft(modelId,
                    number -> ModelRevision.draft(modelId, number, source.yaml(), author, now, notes, source.basedOn()));
        } catch (ModelException e) {
            throw new Refused(400, new ApiError("invalid_model", "the model has " + e.problems().size()
                    + (e.problems().size() == 1 ? " problem" : " problems") + "; nothing was stored", "body",
                    problems(e)));
        } catch (ModelStore.OutOfBounds e) {
            throw new Refused(400, "revision_too_large", e.getMessage(),
                    e.field().equals("notes") ? NOTES_HEADER : "body");
        }
        String location = "/v1/models/" + modelId + "/revisions/" + drafted.number();
        return HttpApi.withHeader(HttpApi.json(201, new RevisionViews.Drafted(modelId, drafted.number(),
                drafted.warnings())), "location", location);
    }

    /** The body's YAML, or the copied revision's: one of them, never both. */
    private Source source(APIGatewayV2HTTPEvent request, String from, ModelPointer pointer) {
        byte[] body = HttpApi.body(request);
        if (from != null) {
            if (body.length > 0) {
                throw new Refused(400, "ambiguous_source", "send a YAML body or ?from= to copy a revision, not both",
                        "from");
            }
            int number = Models.number(from, "from", pointer);
            return new Source(models.revision(pointer, number, "from").yaml(), number);
        }
        if (body.length == 0) {
            throw new Refused(400, "missing_body", "send the model's YAML as the body (content-type:"
                    + " application/yaml), or ?from=<n>|published to copy a revision", "body");
        }
        HttpApi.header(request, "content-type").map(DraftRevision::mediaType).filter(type -> !YAML_TYPES.contains(type))
                .ifPresent(type -> {
                    throw new Refused(415, "unsupported_media_type", "the body is a model's YAML: send it as"
                            + " application/yaml, not " + type, "content-type");
                });
        if (body.length > ModelStore.MAX_YAML_BYTES) {
            throw new Refused(413, "body_too_large", "a model's YAML is at most " + ModelStore.MAX_YAML_BYTES
                    + " bytes (256 KB), not " + body.length, "body");
        }
        try {
            return new Source(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString(), null);
        } catch (CharacterCodingException e) {
            throw new Refused(400, "invalid_encoding", "the YAML must be UTF-8", "body");
        }
    }

    private static String mediaType(String contentType) {
        int parameters = contentType.indexOf(';');
        return (parameters < 0 ? contentType : contentType.substring(0, parameters)).strip().toLowerCase(Locale.ROOT);
    }

    /**
     * The loader's problems with their places: it writes each as {@code <place>: <problem>}, the place a path such as
     * {@code rules[2].points}; a problem of the whole text (YAML that does not parse) has no place but the root.
     */
    static List<ApiError.Problem> problems(ModelException e) {
        return e.problems().stream().map(problem -> {
            int colon = problem.indexOf(": ");
            String place = colon < 0 ? "" : problem.substring(0, colon);
            return place.isEmpty() || place.chars().anyMatch(Character::isWhitespace)
                    ? new ApiError.Problem("(root)", problem)
                    : new ApiError.Problem(place, problem.substring(colon + 2));
        }).toList();
    }
}
