package io.leadscore.aws.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.leadscore.support.Json;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Lambda's events and answers as JSON, read and written with the project's mapper ({@link Json}): what the runtime's
 * own serializer did for typed handlers, at a fraction of its cold cost. Events are read from the tree by hand, field
 * by field, so no reflection builds a deserializer and Joda-Time is never touched (an EventBridge event's and an S3
 * record's time are left unset: no handler reads them). Answers are written with the names Lambda and API Gateway
 * read.
 */
public final class LambdaJson {
    /**
     * Lambda's own limits (a 6 MB payload) rather than {@link Json}'s for posted bodies: an event nests the request
     * body, or a stream's item images, inside its own JSON.
     */
    private static final JsonFactory EVENTS = JsonFactory.builder().streamReadConstraints(StreamReadConstraints
            .builder().maxStringLength(6 * 1024 * 1024).maxNestingDepth(64).build()).build();
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };
    private static final ObjectWriter WRITER = Json.mapper().writer().without(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private LambdaJson() {
    }

    /** The event of type {@code type} in {@code input}. */
    @SuppressWarnings("unchecked")
    public static <I> I read(InputStream input, Class<I> type) throws IOException {
        JsonNode event = tree(input);
        if (type == APIGatewayV2HTTPEvent.class) {
            return (I) http(event);
        } else if (type == DynamodbEvent.class) {
            return (I) dynamodb(event);
        } else if (type == SQSEvent.class) {
            return (I) sqs(event);
        } else if (type == ScheduledEvent.class) {
            return (I) eventBridge(event);
        } else if (type == S3Event.class) {
            return (I) s3(event);
        } else if (type == Map.class) {
            return (I) Json.mapper().convertValue(event, OBJECT);
        }
        throw new IllegalArgumentException("no reader for events of type " + type.getName());
    }

    /**
     * A payload as Lambda takes it, under Lambda's limits: an event, or a function's answer (which the local runtime
     * reads back as Lambda's runtime would pass it on; an API answer's body may be far longer than a posted field).
     */
    public static JsonNode tree(InputStream payload) throws IOException {
        try (JsonParser parser = EVENTS.createParser(payload)) {
            return Json.mapper().readTree(parser);
        }
    }

    /**
     * Reads a small event of every type and writes an answer of every kind, for SnapStart's priming: the tree parser,
     * the event classes and the writer are then loaded and initialised in the snapshot.
     */
    static void prime() throws IOException {
        String record = "{\"eventID\":\"1\",\"messageId\":\"1\",\"body\":\"{}\",\"s3\":{\"bucket\":{\"name\":\"b\"},"
                + "\"object\":{\"key\":\"k\",\"size\":1}},\"dynamodb\":{\"SequenceNumber\":\"1\","
                + "\"ApproximateCreationDateTime\":1.0,\"StreamViewType\":\"NEW_IMAGE\",\"Keys\":{\"pk\":{\"S\":\"p\"}},"
                + "\"NewImage\":{\"n\":{\"N\":\"1\"},\"m\":{\"M\":{\"l\":{\"L\":[{\"BOOL\":true},{\"NULL\":true}]}}}}}}";
        byte[] event = ("{\"Records\":[" + record + "],\"requestContext\":{\"http\":{\"method\":\"GET\"},"
                + "\"authorizer\":{\"iam\":{\"userArn\":\"a\"}}},\"headers\":{\"h\":\"v\"},\"body\":\"{}\","
                + "\"detail-type\":\"Primed\",\"detail\":{\"n\":1.5}}").getBytes(StandardCharsets.UTF_8);
        OutputStream nowhere = OutputStream.nullOutputStream();
        for (Class<?> type : List.of(APIGatewayV2HTTPEvent.class, DynamodbEvent.class, SQSEvent.class,
                ScheduledEvent.class, S3Event.class, Map.class)) {
            read(new ByteArrayInputStream(event), type);
        }
        write(APIGatewayV2HTTPResponse.builder().withStatusCode(200).withHeaders(Map.of("h", "v")).withBody("{}")
                .build(), nowhere);
        write(new StreamsEventResponse(List.of(new StreamsEventResponse.BatchItemFailure("1"))), nowhere);
        write(new SQSBatchResponse(List.of(new SQSBatchResponse.BatchItemFailure("1"))), nowhere);
        write(Map.of("primed", 1), nowhere);
    }

    /** Writes {@code answer} as Lambda expects it: an API Gateway response, a batch's failures, or any value. */
    public static void write(Object answer, OutputStream output) throws IOException {
        Object json = answer;
        if (answer instanceof APIGatewayV2HTTPResponse response) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("statusCode", response.getStatusCode());
            putPresent(fields, "headers", response.getHeaders());
            putPresent(fields, "multiValueHeaders", response.getMultiValueHeaders());
            putPresent(fields, "cookies", response.getCookies());
            putPresent(fields, "body", response.getBody());
            fields.put("isBase64Encoded", response.getIsBase64Encoded());
            json = fields;
        } else if (answer instanceof StreamsEventResponse response) {
            json = failures(response.getBatchItemFailures(), StreamsEventResponse.BatchItemFailure::getItemIdentifier);
        } else if (answer instanceof SQSBatchResponse response) {
            json = failures(response.getBatchItemFailures(), SQSBatchResponse.BatchItemFailure::getItemIdentifier);
        }
        WRITER.writeValue(output, json);
    }

    private static <F> Map<String, Object> failures(List<F> failures, Function<F, String> identifier) {
        List<Map<String, String>> items = new ArrayList<>();
        if (failures != null) {
            failures.forEach(failure -> items.add(Map.of("itemIdentifier", identifier.apply(failure))));
        }
        return Map.of("batchItemFailures", items);
    }

    private static void putPresent(Map<String, Object> fields, String name, Object value) {
        if (value != null) {
            fields.put(name, value);
        }
    }

    private static APIGatewayV2HTTPEvent http(JsonNode event) {
        JsonNode context = event.path("requestContext");
        JsonNode http = context.path("http");
        JsonNode iam = context.path("authorizer").path("iam");
        return APIGatewayV2HTTPEvent.builder()
                .withVersion(text(event, "version")).withRouteKey(text(event, "routeKey"))
                .withRawPath(text(event, "rawPath")).withRawQueryString(text(event, "rawQueryString"))
                .withCookies(strings(event.get("cookies"))).withHeaders(textMap(event.get("headers")))
                .withQueryStringParameters(textMap(event.get("queryStringParameters")))
                .withPathParameters(textMap(event.get("pathParameters")))
                .withStageVariables(textMap(event.get("stageVariables")))
                .withBody(text(event, "body")).withIsBase64Encoded(event.path("isBase64Encoded").asBoolean())
                .withRequestContext(context.isObject() ? APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withRouteKey(text(context, "routeKey")).withAccountId(text(context, "accountId"))
                        .withStage(text(context, "stage")).withApiId(text(context, "apiId"))
                        .withDomainName(text(context, "domainName")).withDomainPrefix(text(context, "domainPrefix"))
                        .withTime(text(context, "time")).withTimeEpoch(context.path("timeEpoch").asLong())
                        .withRequestId(text(context, "requestId"))
                        .withHttp(http.isObject() ? APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod(text(http, "method")).withPath(text(http, "path"))
                                .withProtocol(text(http, "protocol")).withSourceIp(text(http, "sourceIp"))
                                .withUserAgent(text(http, "userAgent")).build() : null)
                        .withAuthorizer(iam.isObject() ? APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                                .withIam(APIGatewayV2HTTPEvent.RequestContext.IAM.builder()
                                        .withAccessKey(text(iam, "accessKey")).withAccountId(text(iam, "accountId"))
                                        .withCallerId(text(iam, "callerId"))
                                        .withPrincipalOrgId(text(iam, "principalOrgId"))
                                        .withUserArn(text(iam, "userArn")).withUserId(text(iam, "userId")).build())
                                .build() : null)
                        .build() : null)
                .build();
    }

    private static DynamodbEvent dynamodb(JsonNode event) {
        List<DynamodbEvent.DynamodbStreamRecord> records = new ArrayList<>();
        for (JsonNode node : event.path("Records")) {
            DynamodbEvent.DynamodbStreamRecord record = new DynamodbEvent.DynamodbStreamRecord();
            record.setEventID(text(node, "eventID"));
            record.setEventName(text(node, "eventName"));
            record.setEventVersion(text(node, "eventVersion"));
            record.setEventSource(text(node, "eventSource"));
            record.setAwsRegion(text(node, "awsRegion"));
            record.setEventSourceARN(text(node, "eventSourceARN"));
            JsonNode change = node.get("dynamodb");
            if (change != null && change.isObject()) {
                StreamRecord stream = new StreamRecord();
                JsonNode created = change.get("ApproximateCreationDateTime");
                if (created != null && created.isNumber()) {
                    // Epoch seconds, as the runtime's serializer reads them.
                    stream.setApproximateCreationDateTime(new Date((long) (created.asDouble() * 1000)));
                }
                stream.setKeys(image(change.get("Keys")));
                stream.setNewImage(image(change.get("NewImage")));
                stream.setOldImage(image(change.get("OldImage")));
                stream.setSequenceNumber(text(change, "SequenceNumber"));
                stream.setSizeBytes(change.has("SizeBytes") ? change.get("SizeBytes").asLong() : null);
                String viewType = text(change, "StreamViewType");
                stream.setStreamViewType(viewType == null ? null : StreamViewType.fromValue(viewType));
                record.setDynamodb(stream);
            }
            records.add(record);
        }
        DynamodbEvent dynamodb = new DynamodbEvent();
        dynamodb.setRecords(records);
        return dynamodb;
    }

    private static Map<String, AttributeValue> image(JsonNode image) {
        if (image == null || !image.isObject()) {
            return null;
        }
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        image.fields().forEachRemaining(field -> values.put(field.getKey(), attribute(field.getValue())));
        return values;
    }

    /** One attribute in DynamoDB's JSON: {"S": "text"}, {"N": "1"}, {"M": {...}}, {"L": [...]} and the rest. */
    private static AttributeValue attribute(JsonNode node) {
        AttributeValue value = new AttributeValue();
        if (node.has("S")) {
            value.setS(node.get("S").asText());
        } else if (node.has("N")) {
            value.setN(node.get("N").asText());
        } else if (node.has("BOOL")) {
            value.setBOOL(node.get("BOOL").asBoolean());
        } else if (node.has("NULL")) {
            value.setNULL(node.get("NULL").asBoolean());
        } else if (node.has("M")) {
            value.setM(image(node.get("M")));
        } else if (node.has("L")) {
            List<AttributeValue> list = new ArrayList<>();
            node.get("L").forEach(element -> list.add(attribute(element)));
            value.setL(list);
        } else if (node.has("SS")) {
            value.setSS(strings(node.get("SS")));
        } else if (node.has("NS")) {
            value.setNS(strings(node.get("NS")));
        } else if (node.has("B")) {
            value.setB(bytes(node.get("B")));
        } else if (node.has("BS")) {
            List<ByteBuffer> set = new ArrayList<>();
            node.get("BS").forEach(element -> set.add(bytes(element)));
            value.setBS(set);
        } else {
            throw new IllegalArgumentException("not a DynamoDB attribute value: " + node);
        }
        return value;
    }

    private static ByteBuffer bytes(JsonNode base64) {
        return ByteBuffer.wrap(Base64.getDecoder().decode(base64.asText()));
    }

    private static SQSEvent sqs(JsonNode event) {
        List<SQSEvent.SQSMessage> messages = new ArrayList<>();
        for (JsonNode node : event.path("Records")) {
            SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
            message.setMessageId(text(node, "messageId"));
            message.setReceiptHandle(text(node, "receiptHandle"));
            message.setBody(text(node, "body"));
            message.setMd5OfBody(text(node, "md5OfBody"));
            message.setMd5OfMessageAttributes(text(node, "md5OfMessageAttributes"));
            message.setEventSource(text(node, "eventSource"));
            message.setEventSourceArn(text(node, "eventSourceARN"));
            message.setAwsRegion(text(node, "awsRegion"));
            message.setAttributes(textMap(node.get("attributes")));
            messages.add(message);
        }
        SQSEvent sqs = new SQSEvent();
        sqs.setRecords(messages);
        return sqs;
    }

    private static ScheduledEvent eventBridge(JsonNode event) {
        ScheduledEvent scheduled = new ScheduledEvent();
        scheduled.setVersion(text(event, "version"));
        scheduled.setId(text(event, "id"));
        scheduled.setDetailType(text(event, "detail-type"));
        scheduled.setSource(text(event, "source"));
        scheduled.setAccount(text(event, "account"));
        scheduled.setRegion(text(event, "region"));
        scheduled.setResources(strings(event.get("resources")));
        JsonNode detail = event.get("detail");
        scheduled.setDetail(detail == null || !detail.isObject() ? null : Json.mapper().convertValue(detail, OBJECT));
        return scheduled;
    }

    private static S3Event s3(JsonNode event) {
        List<S3EventNotification.S3EventNotificationRecord> records = new ArrayList<>();
        for (JsonNode node : event.path("Records")) {
            JsonNode s3 = node.path("s3");
            JsonNode bucket = s3.path("bucket");
            JsonNode object = s3.path("object");
            records.add(new S3EventNotification.S3EventNotificationRecord(text(node, "awsRegion"),
                    text(node, "eventName"), text(node, "eventSource"), null, text(node, "eventVersion"), null, null,
                    new S3EventNotification.S3Entity(text(s3, "configurationId"),
                            new S3EventNotification.S3BucketEntity(text(bucket, "name"), null, text(bucket, "arn")),
                            new S3EventNotification.S3ObjectEntity(text(object, "key"),
                                    object.has("size") ? object.get("size").asLong() : null, text(object, "eTag"),
                                    text(object, "versionId"), text(object, "sequencer")),
                            text(s3, "s3SchemaVersion")),
                    null));
        }
        return new S3Event(records);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static List<String> strings(JsonNode array) {
        if (array == null || !array.isArray()) {
            return null;
        }
        List<String> strings = new ArrayList<>();
        array.forEach(element -> strings.add(element.asText()));
        return strings;
    }

    private static Map<String, String> textMap(JsonNode object) {
        if (object == null || !object.isObject()) {
            return null;
        }
        Map<String, String> map = new LinkedHashMap<>();
        object.fields().forEachRemaining(field -> map.put(field.getKey(), field.getValue().asText()));
        return map;
    }
}
