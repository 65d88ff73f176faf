package io.leadscore.admin;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.leadscore.aws.dynamodb.ModelPointer;
import io.leadscore.aws.http.Endpoint;
import io.leadscore.aws.http.HttpApi;
import io.leadscore.aws.http.QueryString;
import io.leadscore.revision.ModelRevision;

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
        Models.Addressed addressed = models.address(request, "a revision", "format");
        String format = QueryString.oneOf(addressed.query(), "format", "json", "yaml");
        ModelPointer pointer = models.pointer(addressed.modelId());
        int number = Models.number(HttpApi.pathParameter(request, "n").orElse(null), "n", pointer);
        ModelRevision revision = models.revision(pointer, number, "n");
        return format.equals("yaml") ? HttpApi.text(200, YAML, revision.yaml())
                : HttpApi.json(200, RevisionViews.Detail.of(revision, pointer));
    }
}
