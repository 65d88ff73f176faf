package io.leadscore.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SamTemplateTest {

    private static final SamTemplate TEMPLATE = SamTemplate.load(SamTemplate.locate());

    @TempDir
    Path directory;

    @Test
    void locatesTheTemplateOfTheRepositoryAboveTheModule() {
        Path repository = Path.of("").toAbsolutePath().getParent().getParent();
        assertEquals(repository.resolve("template.yaml"), SamTemplate.locate());
    }

    @Test
    void readsTheHandlersAndTimeoutsOfTheFunctions() {
        List<String> functions = TEMPLATE.functions().stream().map(FunctionDef::logicalId).toList();
        assertTrue(functions.containsAll(List.of("IngestFunction", "PublishFunction", "NotifyFunction", "ScoreFunction",
                "QueryFunction")), functions.toString());
        for (FunctionDef function : TEMPLATE.functions()) {
            // The module's package (NotifyRetryFunction's handler is in the notify module's jar), the function's name.
            String name = function.logicalId().replace("Function", "");
            assertTrue(function.handlerClass().matches("io\\.leadscore\\.[a-z]+\\." + name + "Handler"), function.handlerClass());
            assertEquals(".", function.codeUri(), "the Makefile's folder, where `sam build` runs build-" + function.logicalId());
            assertEquals("handleRequest", function.handlerMethod());
        }
        assertEquals(20, TEMPLATE.function("IngestFunction").timeoutSeconds(), "the global timeout");
        assertEquals(60, TEMPLATE.function("ScoreFunction").timeoutSeconds(), "its own timeout");
    }

    @Test
    void readsTheHttpRoutes() {
        assertEquals(List.of(new HttpRoute("POST", "/v1/events", false), new HttpRoute("OPTIONS", "/v1/events", false),
                new HttpRoute("GET", "/v1/track.js", false), new HttpRoute("GET", "/v1/openapi.json", false)),
                TEMPLATE.function("IngestFunction").httpRoutes());
        List<HttpRoute> queries = TEMPLATE.function("QueryFunction").httpRoutes();
        assertTrue(queries.contains(new HttpRoute("GET", "/v1/leads/{leadId}", true)), queries.toString());
        assertTrue(queries.stream().allMatch(HttpRoute::iamAuth), "every query needs IAM: " + queries);
        assertEquals(List.of(), TEMPLATE.function("ScoreFunction").httpRoutes());
        assertEquals("POST /v1/events", TEMPLATE.function("IngestFunction").httpRoutes().get(0).routeKey());
    }

    @Test
    void readsTheStreamSourceOfTheScoreFunction() {
        StreamSource expected = new StreamSource("LeadScoreTable", 100,
                List.of("{\"eventName\": [\"INSERT\"], \"dynamodb\": {\"NewImage\": {\"kind\": {\"S\": [\"activity\"]}}}}"), true, 10, "ScoreFailureQueue");
        assertEquals(List.of(expected), TEMPLATE.function("ScoreFunction").streamSources());
        assertEquals(List.of(), TEMPLATE.function("IngestFunction").streamSources());
    }

    @Test
    void readsTheQueueThatFeedsTheRedriveFunction() {
        assertEquals(List.of(new QueueSource("ScoreFailureQueue", 1, true)), TEMPLATE.function("RedriveFunction").queueSources());
        assertEquals("ScoreFailureQueue", TEMPLATE.function("PublishFunction").streamSources().get(0).onFailureQueue());
        assertEquals(List.of(), TEMPLATE.function("ScoreFunction").queueSources());
    }

    @Test
    void readsTheScheduleOfTheDecaySweepWithItsInput() {
        ScheduleSource sweep = TEMPLATE.function("DecayFunction").schedules().get(0);
        assertEquals("Sweep", sweep.name());
        assertEquals(java.time.Duration.ofHours(1), sweep.rate());
        assertEquals("{\"model\": \"default\"}", sweep.input(TEMPLATE.resolver(id -> id)));
        assertEquals(List.of(), TEMPLATE.function("ScoreFunction").schedules());
    }

    @Test
    void readsAScheduleGivenByAParameterAsItsDefault() {
        ScheduleSource audit = TEMPLATE.function("AuditFunction").schedules().get(0);
        assertEquals("WeeklyAudit", audit.name());
        assertEquals("cron(0 6 ? * MON *)", audit.expression());
        assertEquals(null, audit.rate(), "a cron schedule runs on demand locally");
        assertEquals("{\"model\": \"default\"}", audit.input(TEMPLATE.resolver(id -> id)));
        assertEquals("io.leadscore.decay.AuditHandler", TEMPLATE.function("AuditFunction").handlerClass());
    }

    @Test
    void readsTheScheduleOfTheNotificationsRetryWithoutInput() {
        ScheduleSource retry = TEMPLATE.function("NotifyRetryFunction").schedules().get(0);
        assertEquals("Retry", retry.name());
        assertEquals(java.time.Duration.ofMinutes(1), retry.rate());
        assertEquals("{}", retry.input(TEMPLATE.resolver(id -> id)));
        assertEquals("io.leadscore.notify.NotifyRetryHandler", TEMPLATE.function("NotifyRetryFunction").handlerClass());
    }

    @Test
    void readsTheEventRulesOfTheNotifyAndJobsFunctions() {
        EventRuleSource expected = new EventRuleSource("Qualified", "LeadScoreBus",
                "{\"source\":[\"leadscore\"],\"detail-type\":[\"LeadQualified\",\"AccountQualified\",\"ModelReviewDue\"]}",
                8, 3600, 2);
        assertEquals(List.of(expected), TEMPLATE.function("NotifyFunction").eventRules());
        assertEquals(List.of(new EventRuleSource("SegmentReady", "LeadScoreBus",
                        "{\"source\":[\"leadscore\"],\"detail-type\":[\"JobSegmentReady\"],"
                                + "\"detail\":{\"type\":[\"rescore\",\"backtest\"]}}", 8, 3600, 2)),
                TEMPLATE.function("JobsFunction").eventRules());
        assertEquals(List.of(new EventRuleSource("TrainingReady", "LeadScoreBus",
                        "{\"source\":[\"leadscore\"],\"detail-type\":[\"JobSegmentReady\"],"
                                + "\"detail\":{\"type\":[\"training\"]}}", 8, 3600, 0)),
                TEMPLATE.function("TrainFunction").eventRules());
        assertEquals(List.of("NotifyFunction", "JobsFunction", "TrainFunction"), TEMPLATE.functions().stream()
                .filter(function -> !function.eventRules().isEmpty()).map(FunctionDef::logicalId).toList());
        assertEquals(List.of("default", "LeadScoreBus"), TEMPLATE.eventBuses());
    }

    @Test
    void readsEventRulesWithTheirDefaultsAndRuleResourcesThatTargetAFunction() throws IOException {
        SamTemplate template = SamTemplate.load(write("""
                Globals:
                  Function:
                    Handler: a.B
                    EventInvokeConfig: {MaximumRetryAttempts: 1}
                Resources:
                  Bus:
                    Type: AWS::Events::EventBus
                    Properties: {Name: leads}
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      EventInvokeConfig: {MaximumRetryAttempts: 0}
                      Events:
                        OnDefaultBus: {Type: CloudWatchEvent, Properties: {Pattern: '{"source": ["crm"]}'}}
                        Off: {Type: EventBridgeRule, Properties: {Pattern: {source: [crm]}, State: DISABLED}}
                  Other:
                    Type: AWS::Serverless::Function
                    Properties:
                      Events:
                        Named: {Type: EventBridgeRule, Properties: {EventBusName: default, Pattern: {source: [x]}}}
                  ColdLeads:
                    Type: AWS::Events::Rule
                    Properties:
                      EventBusName: !Ref Bus
                      EventPattern: {detail-type: [LeadWentCold], detail: {score: [{numeric: ['<', 10]}]}}
                      Targets:
                        - {Id: fn, Arn: !GetAtt Fn.Arn, RetryPolicy: {MaximumRetryAttempts: 3}}
                        - {Id: other, Arn: !GetAtt Other.Arn}
                  Nightly:
                    Type: AWS::Events::Rule
                    Properties:
                      ScheduleExpression: rate(1 day)
                      Targets: [{Id: fn, Arn: !GetAtt Fn.Arn}]
                """));
        assertEquals(List.of(
                        new EventRuleSource("OnDefaultBus", "default", "{\"source\": [\"crm\"]}", 185, 86_400, 0),
                        new EventRuleSource("ColdLeads", "Bus",
                                "{\"detail-type\":[\"LeadWentCold\"],\"detail\":{\"score\":[{\"numeric\":[\"<\",10]}]}}", 3, 86_400, 0)),
                template.function("Fn").eventRules());
        assertEquals(List.of("Named", "ColdLeads"), template.function("Other").eventRules().stream().map(EventRuleSource::name).toList());
        assertEquals(1, template.function("Other").eventRules().get(0).functionRetryAttempts());
        assertEquals(List.of("default", "Bus"), template.eventBuses());
    }

    @Test
    void namesTheKeyOfAnEventRuleThatLocalModeCannotFollow() throws IOException {
        String function = """
                Resources:
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: a.B
                      Events:
                        Rule: {Type: EventBridgeRule, Properties: %s}
                """;
        assertMessage(write(function.formatted("{EventBusName: leads, Pattern: {source: [crm]}}")),
                List.of("Resources.Fn.Properties.Events.Rule.Properties.EventBusName must be !Ref <Bus>"));
        assertMessage(write(function.formatted("{Pattern: {source: crm}}")),
                List.of("Resources.Fn.Properties.Events.Rule.Properties is not a valid rule: invalid event pattern {\"source\":\"crm\"}"));
        assertMessage(write(function.formatted("{Pattern: {source: [crm]}, RetryPolicy: {MaximumEventAgeInSeconds: 30}}")),
                List.of("is not a valid rule: maximumEventAgeSeconds must be from 60 to 86400, not 30"));
    }

    @Test
    void readsTheTable() {
        TableDef table = TEMPLATE.table("LeadScoreTable");
        assertEquals(List.of(table), TEMPLATE.tables());
        assertEquals(List.of(attribute("pk", ScalarAttributeType.S), attribute("sk", ScalarAttributeType.S),
                attribute("dueShard", ScalarAttributeType.N), attribute("dueAt", ScalarAttributeType.S),
                attribute("rankShard", ScalarAttributeType.S), attribute("rankScore", ScalarAttributeType.N),
                attribute("likelihood", ScalarAttributeType.N)), table.attributeDefinitions());
        assertEquals(List.of(key("pk", KeyType.HASH), key("sk", KeyType.RANGE)), table.keySchema());
        assertEquals(Optional.of(StreamViewType.NEW_IMAGE), table.streamViewType());
        assertEquals(BillingMode.PAY_PER_REQUEST, table.billingMode());
        assertEquals(Optional.of("expiresAt"), table.ttlAttribute(), "the rate limits' counters expire");
        GlobalSecondaryIndex due = table.globalSecondaryIndexes().get(0);
        assertEquals(3, table.globalSecondaryIndexes().size());
        assertEquals("DueIndex", due.indexName());
        assertEquals(List.of(key("dueShard", KeyType.HASH), key("dueAt", KeyType.RANGE)), due.keySchema());
        assertEquals(ProjectionType.KEYS_ONLY, due.projection().projectionType());
        GlobalSecondaryIndex rank = table.globalSecondaryIndexes().get(1);
        assertEquals("RankIndex", rank.indexName());
        assertEquals(List.of(key("rankShard", KeyType.HASH), key("rankScore", KeyType.RANGE)), rank.keySchema());
        assertEquals(ProjectionType.INCLUDE, rank.projection().projectionType());
        assertTrue(rank.projection().nonKeyAttributes().containsAll(List.of("id", "groups", "accountId")));
        GlobalSecondaryIndex likely = table.globalSecondaryIndexes().get(2);
        assertEquals("LikelihoodIndex", likely.indexName());
        assertEquals(List.of(key("rankShard", KeyType.HASH), key("likelihood", KeyType.RANGE)), likely.keySchema());
        assertTrue(likely.projection().nonKeyAttributes().containsAll(List.of("id", "rankScore", "likelihoodRevision")));
    }

    @Test
    void resolvesTheEnvironmentForLocalMode() {
        Resolver resolver = TEMPLATE.resolver(logicalId -> "local-" + logicalId);
        Map<String, String> environment = TEMPLATE.function("ScoreFunction").environment(resolver);
        assertEquals(Map.of("TABLE_NAME", "local-LeadScoreTable", "MODEL_ID", "default",
                "JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1", "RETENTION_DAYS", "730",
                "RECREATE_ERASED_LEADS", "false"), environment);
        Resolver withModel = TEMPLATE.resolver(logicalId -> "local-" + logicalId, Map.of("ModelId", "b2b"));
        assertEquals("b2b", TEMPLATE.function("ScoreFunction").environment(withModel).get("MODEL_ID"));
        TemplateException unknown = assertThrows(TemplateException.class,
                () -> TEMPLATE.resolver(logicalId -> logicalId, Map.of("Model", "x")));
        assertTrue(unknown.getMessage().contains("Parameters.Model does not exist"), unknown.getMessage());
    }

    @Test
    void turnsEveryShortFormTagIntoItsLongForm() throws IOException {
        Path file = write("""
                Ref: !Ref Table
                GetAtt: !GetAtt Table.StreamArn
                GetAttNested: !GetAtt Db.Endpoint.Address
                GetAttList: !GetAtt [Table, Arn]
                Sub: !Sub '${AWS::StackName}-events'
                SubWithVariables: !Sub ['${A}-${B}', {A: !Ref Table, B: b}]
                Join: !Join [',', [a, !Ref Table]]
                If: !If [IsProd, !Ref Table, !Ref AWS::NoValue]
                Select: !Select [0, !GetAZs '']
                Split: !Split ['|', 'a|b']
                FindInMap: !FindInMap [Sizes, !Ref AWS::Region, Small]
                ImportValue: !ImportValue shared-vpc
                Base64: !Base64 text
                Equals: !Equals [!Ref Stage, prod]
                Not: !Not [!Condition IsProd]
                And: !And [!Condition IsProd, !Equals [a, a]]
                Or: !Or [!Condition IsProd, !Condition IsTest]
                GetAZs: !GetAZs us-east-1
                Condition: !Condition IsProd
                """);
        JsonNode expected = new ObjectMapper().readTree("""
                {
                  "Ref": {"Ref": "Table"},
                  "GetAtt": {"Fn::GetAtt": ["Table", "StreamArn"]},
                  "GetAttNested": {"Fn::GetAtt": ["Db", "Endpoint.Address"]},
                  "GetAttList": {"Fn::GetAtt": ["Table", "Arn"]},
                  "Sub": {"Fn::Sub": "${AWS::StackName}-events"},
                  "SubWithVariables": {"Fn::Sub": ["${A}-${B}", {"A": {"Ref": "Table"}, "B": "b"}]},
                  "Join": {"Fn::Join": [",", ["a", {"Ref": "Table"}]]},
                  "If": {"Fn::If": ["IsProd", {"Ref": "Table"}, {"Ref": "AWS::NoValue"}]},
                  "Select": {"Fn::Select": [0, {"Fn::GetAZs": ""}]},
                  "Split": {"Fn::Split": ["|", "a|b"]},
                  "FindInMap": {"Fn::FindInMap": ["Sizes", {"Ref": "AWS::Region"}, "Small"]},
                  "ImportValue": {"Fn::ImportValue": "shared-vpc"},
                  "Base64": {"Fn::Base64": "text"},
                  "Equals": {"Fn::Equals": [{"Ref": "Stage"}, "prod"]},
                  "Not": {"Fn::Not": [{"Condition": "IsProd"}]},
                  "And": {"Fn::And": [{"Condition": "IsProd"}, {"Fn::Equals": ["a", "a"]}]},
                  "Or": {"Fn::Or": [{"Condition": "IsProd"}, {"Condition": "IsTest"}]},
                  "GetAZs": {"Fn::GetAZs": "us-east-1"},
                  "Condition": {"Condition": "IsProd"}
                }
                """);
        assertEquals(expected, CloudFormationYaml.read(file));
    }

    @Test
    void namesTheFileAndLineOfInvalidYaml() throws IOException {
        Path unknownTag = write("Resources:\n  Table: !Table x\n");
        assertMessage(unknownTag, List.of(unknownTag.toString(), "!Table", "line 2"));
        Path duplicateKey = write("Resources: {}\nResources: {}\n");
        assertMessage(duplicateKey, List.of(duplicateKey.toString(), "duplicate key Resources"));
        Path missing = directory.resolve("absent.yaml");
        assertMessage(missing, List.of(missing.toString(), "cannot read"));
    }

    @Test
    void namesTheFileAndKeyOfAnInvalidDefinition() throws IOException {
        Path noHandler = write("""
                Resources:
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties: {Timeout: 3}
                """);
        assertMessage(noHandler, List.of(noHandler + ": Resources.Fn.Properties.Handler is missing"));
        Path badBatchSize = write("""
                Resources:
                  Table:
                    Type: AWS::DynamoDB::Table
                    Properties:
                      AttributeDefinitions: [{AttributeName: pk, AttributeType: S}]
                      KeySchema: [{AttributeName: pk, KeyType: HASH}]
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: a.B
                      Events:
                        Changes: {Type: DynamoDB, Properties: {Stream: !GetAtt Table.StreamArn, BatchSize: many}}
                """);
        assertMessage(badBatchSize, List.of("Resources.Fn.Properties.Events.Changes.Properties.BatchSize must be an integer"));
        Path badKeyType = write("""
                Resources:
                  Table:
                    Type: AWS::DynamoDB::Table
                    Properties:
                      AttributeDefinitions: [{AttributeName: pk, AttributeType: S}]
                      KeySchema: [{AttributeName: pk, KeyType: PARTITION}]
                """);
        assertMessage(badKeyType, List.of("Resources.Table.Properties.KeySchema[0].KeyType has an unknown value 'PARTITION'"));
    }

    @Test
    void appliesGlobalsAndResolvesSubstitutions() throws IOException {
        SamTemplate template = SamTemplate.load(write("""
                Parameters:
                  Stage: {Type: String, Default: dev}
                  Secret: {Type: String}
                Globals:
                  Function:
                    Handler: com.example.Handler
                    Timeout: 7
                    Environment:
                      Variables: {TABLE: !Ref Table, LEVEL: info, RETRIES: 3}
                  HttpApi:
                    Auth: {DefaultAuthorizer: AWS_IAM, EnableIamAuthorizer: true}
                Resources:
                  Table:
                    Type: AWS::DynamoDB::Table
                    Properties:
                      AttributeDefinitions: [{AttributeName: pk, AttributeType: S}]
                      KeySchema: [{AttributeName: pk, KeyType: HASH}]
                  TokenApi:
                    Type: AWS::Serverless::HttpApi
                    Properties:
                      Auth:
                        DefaultAuthorizer: TokenAuthorizer
                        Authorizers: {TokenAuthorizer: {FunctionArn: arn:aws:lambda:us-east-1:1:function:auth}}
                  Queue:
                    Type: AWS::SQS::Queue
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: com.example.Other::handle
                      Environment:
                        Variables:
                          LEVEL: debug
                          BUS: !Sub '${AWS::StackName}-${Stage}-events'
                          ARN: !GetAtt Table.Arn
                          URL: !Sub ['https://${Host}/${!Literal}/${AWS::Region}/${AWS::AccountId}/${AWS::URLSuffix}', {Host: !Ref Queue}]
                      Events:
                        Signed: {Type: HttpApi, Properties: {Path: /signed, Method: get}}
                        Open: {Type: HttpApi, Properties: {Path: /open, Method: POST, Auth: {Authorizer: NONE}}}
                        Token: {Type: HttpApi, Properties: {ApiId: !Ref TokenApi, Path: /token, Method: GET}}
                  Defaults:
                    Type: AWS::Serverless::Function
                    Properties:
                      Environment:
                        Variables: {SECRET: !Ref Secret}
                """));
        FunctionDef function = template.function("Fn");
        assertEquals("com.example.Other", function.handlerClass());
        assertEquals("handle", function.handlerMethod());
        assertEquals(7, function.timeoutSeconds());
        assertEquals(List.of(new HttpRoute("GET", "/signed", true), new HttpRoute("POST", "/open", false),
                new HttpRoute("GET", "/token", false)), function.httpRoutes());
        assertEquals(Map.of(
                "TABLE", "t-Table",
                "LEVEL", "debug",
                "RETRIES", "3",
                "BUS", "leadscore-local-dev-events",
                "ARN", "arn:aws:dynamodb:us-east-1:000000000000:table/t-Table",
                "URL", "https://Queue/${Literal}/us-east-1/000000000000/amazonaws.com"), function.environment(template.resolver(id -> "t-" + id)));

        FunctionDef defaults = template.function("Defaults");
        assertEquals("com.example.Handler", defaults.handlerClass());
        assertEquals("handleRequest", defaults.handlerMethod());
        TemplateException unresolved = assertThrows(TemplateException.class, () -> defaults.environment(template.resolver(id -> id)));
        assertTrue(unresolved.getMessage().startsWith("Defaults, environment variable SECRET: cannot resolve Secret"), unresolved.getMessage());
        assertEquals("s3cr3t", defaults.environment(template.resolver(id -> id, Map.of("Secret", "s3cr3t"))).get("SECRET"));
    }

    /** The mistake that once reached main: SAM refuses an AWS_IAM route on an API that does not enable the IAM authorizer. */
    @Test
    void refusesAnAuthorizerTheApiDoesNotDefineAsTheSamTransformDoes() throws IOException {
        String api = """
                Resources:
                  Api:
                    Type: AWS::Serverless::HttpApi
                    Properties: {%s}
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: a.B
                      Events:
                        Get: {Type: HttpApi, Properties: {ApiId: !Ref Api, Path: /v1/leads, Method: GET, Auth: {Authorizer: %s}}}
                """;
        assertMessage(write(api.formatted("", "AWS_IAM")), List.of(
                "Resources.Fn.Properties.Events.Get.Properties.Auth.Authorizer AWS_IAM is not an authorizer of the API Api",
                "set Auth: {EnableIamAuthorizer: true}"));
        assertMessage(write(api.formatted("Auth: {EnableIamAuthorizer: false}", "AWS_IAM")), List.of("AWS_IAM is not an authorizer"));
        assertMessage(write(api.formatted("Auth: {EnableIamAuthorizer: true}", "Jwt")), List.of(
                "Jwt is not an authorizer of the API Api: define it under Auth.Authorizers"));
        assertMessage(write(api.formatted("", "NONE")), List.of(
                "Auth.Authorizer NONE is allowed only on an API with a DefaultAuthorizer, and the API Api has none"));

        SamTemplate iam = SamTemplate.load(write(api.formatted("Auth: {EnableIamAuthorizer: true}", "AWS_IAM")));
        assertEquals(List.of(new HttpRoute("GET", "/v1/leads", true)), iam.function("Fn").httpRoutes());
        SamTemplate open = SamTemplate.load(write(api.formatted("Auth: {EnableIamAuthorizer: true, DefaultAuthorizer: AWS_IAM}", "NONE")));
        assertEquals(List.of(new HttpRoute("GET", "/v1/leads", false)), open.function("Fn").httpRoutes());
    }

    /**
     * The other mistake: {@code DeadLetterConfig: {Type: SQS, Destination: ...}} deploys, but SAM ignores
     * {@code Destination} and dead-letters into a queue of its own that nobody watches.
     */
    @Test
    void refusesADeadLetterConfigThatSamWouldNotSendToTheNamedQueue() throws IOException {
        String rule = """
                Resources:
                  Dlq: {Type: AWS::SQS::Queue}
                  %s
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: a.B
                      Events:
                        Qualified:
                          Type: EventBridgeRule
                          Properties: {Pattern: {source: [x]}, DeadLetterConfig: %s}
                """;
        String policy = """
                DlqPolicy:
                    Type: AWS::SQS::QueuePolicy
                    Properties:
                      Queues: [!Ref Dlq]
                      PolicyDocument:
                        Statement: [{Effect: Allow, Principal: {Service: [events.amazonaws.com]}, Action: sqs:SendMessage, Resource: '*'}]
                """.indent(2).strip();
        assertMessage(write(rule.formatted("", "{Type: SQS, Destination: !GetAtt Dlq.Arn}")), List.of(
                "Resources.Fn.Properties.Events.Qualified.Properties.DeadLetterConfig.Destination is not a key SAM knows"));
        assertMessage(write(rule.formatted(policy, "{Type: SQS, Arn: !GetAtt Dlq.Arn}")), List.of(
                "DeadLetterConfig must have either Arn (a queue of yours) or Type: SQS (a queue SAM makes), not both"));
        assertMessage(write(rule.formatted(policy, "{Type: SNS}")), List.of("DeadLetterConfig.Type must be SQS, not SNS"));
        assertMessage(write(rule.formatted("", "{Arn: !GetAtt Dlq.Arn}")), List.of(
                "DeadLetterConfig.Arn names Dlq, but no AWS::SQS::QueuePolicy lets events.amazonaws.com send to it"));
        assertMessage(write(rule.formatted(policy, "{Arn: !GetAtt Fn.Arn}")), List.of(
                "DeadLetterConfig.Arn must name an AWS::SQS::Queue of the template, not Fn"));

        assertEquals(1, SamTemplate.load(write(rule.formatted(policy, "{Arn: !GetAtt Dlq.Arn}"))).function("Fn").eventRules().size());
        assertEquals(1, SamTemplate.load(write(rule.formatted("", "{Type: SQS}"))).function("Fn").eventRules().size());
    }

    @Test
    void readsIndexesAndTimeToLiveAndAlwaysCreatesOnDemandTables() throws IOException {
        TableDef table = SamTemplate.load(write("""
                Resources:
                  Leads:
                    Type: AWS::DynamoDB::Table
                    Properties:
                      AttributeDefinitions:
                        - {AttributeName: pk, AttributeType: S}
                        - {AttributeName: sk, AttributeType: S}
                        - {AttributeName: due, AttributeType: N}
                      KeySchema: [{AttributeName: pk, KeyType: HASH}, {AttributeName: sk, KeyType: RANGE}]
                      ProvisionedThroughput: {ReadCapacityUnits: 5, WriteCapacityUnits: 5}
                      GlobalSecondaryIndexes:
                        - IndexName: byDue
                          KeySchema: [{AttributeName: due, KeyType: HASH}]
                          Projection: {ProjectionType: INCLUDE, NonKeyAttributes: [score]}
                      LocalSecondaryIndexes:
                        - IndexName: byPkDue
                          KeySchema: [{AttributeName: pk, KeyType: HASH}, {AttributeName: due, KeyType: RANGE}]
                          Projection: {ProjectionType: KEYS_ONLY}
                      TimeToLiveSpecification: {AttributeName: expiresAt, Enabled: true}
                """)).table("Leads");
        assertEquals(BillingMode.PROVISIONED, table.billingMode());
        assertEquals(Optional.of("expiresAt"), table.ttlAttribute());
        assertEquals(Optional.empty(), table.streamViewType());
        assertEquals(List.of(key("due", KeyType.HASH)), table.globalSecondaryIndexes().get(0).keySchema());
        assertEquals(ProjectionType.INCLUDE, table.globalSecondaryIndexes().get(0).projection().projectionType());
        assertEquals(List.of("score"), table.globalSecondaryIndexes().get(0).projection().nonKeyAttributes());
        assertEquals("byPkDue", table.localSecondaryIndexes().get(0).indexName());

        CreateTableRequest request = table.toCreateTableRequest("local-Leads");
        assertEquals("local-Leads", request.tableName());
        assertEquals(BillingMode.PAY_PER_REQUEST, request.billingMode());
        assertFalse(request.streamSpecification().streamEnabled());
        assertEquals(table.globalSecondaryIndexes(), request.globalSecondaryIndexes());
    }

    private Path write(String yaml) throws IOException {
        return Files.writeString(Files.createTempFile(directory, "template", ".yaml"), yaml);
    }

    private static void assertMessage(Path template, List<String> parts) {
        TemplateException error = assertThrows(TemplateException.class, () -> SamTemplate.load(template));
        parts.forEach(part -> assertTrue(error.getMessage().contains(part), error.getMessage()));
    }

    private static AttributeDefinition attribute(String name, ScalarAttributeType type) {
        return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
    }

    static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
