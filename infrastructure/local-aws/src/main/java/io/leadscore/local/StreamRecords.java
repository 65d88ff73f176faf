package io.leadscore.local;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;

import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns the records that DynamoDB Streams returns into the records Lambda delivers: as the event model of
 * aws-lambda-java-events for the function, and as JSON for the filter patterns, which Lambda applies to that JSON.
 * DynamoDB Local says its region is {@code ddblocal}; the records say the local region instead, as Lambda would.
 */
public final class StreamRecords {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private StreamRecords() {
    }

    static DynamodbStreamRecord toLambda(Record record, String streamArn) {
        var change = record.dynamodb();
        StreamRecord dynamodb = new StreamRecord()
                .withApproximateCreationDateTime(Date.from(change.approximateCreationDateTime()))
                .withKeys(lambdaImage(change.keys()))
                .withNewImage(change.hasNewImage() ? lambdaImage(change.newImage()) : null)
                .withOldImage(change.hasOldImage() ? lambdaImage(change.oldImage()) : null)
                .withSequenceNumber(change.sequenceNumber())
                .withSizeBytes(change.sizeBytes())
                .withStreamViewType(StreamViewType.valueOf(change.streamViewTypeAsString()));
        DynamodbStreamRecord lambdaRecord = new DynamodbStreamRecord();
        lambdaRecord.setEventID(record.eventID());
        lambdaRecord.setEventName(record.eventNameAsString());
        lambdaRecord.setEventVersion(record.eventVersion());
        lambdaRecord.setEventSource(record.eventSource());
        lambdaRecord.setAwsRegion(LocalAws.REGION.id());
        lambdaRecord.setDynamodb(dynamodb);
        lambdaRecord.setEventSourceARN(streamArn);
        return lambdaRecord;
    }

    static ObjectNode toJson(Record record, String streamArn) {
        var change = record.dynamodb();
        ObjectNode dynamodb = JSON.objectNode()
                .put("ApproximateCreationDateTime", change.approximateCreationDateTime().getEpochSecond())
                .set("Keys", jsonImage(change.keys()));
        if (change.hasNewImage()) {
            dynamodb.set("NewImage", jsonImage(change.newImage()));
        }
        if (change.hasOldImage()) {
            dynamodb.set("OldImage", jsonImage(change.oldImage()));
        }
        dynamodb.put("SequenceNumber", change.sequenceNumber())
                .put("SizeBytes", change.sizeBytes())
                .put("StreamViewType", change.streamViewTypeAsString());
        ObjectNode json = JSON.objectNode()
                .put("eventID", record.eventID())
                .put("eventName", record.eventNameAsString())
                .put("eventVersion", record.eventVersion())
                .put("eventSource", record.eventSource())
                .put("awsRegion", LocalAws.REGION.id());
        json.set("dynamodb", dynamodb);
        return json.put("eventSourceARN", streamArn);
    }

    /** An item as a stream record's image in Lambda's event model (the benchmarks build stream batches with it). */
    public static Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> lambdaImage(
            Map<String, AttributeValue> image) {
        Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> converted = new LinkedHashMap<>();
        image.forEach((name, value) -> converted.put(name, lambdaValue(value)));
        return converted;
    }

    private static com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue lambdaValue(AttributeValue value) {
        var converted = new com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue();
        return switch (value.type()) {
            case S -> converted.withS(value.s());
            case N -> converted.withN(value.n());
            case B -> converted.withB(value.b().asByteBuffer());
            case SS -> converted.withSS(value.ss());
            case NS -> converted.withNS(value.ns());
            case BS -> converted.withBS(value.bs().stream().map(SdkBytes::asByteBuffer).toList());
            case M -> converted.withM(lambdaImage(value.m()));
            case L -> converted.withL(value.l().stream().map(StreamRecords::lambdaValue).toList());
            case BOOL -> converted.withBOOL(value.bool());
            case NUL -> converted.withNULL(value.nul());
            case UNKNOWN_TO_SDK_VERSION -> converted.withM(lambdaImage(emptyMapOrFail(value)));
        };
    }

    private static ObjectNode jsonImage(Map<String, AttributeValue> image) {
        ObjectNode json = JSON.objectNode();
        image.forEach((name, value) -> json.set(name, jsonValue(value)));
        return json;
    }

    /** DynamoDB JSON: {@code {"S": "text"}}, {@code {"N": "12"}}, {@code {"M": {...}}} and so on. */
    private static ObjectNode jsonValue(AttributeValue value) {
        JsonNode converted = switch (value.type()) {
            case S -> JSON.textNode(value.s());
            case N -> JSON.textNode(value.n());
            case B -> JSON.textNode(base64(value.b()));
            case SS -> array(value.ss(), JSON::textNode);
            case NS -> array(value.ns(), JSON::textNode);
            case BS -> array(value.bs(), bytes -> JSON.textNode(base64(bytes)));
            case M -> jsonImage(value.m());
            case L -> array(value.l(), StreamRecords::jsonValue);
            case BOOL -> JSON.booleanNode(value.bool());
            case NUL -> JSON.booleanNode(value.nul());
            case UNKNOWN_TO_SDK_VERSION -> jsonImage(emptyMapOrFail(value));
        };
        String type = switch (value.type()) {
            case NUL -> "NULL";
            case UNKNOWN_TO_SDK_VERSION -> "M";
            default -> value.type().name();
        };
        return JSON.objectNode().set(type, converted);
    }

    /**
     * DynamoDB Local's streams send an empty map without its type (GetItem returns it typed, and so do
     * DynamoDB's own streams): an attribute with no type at all is taken for that empty map.
     */
    private static Map<String, AttributeValue> emptyMapOrFail(AttributeValue value) {
        if (!value.equals(AttributeValue.builder().build())) {
            throw new IllegalArgumentException("unknown attribute type: " + value);
        }
        return Map.of();
    }

    private static <T> ArrayNode array(List<T> values, Function<T, JsonNode> element) {
        ArrayNode array = JSON.arrayNode();
        values.forEach(value -> array.add(element.apply(value)));
        return array;
    }

    private static String base64(SdkBytes bytes) {
        return Base64.getEncoder().encodeToString(bytes.asByteArrayUnsafe());
    }
}
