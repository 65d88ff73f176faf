package io.leadscore.admin;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.leadscore.aws.dynamodb.ModelPointer;
import io.leadscore.aws.http.Endpoint;
import io.leadscore.aws.http.HttpApi;
import io.leadscore.aws.http.QueryString;
import io.leadscore.aws.http.Refused;
import io.leadscore.revision.ModelRevision;

import java.util.Map;
import java.util.Set;

/**
 * GET /v1/models/{modelId}/revisions/{n} ({@code n} a number or {@code published}): the revision with its notes and
 * YAML as JSON, or with {@code ?format=yaml} the YAML alone, exactly as stored (what an export gives back).
 */
final class ShowRevision implements Endpoint {
    static final String YAML = "application/yaml";

    private final Models models;

    ShowRevision(Models models) {
        this.models = models;
    }

    @Override
    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent request) {
        String modelId = models.modelId(request);
        Map<String, String> query = QueryString.of(request);
        QueryString.allowOnly(query, "a revision", Set.of("format"));
        String format = query.getOrDefault("format", "json");
        if (!format.equals("json") && !format.equals("yaml")) {
            throw new Refused(400, "invalid_format", "format is json (the default) or yaml", "format");
        }
        ModelPointer pointer = models.pointer(modelId);
        int number = Models.number(HttpApi.pathParameter(request, "n").orElse(null), "n", pointer);
        ModelRevision revision = models.revision(pointer, number, "n");
        return format.equals("yaml") ? HttpApi.text(200, YAML, revision.yaml())
                : HttpApi.json(200, RevisionViews.Detail.of(revision, pointer));
    }
}
