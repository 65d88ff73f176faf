package io.leadscore.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadscore.local.CloudFormationYaml;
import io.leadscore.local.SamTemplate;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every resource of template.yaml conforms to its type's CloudFormation or SAM schema (AWS's own, copied in
 * src/test/resources/schemas): a property the type does not have, or a value of the wrong type, fails here rather
 * than in the middle of a deploy.
 */
class TemplateSchemasTest {
    private static final JsonNode TEMPLATE = CloudFormationYaml.read(SamTemplate.locate());

    @Test
    void everyResourceConformsToItsTypesSchema() {
        List<String> violations = new ArrayList<>();
        TEMPLATE.path("Resources").fields().forEachRemaining(resource ->
                violations.addAll(ResourceSchemas.violations(resource.getKey(), resource.getValue())));
        violations.addAll(ResourceSchemas.globalsViolations(TEMPLATE.path("Globals").path("Function")));
        assertEquals(List.of(), violations);
    }

    @Test
    void anUnknownPropertyAMistypedValueOrAReadOnlyPropertyIsAViolation() {
        ObjectNode function = resource("IngestFunction");
        ((ObjectNode) function.get("Properties")).put("Timout", 20);
        assertEquals(List.of("IngestFunction $.Properties: property 'Timout' is not defined in the schema and the"
                + " schema does not allow additional properties"), ResourceSchemas.violations("IngestFunction", function));

        ObjectNode table = resource("LeadScoreTable");
        ((ObjectNode) table.get("Properties")).put("BillingMode", 5).put("Arn", "arn:aws:dynamodb:...");
        List<String> tableViolations = ResourceSchemas.violations("LeadScoreTable", table);
        assertEquals(List.of("LeadScoreTable $.Properties.BillingMode: integer found, string expected",
                "LeadScoreTable $.Properties.Arn: is read-only (CloudFormation sets it)"), tableViolations.stream()
                .filter(v -> v.contains("BillingMode") || v.contains("read-only")).toList());

        ObjectNode alarm = resource("IngestFunctionErrorsAlarm");
        ((ObjectNode) alarm.get("Properties")).put("Threshold", "high");
        assertEquals(List.of("IngestFunctionErrorsAlarm $.Properties.Threshold: string found, number expected"),
                ResourceSchemas.violations("IngestFunctionErrorsAlarm", alarm));

        ObjectNode unknownType = resource("NurtureQueue").put("Type", "AWS::SQS::Queues");
        assertEquals(List.of("NurtureQueue: no schema for AWS::SQS::Queues in src/test/resources/schemas (see its README)"),
                ResourceSchemas.violations("NurtureQueue", unknownType));
    }

    @Test
    void aValueWrittenAsAnIntrinsicFunctionIsLeftToCloudFormation() {
        ObjectNode queue = resource("NurtureQueue");
        ((ObjectNode) queue.get("Properties")).putObject("MessageRetentionPeriod").put("Ref", "RetentionSeconds");
        assertEquals(List.of(), ResourceSchemas.violations("NurtureQueue", queue));
    }

    /** A copy of the template's resource, to break. */
    private static ObjectNode resource(String logicalId) {
        return TEMPLATE.path("Resources").path(logicalId).deepCopy();
    }
}
