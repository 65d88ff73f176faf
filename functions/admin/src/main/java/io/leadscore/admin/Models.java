package io.leadscore.admin;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.leadscore.aws.dynamodb.ModelPointer;
import io.leadscore.aws.dynamodb.ModelSeed;
import io.leadscore.aws.dynamodb.ModelStore;
import io.leadscore.aws.http.HttpApi;
import io.leadscore.aws.http.QueryString;
import io.leadscore.aws.http.Refused;
import io.leadscore.revision.ModelRevision;

import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The deployment's model as the admin routes address it: the path's {@code {modelId}} and a revision's number are
 * checked before anything is read, and refused with the parameter named. The deployment scores with one model
 * ({@code MODEL_ID}); another id is a 404, never a read of another partition.
 */
final class Models {
    /** A revision as a request names it: its number, or {@code published}. */
    static final String PUBLISHED = "published";
    private static final Pattern NUMBER = Pattern.compile("[1-9][0-9]{0,5}");

    private final ModelStore store;
    private final String modelId;
    private final Supplier<ModelSeed> seed;
    private final Clock clock;

    Models(ModelStore store, String modelId, Supplier<ModelSeed> seed, Clock clock) {
        this.store = store;
        this.modelId = modelId;
        this.seed = seed;
        this.clock = clock;
    }

    ModelStore store() {
        return store;
    }

    Clock clock() {
        return clock;
    }

    /** What a request to the model's routes addresses: the model, and the query parameters the route takes. */
    record Addressed(String modelId, Map<String, String> query) {
    }

    /**
     * The request's model (the path's {@code {modelId}}, checked) and its query parameters, refused unless among
     * {@code parameters}.
     *
     * @param what what the route serves, for the message: "a comparison"
     */
    Addressed address(APIGatewayV2HTTPEvent request, String what, String... parameters) {
        String named = modelId(request);
        Map<String, String> query = QueryString.of(request);
        QueryString.allowOnly(query, what, Set.of(parameters));
        return new Addressed(named, query);
    }

    /** The path's {@code {modelId}}: the deployment's model. */
    private String modelId(APIGatewayV2HTTPEvent request) {
        String named = HttpApi.pathParameter(request, "modelId").filter(id -> !id.isBlank())
                .orElseThrow(() -> new Refused(400, "missing_model_id", "name the model: /v1/models/{modelId}/...",
                        "modelId"));
        if (!ModelStore.isModelId(named)) {
            throw new Refused(400, "invalid_model_id", "a model id is 1-64 letters, digits, '_' or '-'", "modelId");
        }
        if (!named.equals(modelId)) {
            throw new Refused(404, "model_not_found", "this deployment scores with model '" + modelId
                    + "' (its ModelId parameter), not '" + named + "'", "modelId");
        }
        return named;
    }

    /** The model's pointer; revision 1 is seeded first if no function has done it yet. */
    ModelPointer pointer(String modelId) {
        return store.pointer(modelId).orElseGet(() -> store.seed(modelId, seed.get(), clock.instant()));
    }

    /**
     * A revision's number as a request gives it in {@code field}: digits, or {@code published}; it must be one of
     * the model's revisions.
     */
    static int number(String text, String field, ModelPointer pointer) {
        if (text == null || text.isBlank()) {
            throw new Refused(400, "missing_" + field, "name a revision: its number, or published", field);
        }
        if (text.equals(PUBLISHED)) {
            return pointer.published();
        }
        if (!NUMBER.matcher(text).matches()) {
            throw new Refused(400, "invalid_" + field, "a revision is its number (1 to " + ModelStore.MAX_REVISION
                    + ") or published, not '" + text + "'", field);
        }
        int number = Integer.parseInt(text);
        if (number > pointer.latest()) {
            throw notFound(pointer, number, field);
        }
        return number;
    }

    /** A revision the pointer says exists. */
    ModelRevision revision(ModelPointer pointer, int number, String field) {
        return store.revision(pointer.modelId(), number).orElseThrow(() -> notFound(pointer, number, field));
    }

    static Refused notFound(ModelPointer pointer, int number, String field) {
        return new Refused(404, "revision_not_found", "model '" + pointer.modelId() + "' has revisions 1 to "
                + pointer.latest() + ", not " + number, field);
    }
}
