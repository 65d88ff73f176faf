package io.leadscore.ingest;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.leadscore.aws.dynamodb.LeadTable;
import io.leadscore.aws.dynamodb.ModelSeed;
import io.leadscore.aws.dynamodb.ModelStore;
import io.leadscore.aws.dynamodb.WriteKeyStore;
import io.leadscore.aws.lambda.Environment;
import io.leadscore.local.LocalDynamoDb;
import io.leadscore.local.LocalFunctions;
import io.leadscore.support.Sha256;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.Select;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * A real {@link IngestHandler} on fresh DynamoDB Local tables, with an active and a revoked write key, for tests
 * that throw many requests at it and check what each one left in the table.
 */
final class IngestTestbed {
    static final String WRITE_KEY = "wk_corpus_site";
    static final String REVOKED_WRITE_KEY = "wk_corpus_revoked";
    /** The handler's clock; the corpus dates its events just before it. */
    static final String NOW = "2026-11-23T11:00:00Z";

    /** A valid event that no other request of these tests sends. */
    static String validEvent(String eventId) {
        return "{\"eventId\": \"" + eventId + "\", \"type\": \"page_view\", \"leadId\": \"lead-testbed\","
                + " \"timestamp\": \"2026-11-23T10:00:00Z\", \"properties\": {\"url\": \"https://acme.example/pricing\"}}";
    }

    private final LocalDynamoDb dynamoDb = LocalDynamoDb.shared();
    private final String table = dynamoDb.tableName("LeadScoreTable");
    private final IngestHandler handler;

    IngestTestbed() {
        dynamoDb.freshTables();
        Map<String, String> env = new HashMap<>(LocalFunctions.environment("IngestFunction"));
        env.put("CLOCK_START", NOW);
        handler = new IngestHandler(new Environment(env));
        // As deployed and run once: the model's revision 1 is in the table, so a request stores only its events.
        new ModelStore(dynamoDb.client(), table).seed(env.get("MODEL_ID"), ModelSeed.of(null), Instant.parse(NOW));
        WriteKeyStore keys = new WriteKeyStore(dynamoDb.client(), table, Clock.systemUTC());
        keys.register("corpus-site", WRITE_KEY);
        keys.register("corpus-site", REVOKED_WRITE_KEY);
        revoke(REVOKED_WRITE_KEY);
    }

    /** What an operator's revocation does: the key's record stays, no longer active. */
    private void revoke(String writeKey) {
        dynamoDb.client().updateItem(request -> request.tableName(table)
                .key(Map.of(LeadTable.PK, AttributeValue.fromS("WRITEKEY#" + Sha256.hex(writeKey)),
                        LeadTable.SK, AttributeValue.fromS("WRITEKEY")))
                .updateExpression("SET #status = :revoked")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(":revoked", AttributeValue.fromS("revoked"))));
    }

    APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent request) {
        return handler.handleRequest(request, null);
    }

    /** A POST /v1/events as API Gateway delivers it, with the active write key. */
    static APIGatewayV2HTTPEvent post(String body) {
        return post(new HashMap<>(Map.of("content-type", "application/json", "x-write-key", WRITE_KEY)), body, false);
    }

    static APIGatewayV2HTTPEvent post(Map<String, String> headers, String body, boolean base64) {
        return APIGatewayV2HTTPEvent.builder().withVersion("2.0")
                .withRouteKey("POST /v1/events").withRawPath("/v1/events")
                .withHeaders(headers).withBody(body).withIsBase64Encoded(base64).build();
    }

    /** Every item in the table, whatever its kind: a refused request must leave this unchanged. */
    int storedItems() {
        return dynamoDb.client().scanPaginator(ScanRequest.builder().tableName(table).select(Select.COUNT)
                .consistentRead(true).build()).stream().mapToInt(page -> page.count()).sum();
    }
}
