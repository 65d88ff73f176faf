package io.leadscore.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The AWS SAM template, read for local mode: its functions with their event sources, its tables, its event buses, its
 * parameters. Everything is read and checked when the template is loaded, so that a mistake shows up once, naming the
 * file and key.
 */
public final class SamTemplate {

    public static final String FILE_NAME = "template.yaml";

    private final Path file;
    private final Map<String, Optional<String>> parameterDefaults = new LinkedHashMap<>();
    private final List<String> resourceIds = new ArrayList<>();
    private final List<FunctionDef> functions = new ArrayList<>();
    private final List<TableDef> tables = new ArrayList<>();
    private final List<SecretDef> secrets = new ArrayList<>();
    private final List<String> eventBuses = new ArrayList<>(List.of(EventRuleSource.DEFAULT_BUS));
    private final Map<String, String> rulePatterns = new LinkedHashMap<>();

    private SamTemplate(Path file, TemplateNode template) {
        this.file = file;
        template.get("Parameters").fields().forEach((name, parameter) ->
                parameterDefaults.put(name, Optional.ofNullable(parameter.get("Default").text(null))));
        template.required("Resources").fields().forEach((logicalId, resource) -> {
            resourceIds.add(logicalId);
            switch (resource.required("Type").text()) {
                case FunctionDef.RESOURCE_TYPE ->
                        functions.add(FunctionDef.parse(logicalId, resource.required("Properties"), template));
                case TableDef.RESOURCE_TYPE -> tables.add(TableDef.parse(logicalId, resource.required("Properties")));
                case SecretDef.RESOURCE_TYPE -> secrets.add(SecretDef.parse(logicalId, resource.get("Properties")));
                case EventRuleSource.BUS_RESOURCE_TYPE -> eventBuses.add(logicalId);
                case EventRuleSource.RULE_RESOURCE_TYPE -> {
                    TemplateNode pattern = resource.required("Properties").get("EventPattern");
                    if (!pattern.isMissing()) {
                        rulePatterns.put(logicalId, pattern.json().isTextual() ? pattern.text() : pattern.json().toString());
                    }
                }
                default -> { } // no local stand-in
            }
        });
    }

    public static SamTemplate load(Path file) {
        return new SamTemplate(file, new TemplateNode(file, "", CloudFormationYaml.read(file)));
    }

    /** The nearest {@value #FILE_NAME} in the working directory or above it: module tests run a level or two below it. */
    public static Path locate() {
        Path start = Path.of("").toAbsolutePath();
        for (Path directory = start; directory != null; directory = directory.getParent()) {
            Path candidate = directory.resolve(FILE_NAME);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new TemplateException("no " + FILE_NAME + " in " + start + " or any directory above it");
    }

    public Path file() {
        return file;
    }

    /** The {@code AWS::Serverless::Function} resources, in template order. */
    public List<FunctionDef> functions() {
        return List.copyOf(functions);
    }

    public FunctionDef function(String logicalId) {
        return functions.stream().filter(function -> function.logicalId().equals(logicalId)).findFirst()
                .orElseThrow(() -> new TemplateException(file + ": no " + FunctionDef.RESOURCE_TYPE + " named " + logicalId));
    }

    /** The {@code AWS::DynamoDB::Table} resources, in template order. */
    public List<TableDef> tables() {
        return List.copyOf(tables);
    }

    public TableDef table(String logicalId) {
        return tables.stream().filter(table -> table.logicalId().equals(logicalId)).findFirst()
                .orElseThrow(() -> new TemplateException(file + ": no " + TableDef.RESOURCE_TYPE + " named " + logicalId));
    }

    /** The {@code AWS::SecretsManager::Secret} resources, in template order. */
    public List<SecretDef> secrets() {
        return List.copyOf(secrets);
    }

    /** The buses that rules and events can name: the account's default one, then the {@code AWS::Events::EventBus} resources. */
    public List<String> eventBuses() {
        return List.copyOf(eventBuses);
    }

    /**
     * The event pattern of an {@code AWS::Events::Rule} resource, in JSON: for a rule whose target has no local
     * stand-in (a queue, say), tests match what the bus received against it.
     */
    public String rulePattern(String logicalId) {
        String pattern = rulePatterns.get(logicalId);
        if (pattern == null) {
            throw new TemplateException(file + ": no " + EventRuleSource.RULE_RESOURCE_TYPE + " with a pattern named "
                    + logicalId);
        }
        return pattern;
    }

    /** Resolves values with parameters at their defaults; {@code tableNames} gives the local name of a table. */
    public Resolver resolver(Function<String, String> tableNames) {
        return resolver(tableNames, Map.of());
    }

    public Resolver resolver(Function<String, String> tableNames, Map<String, String> parameterValues) {
        parameterValues.keySet().stream().filter(name -> !parameterDefaults.containsKey(name)).findFirst().ifPresent(name -> {
            throw new TemplateException(file + ": Parameters." + name + " does not exist");
        });
        Map<String, String> refs = new HashMap<>();
        parameterDefaults.forEach((name, defaultValue) ->
                Optional.ofNullable(parameterValues.get(name)).or(() -> defaultValue).ifPresent(value -> refs.put(name, value)));
        resourceIds.forEach(logicalId -> refs.put(logicalId, logicalId));
        secrets.forEach(secret -> refs.put(secret.logicalId(), secret.arn())); // a secret's Ref is its ARN
        Map<String, String> attributes = new HashMap<>();
        for (TableDef table : tables) {
            String tableName = tableNames.apply(table.logicalId());
            refs.put(table.logicalId(), tableName);
            attributes.put(table.logicalId() + ".Arn",
                    "arn:aws:dynamodb:" + LocalAws.REGION.id() + ":" + LocalAws.ACCOUNT_ID + ":table/" + tableName);
        }
        return new Resolver(refs, attributes);
    }
}
