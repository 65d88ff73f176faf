package io.leadscore.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.Construct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Reads a CloudFormation YAML template into a JSON tree, turning the short-form intrinsic tags into their long form:
 * {@code !Ref X} becomes {@code {"Ref": "X"}}, {@code !GetAtt A.B} becomes {@code {"Fn::GetAtt": ["A", "B"]}}, and
 * {@code !Sub}, {@code !Join} and the other functions become {@code {"Fn::Name": value}}.
 */
public final class CloudFormationYaml {

    private static final List<String> FUNCTIONS = List.of("And", "Base64", "Cidr", "Equals", "FindInMap", "GetAZs",
            "If", "ImportValue", "Join", "Not", "Or", "Select", "Split", "Sub", "Transform");

    private static final ObjectMapper JSON = new ObjectMapper();

    private CloudFormationYaml() {
    }

    public static JsonNode read(Path file) {
        LoaderOptions options = new LoaderOptions();
        // CloudFormation rejects a template with a repeated key; SnakeYAML would silently keep the last one.
        options.setAllowDuplicateKeys(false);
        try (Reader reader = Files.newBufferedReader(file)) {
            Object document = new Yaml(new IntrinsicConstructor(options)).load(reader);
            if (!(document instanceof Map)) {
                throw new TemplateException(file + ": not a template (the document is not a mapping)");
            }
            return JSON.valueToTree(document);
        } catch (IOException e) {
            throw new TemplateException(file + ": cannot read the template: " + e, e);
        } catch (YAMLException e) {
            throw new TemplateException(file + ": invalid YAML: " + e.getMessage(), e);
        }
    }

    private static final class IntrinsicConstructor extends SafeConstructor {

        IntrinsicConstructor(LoaderOptions options) {
            super(options);
            yamlConstructors.put(new Tag("!Ref"), intrinsic("Ref"));
            yamlConstructors.put(new Tag("!Condition"), intrinsic("Condition"));
            yamlConstructors.put(new Tag("!GetAtt"), new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    return Map.of("Fn::GetAtt", node instanceof ScalarNode scalar ? splitAttribute(scalar) : value(node));
                }
            });
            FUNCTIONS.forEach(name -> yamlConstructors.put(new Tag("!" + name), intrinsic("Fn::" + name)));
        }

        private Construct intrinsic(String longName) {
            return new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    return Map.of(longName, value(node));
                }
            };
        }

        private Object value(Node node) {
            if (node instanceof ScalarNode scalar) {
                return constructScalar(scalar);
            }
            if (node instanceof SequenceNode sequence) {
                return constructSequence(sequence);
            }
            return constructMapping((MappingNode) node);
        }

        /** {@code !GetAtt Resource.Attribute}; the attribute itself may contain dots ({@code Endpoint.Address}). */
        private List<String> splitAttribute(ScalarNode node) {
            String value = constructScalar(node);
            int dot = value.indexOf('.');
            if (dot <= 0 || dot == value.length() - 1) {
                throw new YAMLException("!GetAtt '" + value + "' is not Resource.Attribute " + node.getStartMark());
            }
            return List.of(value.substring(0, dot), value.substring(dot + 1));
        }
    }
}
