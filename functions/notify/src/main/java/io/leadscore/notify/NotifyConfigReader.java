package io.leadscore.notify;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.leadscore.notify.QualifiedEvent.Subject;
import io.leadscore.support.Json;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads NOTIFY_CONFIG strictly: unknown fields, missing URLs, plain-http webhooks and a webhook without a
 * signing key are refused at start, all at once and each with its place, rather than met at the first
 * qualification.
 */
final class NotifyConfigReader {
    private static final Set<String> FIELDS = Set.of("destinations", "default", "leadUrl", "accountUrl");
    private static final Set<String> DESTINATION_FIELDS = Set.of("id", "type", "url", "when");
    /** Ids end up in delivery records' keys and idempotency keys: keep them plain. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final List<SigningKey> keys;
    private final boolean allowLoopback;
    private final List<String> problems = new ArrayList<>();

    private NotifyConfigReader(List<SigningKey> keys, boolean allowLoopback) {
        this.keys = keys;
        this.allowLoopback = allowLoopback;
    }

    static NotifyConfig read(String json, List<SigningKey> keys, boolean allowLoopback) {
        NotifyConfigReader reader = new NotifyConfigReader(keys, allowLoopback);
        NotifyConfig config = reader.config(json);
        if (!reader.problems.isEmpty()) {
            throw new NotifyConfigException(NotifySettings.NOTIFY_CONFIG, reader.problems);
        }
        return config;
    }

    private NotifyConfig config(String json) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            problems.add("not valid JSON: " + e.getOriginalMessage()
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
            return null;
        }
        if (!root.isObject()) {
            problems.add("must be a JSON object: {\"destinations\": [...], \"default\": \"<id>\"}");
            return null;
        }
        knownFields(root, FIELDS, "");
        List<Destination> destinations = destinations(root.get("destinations"));
        Destination byDefault = defaultDestination(root.get("default"), destinations);
        Map<Subject, String> links = links(root);
        return problems.isEmpty()
                ? new NotifyConfig(destinations, byDefault, links, keys.isEmpty() ? Optional.empty() : Optional.of(new Signature(keys)))
                : null;
    }

    private List<Destination> destinations(JsonNode node) {
        if (node == null || !node.isArray() || node.isEmpty()) {
            problems.add("destinations: required, an array of at least one destination");
            return List.of();
        }
        List<Destination> destinations = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            String path = "destinations[" + i + "]";
            JsonNode destination = node.get(i);
            if (!destination.isObject()) {
                problems.add(path + ": must be an object with id and type");
                continue;
            }
            knownFields(destination, DESTINATION_FIELDS, path + ".");
            String id = id(destination.get("id"), path + ".id");
            if (id != null && !ids.add(id)) {
                problems.add(path + ".id: '" + id + "' is the id of an earlier destination");
            }
            Destination.Type type = type(destination.get("type"), path + ".type");
            URI url = type == null ? null : url(destination.get("url"), type, path + ".url");
            List<RouteCondition> when = when(destination.get("when"), path + ".when");
            if (type == Destination.Type.WEBHOOK) {
                checkSecret(path);
            }
            if (id != null && type != null) {
                destinations.add(new Destination(id, type, url, when));
            }
        }
        return destinations;
    }

    private String id(JsonNode node, String path) {
        if (node == null || !node.isTextual() || !ID.matcher(node.asText()).matches()) {
            problems.add(path + ": required, 1 to 64 of A-Z a-z 0-9 _ -");
            return null;
        }
        return node.asText();
    }

    private Destination.Type type(JsonNode node, String path) {
        Optional<Destination.Type> type = node != null && node.isTextual()
                ? Destination.Type.of(node.asText())
                : Optional.empty();
        if (type.isEmpty()) {
            problems.add(path + ": required, one of slack, webhook, log");
        }
        return type.orElse(null);
    }

    private URI url(JsonNode node, Destination.Type type, String path) {
        if (type == Destination.Type.LOG) {
            if (node != null) {
                problems.add(path + ": not used by type log");
            }
            return null;
        }
        if (node == null) {
            problems.add(path + ": required for type " + type.wire());
            return null;
        }
        Optional<URI> url = httpUrl(node.asText())
                .filter(u -> u.getScheme().equalsIgnoreCase("https") || allowLoopback && isLoopback(u));
        if (!node.isTextual() || url.isEmpty()) {
            problems.add(path + ": must be an https URL" + (allowLoopback
                    ? " (http only to localhost, 127.0.0.1 or [::1], for testing)" : ""));
            return null;
        }
        if (!allowLoopback && isLoopback(url.get())) {
            problems.add(path + ": must not be on this machine (in AWS, the Lambda runtime API listens there; "
                    + NotifySettings.ALLOW_LOOPBACK + "=true lets the local runtime and tests use loopback)");
            return null;
        }
        return url.get();
    }

    private static boolean isLoopback(URI url) {
        String host = url.getHost().toLowerCase(Locale.ROOT);
        return host.equals("localhost") || host.equals("[::1]") || host.matches("127(\\.\\d{1,3}){3}");
    }

    /** An absolute http or https URL with a host. */
    private static Optional<URI> httpUrl(String text) {
        try {
            URI url = new URI(text);
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("https") || scheme.equals("http")) && url.getHost() != null
                    ? Optional.of(url)
                    : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    private List<RouteCondition> when(JsonNode node, String path) {
        if (node == null) {
            return List.of();
        }
        if (!node.isObject() || node.isEmpty()) {
            problems.add(path + ": must name at least one condition, e.g. {\"group\": [\"platform\"]}; leave it out"
                    + " for a destination that only takes what no other does, as the default");
            return List.of();
        }
        List<RouteCondition> conditions = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String name = field.getKey();
            String at = path + "." + name;
            boolean group = name.equals(RouteCondition.GROUP);
            boolean type = name.equals(RouteCondition.TYPE);
            boolean grade = name.equals(RouteCondition.GRADE);
            boolean market = name.equals(RouteCondition.MARKET);
            if (!group && !type && !grade && !market && !(name.startsWith(RouteCondition.PROFILE)
                    && name.length() > RouteCondition.PROFILE.length())) {
                problems.add(at + ": unknown condition; use type, group, grade, market or profile.<field>,"
                        + " e.g. profile.country");
                continue;
            }
            boolean valid = field.getValue().isArray() && !field.getValue().isEmpty();
            Set<String> accepted = new HashSet<>();
            for (JsonNode value : field.getValue()) {
                if (value.isTextual() && !value.asText().isBlank() && (!type || isDelivered(value.asText()))
                        && (!grade || isGrade(value.asText())) && (!market || isMarket(value.asText()))) {
                    accepted.add(value.asText());
                } else if ((group || market) && value.isNull()) {
                    accepted.add(null);
                } else {
                    valid = false;
                }
            }
            if (valid) {
                conditions.add(new RouteCondition(name, accepted));
            } else if (type) {
                problems.add(at + ": must be a non-empty array of the detail-types notify delivers: "
                        + String.join(", ", Notice.DETAIL_TYPES));
            } else if (grade) {
                problems.add(at + ": must be a non-empty array of fit grades, each one capital letter as the model"
                        + " names them, e.g. [\"A\", \"B\"] (F: below the lowest)");
            } else if (market) {
                problems.add(at + ": must be a non-empty array of market ids as the model names them under markets:,"
                        + " e.g. [\"emea\"] (null for a lead in no market)");
            } else {
                problems.add(at + ": must be a non-empty array of strings"
                        + (group ? " (null for the total score)" : ""));
            }
        }
        return conditions;
    }

    /** A grade is a model's letter, spelled as the model spells it: a lower-case {@code a} is a typo, refused. */
    private static boolean isGrade(String grade) {
        return grade.matches("[A-Z]");
    }

    /** A market is a model's id, spelled as the model spells it: {@code EMEA} is a typo, refused. */
    private static boolean isMarket(String market) {
        return market.matches("[a-z0-9][a-z0-9_.-]{0,63}");
    }

    /** A detail-type is a name: spelled as the bus spells it, so that a typo is refused rather than never matched. */
    private static boolean isDelivered(String detailType) {
        return Notice.DETAIL_TYPES.contains(detailType);
    }

    private void checkSecret(String path) {
        if (keys.isEmpty()) {
            problems.add(path + ": type webhook signs with a signing key, and none is set (the secret's signingKeys,"
                    + " or " + NotifySettings.WEBHOOK_SECRET + " locally)");
        }
        keys.forEach(key -> key.problem().ifPresent(problem ->
                problems.add(path + ": signing key " + key.id() + " " + problem)));
    }

    private Destination defaultDestination(JsonNode node, List<Destination> destinations) {
        if (node == null || !node.isTextual()) {
            problems.add("default: required, the id of the destination for qualifications no routed destination"
                    + " takes");
            return null;
        }
        Optional<Destination> destination = destinations.stream().filter(d -> d.id().equals(node.asText()))
                .findFirst();
        if (destination.isEmpty() && !destinations.isEmpty()) {
            problems.add("default: no destination has the id '" + node.asText() + "'");
        }
        return destination.orElse(null);
    }

    private Map<Subject, String> links(JsonNode root) {
        Map<Subject, String> links = new EnumMap<>(Subject.class);
        for (Subject subject : Subject.values()) {
            String field = subject.noun() + "Url";
            JsonNode node = root.get(field);
            if (node == null) {
                continue;
            }
            String placeholder = NotifyConfig.placeholder(subject);
            String template = node.asText();
            if (!node.isTextual() || !template.contains(placeholder)
                    || httpUrl(template.replace(placeholder, "id")).isEmpty()) {
                problems.add(field + ": must be an http(s) URL template containing " + placeholder
                        + ", e.g. https://crm.example/" + subject.noun() + "s/" + placeholder);
                continue;
            }
            links.put(subject, template);
        }
        return links;
    }

    private void knownFields(JsonNode node, Set<String> known, String path) {
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (!known.contains(field.getKey())) {
                problems.add(path + field.getKey() + ": unknown field (known: "
                        + String.join(", ", new TreeSet<>(known)) + ")");
            }
        }
    }
}
