package io.leadscore.bench;

/** What AWS bills an event's path for, each with the id of its price in {@link PriceList}. */
public enum LineItem {
    DYNAMODB_WRITE("DynamoDB write request units", "dynamodb.writeRequestUnit"),
    DYNAMODB_READ("DynamoDB read request units", "dynamodb.readRequestUnit"),
    LAMBDA_REQUESTS("Lambda requests", "lambda.request"),
    /** Priced at the template's architecture: {@code lambda.gbSecond.<architecture>}. */
    LAMBDA_GB_SECONDS("Lambda GB-seconds (measured durations)", "lambda.gbSecond."),
    API_REQUESTS("API Gateway HTTP API requests", "apigateway.httpRequest"),
    EVENTBRIDGE_EVENTS("EventBridge custom events", "eventbridge.customEvent"),
    LOG_GB("CloudWatch Logs ingested, GB", "cloudwatch.logsIngestedGb");

    private final String label;
    private final String priceId;

    LineItem(String label, String priceId) {
        this.label = label;
        this.priceId = priceId;
    }

    public String label() {
        return label;
    }

    /** The price's id in the list, for functions of {@code architecture} (x86_64 or arm64). */
    public String priceId(String architecture) {
        return this == LAMBDA_GB_SECONDS ? priceId + architecture : priceId;
    }
}
