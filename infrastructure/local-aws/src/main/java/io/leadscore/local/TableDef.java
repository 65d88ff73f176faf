package io.leadscore.local;

import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

import java.util.List;
import java.util.Optional;

/**
 * An {@code AWS::DynamoDB::Table} of the template, in the SDK's terms.
 *
 * @param billingMode  as declared (CloudFormation's default is PROVISIONED); local tables are always on demand
 * @param ttlAttribute the time-to-live attribute, when TTL is enabled
 */
public record TableDef(String logicalId, List<AttributeDefinition> attributeDefinitions,
                       List<KeySchemaElement> keySchema, List<GlobalSecondaryIndex> globalSecondaryIndexes,
                       List<LocalSecondaryIndex> localSecondaryIndexes, Optional<StreamViewType> streamViewType,
                       BillingMode billingMode, Optional<String> ttlAttribute) {

    public static final String RESOURCE_TYPE = "AWS::DynamoDB::Table";

    public TableDef {
        attributeDefinitions = List.copyOf(attributeDefinitions);
        keySchema = List.copyOf(keySchema);
        globalSecondaryIndexes = List.copyOf(globalSecondaryIndexes);
        localSecondaryIndexes = List.copyOf(localSecondaryIndexes);
    }

    /** The table under another name, on demand (capacity means nothing locally), with its stream if it has one. */
    public CreateTableRequest toCreateTableRequest(String tableName) {
        return CreateTableRequest.builder()
                .tableName(tableName)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attributeDefinitions)
                .keySchema(keySchema)
                .globalSecondaryIndexes(absentIfEmpty(globalSecondaryIndexes))
                .localSecondaryIndexes(absentIfEmpty(localSecondaryIndexes))
                .streamSpecification(stream -> stream.streamEnabled(streamViewType.isPresent())
                        .streamViewType(streamViewType.orElse(null)))
                .build();
    }

    static TableDef parse(String logicalId, TemplateNode properties) {
        List<AttributeDefinition> attributes = properties.required("AttributeDefinitions").elements().stream()
                .map(attribute -> AttributeDefinition.builder()
                        .attributeName(attribute.required("AttributeName").text())
                        .attributeType(attribute.required("AttributeType").enumValue(ScalarAttributeType.class))
                        .build())
                .toList();
        TemplateNode stream = properties.get("StreamSpecification");
        TemplateNode ttl = properties.get("TimeToLiveSpecification");
        return new TableDef(logicalId, attributes, keySchema(properties),
                indexes(properties.get("GlobalSecondaryIndexes"), (name, keys, projection) -> GlobalSecondaryIndex.builder()
                        .indexName(name).keySchema(keys).projection(projection).build()),
                indexes(properties.get("LocalSecondaryIndexes"), (name, keys, projection) -> LocalSecondaryIndex.builder()
                        .indexName(name).keySchema(keys).projection(projection).build()),
                stream.isMissing() ? Optional.empty()
                        : Optional.of(stream.required("StreamViewType").enumValue(StreamViewType.class)),
                properties.get("BillingMode").enumValue(BillingMode.class, BillingMode.PROVISIONED),
                ttl.get("Enabled").bool(false) ? Optional.of(ttl.required("AttributeName").text()) : Optional.empty());
    }

    private static List<KeySchemaElement> keySchema(TemplateNode owner) {
        return owner.required("KeySchema").elements().stream()
                .map(key -> KeySchemaElement.builder()
                        .attributeName(key.required("AttributeName").text())
                        .keyType(key.required("KeyType").enumValue(KeyType.class))
                        .build())
                .toList();
    }

    private static <T> List<T> indexes(TemplateNode indexes, IndexBuilder<T> builder) {
        return indexes.elements().stream()
                .map(index -> builder.build(index.required("IndexName").text(), keySchema(index),
                        projection(index.required("Projection"))))
                .toList();
    }

    private static Projection projection(TemplateNode projection) {
        return Projection.builder()
                .projectionType(projection.get("ProjectionType").enumValue(ProjectionType.class, ProjectionType.KEYS_ONLY))
                .nonKeyAttributes(absentIfEmpty(projection.get("NonKeyAttributes").elements().stream().map(TemplateNode::text).toList()))
                .build();
    }

    /** The SDK sends an empty list as {@code []}, which DynamoDB rejects where it expects none or some. */
    private static <T> List<T> absentIfEmpty(List<T> list) {
        return list.isEmpty() ? null : list;
    }

    /** Global and local indexes are declared alike but are different SDK types. */
    private interface IndexBuilder<T> {
        T build(String name, List<KeySchemaElement> keySchema, Projection projection);
    }
}
