package io.leadscore.local;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gives template values their local meaning: plain values, {@code Ref}, {@code Fn::GetAtt} and {@code Fn::Sub}.
 * A {@code Ref} to a table is its local name, to a parameter its value, to another resource its logical id, and
 * pseudo parameters name the local region, account and stack. Obtained from {@link SamTemplate#resolver}.
 */
public final class Resolver {

    private static final Map<String, String> PSEUDO_PARAMETERS = Map.of(
            "AWS::Region", LocalAws.REGION.id(),
            "AWS::AccountId", LocalAws.ACCOUNT_ID,
            "AWS::StackName", LocalAws.STACK_NAME,
            "AWS::Partition", "aws",
            "AWS::URLSuffix", "amazonaws.com");
    /** {@code ${Name}}, {@code ${Resource.Attribute}}, or {@code ${!Literal}}, which stands for {@code ${Literal}}. */
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{(!?)([^}]*)}");

    private final Map<String, String> refs;
    private final Map<String, String> attributes;

    /**
     * @param refs       the value of {@code Ref} for each parameter and resource that has one
     * @param attributes the value of {@code Fn::GetAtt} for each {@code Resource.Attribute} that has one
     */
    Resolver(Map<String, String> refs, Map<String, String> attributes) {
        this.refs = new HashMap<>(PSEUDO_PARAMETERS);
        this.refs.putAll(refs);
        this.attributes = Map.copyOf(attributes);
    }

    /** The local value of a template value, or a {@link TemplateException} naming what has none. */
    public String resolve(JsonNode value) {
        if (value.isValueNode() && !value.isNull()) {
            return value.asText();
        }
        if (value.isObject() && value.size() == 1) {
            String function = value.fieldNames().next();
            JsonNode argument = value.get(function);
            return switch (function) {
                case "Ref" -> ref(argument.asText());
                case "Fn::GetAtt" -> getAtt(argument.path(0).asText() + "." + argument.path(1).asText());
                case "Fn::Sub" -> sub(argument);
                default -> throw unsupported(value);
            };
        }
        throw unsupported(value);
    }

    private static TemplateException unsupported(JsonNode value) {
        return new TemplateException("cannot resolve " + value + " locally: only plain values, Ref, Fn::GetAtt and Fn::Sub can be");
    }

    private String ref(String name) {
        String value = refs.get(name);
        if (value == null) {
            throw new TemplateException("cannot resolve " + name
                    + ": it is neither a pseudo parameter, a parameter with a value, nor a resource of the template");
        }
        return value;
    }

    private String getAtt(String resourceAttribute) {
        String value = attributes.get(resourceAttribute);
        if (value == null) {
            throw new TemplateException("cannot resolve " + resourceAttribute + ": the attribute has no local value");
        }
        return value;
    }

    /** {@code Fn::Sub: text} or {@code Fn::Sub: [text, {Name: value}]}. */
    private String sub(JsonNode argument) {
        Map<String, String> variables = new HashMap<>();
        JsonNode text = argument;
        if (argument.isArray()) {
            text = argument.path(0);
            argument.path(1).properties().forEach(variable -> variables.put(variable.getKey(), resolve(variable.getValue())));
        }
        return SUB_VARIABLE.matcher(text.asText()).replaceAll(match -> Matcher.quoteReplacement(
                match.group(1).isEmpty() ? variable(match.group(2), variables) : "${" + match.group(2) + "}"));
    }

    private String variable(String name, Map<String, String> variables) {
        if (variables.containsKey(name)) {
            return variables.get(name);
        }
        return name.contains(".") ? getAtt(name) : ref(name);
    }
}
