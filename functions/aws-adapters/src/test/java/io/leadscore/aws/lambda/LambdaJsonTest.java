package io.leadscore.aws.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import io.leadscore.support.Json;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** What the samples in events/ do not show (StreamEntryPointTest compares those with Lambda's own serializer). */
class LambdaJsonTest {

    @Test
    void readsAnEncodedBodyAndTheIamCaller() throws IOException {
        APIGatewayV2HTTPEvent request = read("""
                {"routeKey": "POST /v1/events", "body": "e30=", "isBase64Encoded": true,
                 "headers": {"Content-Type": "application/json"}, "pathParameters": {"leadId": "ada"},
                 "requestContext": {"http": {"method": "post"}, "authorizer": {"iam": {"userArn": "arn:me"}}}}
                """, APIGatewayV2HTTPEvent.class);
        assertEquals("e30=", request.getBody());
        assertEquals(true, request.getIsBase64Encoded());
        assertEquals(Map.of("Content-Type", "application/json"), request.getHeaders());
        assertEquals(Map.of("leadId", "ada"), request.getPathParameters());
        assertEquals("post", request.getRequestContext().getHttp().getMethod());
        assertEquals("arn:me", request.getRequestContext().getAuthorizer().getIam().getUserArn());
        assertNull(request.getQueryStringParameters());
    }

    @Test
    void readsEveryKindOfAttributeOfAStreamImage() throws IOException {
        DynamodbEvent event = read("""
                {"Records": [{"eventName": "INSERT", "dynamodb": {"SequenceNumber": "7", "StreamViewType": "NEW_IMAGE",
                  "ApproximateCreationDateTime": 1796032992.5, "NewImage": {
                    "s": {"S": "x"}, "n": {"N": "1.5"}, "b": {"B": "AQI="}, "ss": {"SS": ["a", "b"]},
                    "ns": {"NS": ["1"]}, "t": {"BOOL": true}, "z": {"NULL": true},
                    "l": {"L": [{"S": "y"}]}, "m": {"M": {"k": {"N": "2"}}}}}}]}
                """, DynamodbEvent.class);
        var record = event.getRecords().get(0);
        Map<String, AttributeValue> image = record.getDynamodb().getNewImage();
        assertEquals("INSERT", record.getEventName());
        assertEquals("7", record.getDynamodb().getSequenceNumber());
        assertEquals(1_796_032_992_500L, record.getDynamodb().getApproximateCreationDateTime().getTime());
        assertEquals("x", image.get("s").getS());
        assertEquals("1.5", image.get("n").getN());
        assertEquals(ByteBuffer.wrap(new byte[] {1, 2}), image.get("b").getB());
        assertEquals(List.of("a", "b"), image.get("ss").getSS());
        assertEquals(List.of("1"), image.get("ns").getNS());
        assertEquals(true, image.get("t").getBOOL());
        assertEquals(true, image.get("z").getNULL());
        assertEquals("y", image.get("l").getL().get(0).getS());
        assertEquals("2", image.get("m").getM().get("k").getN());
    }

    @Test
    void readsAnObjectCreatedRecordAndABusEventWithoutTheirTimes() throws IOException {
        S3Event created = read("""
                {"Records": [{"eventTime": "2026-11-30T10:00:00.000Z", "s3": {"bucket": {"name": "imports"},
                  "object": {"key": "events/my+file.jsonl", "size": 1234}}}]}
                """, S3Event.class);
        assertEquals("imports", created.getRecords().get(0).getS3().getBucket().getName());
        assertEquals("events/my+file.jsonl", created.getRecords().get(0).getS3().getObject().getKey());
        assertEquals(1234L, created.getRecords().get(0).getS3().getObject().getSizeAsLong());

        ScheduledEvent event = read("""
                {"id": "e1", "detail-type": "LeadQualified", "time": "2026-11-30T10:00:00Z",
                 "detail": {"leadId": "ada", "score": 120}}
                """, ScheduledEvent.class);
        assertEquals("LeadQualified", event.getDetailType());
        assertEquals(Map.of("leadId", "ada", "score", 120), event.getDetail());
    }

    @Test
    void writesAnswersWithTheNamesLambdaReads() throws IOException {
        assertEquals(Json.mapper().readTree("""
                {"statusCode": 202, "headers": {"content-type": "text/plain"}, "body": "ok", "isBase64Encoded": false}
                """), written(APIGatewayV2HTTPResponse.builder().withStatusCode(202)
                .withHeaders(Map.of("content-type", "text/plain")).withBody("ok").build()));
        assertEquals(Json.mapper().readTree("{\"batchItemFailures\": [{\"itemIdentifier\": \"m1\"}]}"),
                written(new SQSBatchResponse(List.of(new SQSBatchResponse.BatchItemFailure("m1")))));
    }

    @Test
    void anAnswerLongerThanAPostedFieldIsReadUnderLambdasLimits() throws IOException {
        String body = "x".repeat(Json.MAX_STRING_LENGTH + 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LambdaJson.write(new APIGatewayV2HTTPResponse(200, Map.of(), null, null, body, false), out);

        assertEquals(body, LambdaJson.tree(new ByteArrayInputStream(out.toByteArray())).path("body").asText());
    }

    @Test
    void primingReadsAndWritesEveryKind() {
        assertDoesNotThrow(LambdaJson::prime);
    }

    private static <T> T read(String json, Class<T> type) throws IOException {
        return LambdaJson.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), type);
    }

    private static com.fasterxml.jackson.databind.JsonNode written(Object answer) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LambdaJson.write(answer, out);
        return Json.mapper().readTree(out.toByteArray());
    }
}
