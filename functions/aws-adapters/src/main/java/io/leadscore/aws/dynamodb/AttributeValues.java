package io.leadscore.aws.dynamodb;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plain Java values (String, Number, Boolean, List, Map) to and from DynamoDB attribute values. Together with
 * Jackson's record mapping it replaces a hand-written mapper per item type. Numbers come back as BigDecimal.
 */
public final class AttributeValues {
    private AttributeValues() {
    }

    public static Map<String, AttributeValue> item(Map<String, ?> values) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        values.forEach((name, value) -> {
            if (value != null) {
                item.put(name, of(value));
            }
        });
        return item;
    }

    public static AttributeValue of(Object value) {
        if (value == null) {
            return AttributeValue.fromNul(true);
        }
        if (value instanceof String s) {
            return AttributeValue.fromS(s);
        }
        if (value instanceof Number n) {
            return AttributeValue.fromN(n instanceof BigDecimal d ? d.toPlainString() : n.toString());
        }
        if (value instanceof Boolean b) {
            return AttributeValue.fromBool(b);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, AttributeValue> m = new LinkedHashMap<>();
            map.forEach((k, v) -> m.put(String.valueOf(k), of(v)));
            return AttributeValue.fromM(m);
        }
        if (value instanceof List<?> list) {
            return AttributeValue.fromL(list.stream().map(AttributeValues::of).toList());
        }
        if (value instanceof byte[] bytes) {
            return AttributeValue.fromB(SdkBytes.fromByteArray(bytes));
        }
        throw new IllegalArgumentException("no DynamoDB type for " + value.getClass().getName());
    }

    public static Map<String, Object> values(Map<String, AttributeValue> item) {
        Map<String, Object> values = new LinkedHashMap<>();
        item.forEach((name, value) -> values.put(name, value(value)));
        return values;
    }

    public static Object value(AttributeValue v) {
        return switch (v.type()) {
            case S -> v.s();
            case N -> new BigDecimal(v.n());
            case BOOL -> v.bool();
            case NUL -> null;
            case M -> values(v.m());
            case L -> {
                List<Object> list = new ArrayList<>();
                v.l().forEach(item -> list.add(value(item)));
                yield list;
            }
            case SS -> List.copyOf(v.ss());
            case NS -> v.ns().stream().map(BigDecimal::new).toList();
            case B -> v.b().asByteArray();
            case BS -> v.bs().stream().map(SdkBytes::asByteArray).toList();
            case UNKNOWN_TO_SDK_VERSION -> throw new IllegalArgumentException("unknown attribute type in " + v);
        };
    }

    /**
     * An item's size as DynamoDB counts it for capacity: names and values in UTF-8, a number a byte per two digits
     * and one, a map or list 3 bytes and 1 a member, a boolean or null 1.
     */
    public static int itemSize(Map<String, AttributeValue> item) {
        return item.entrySet().stream().mapToInt(e -> utf8(e.getKey()) + size(e.getValue())).sum();
    }

    private static int size(AttributeValue value) {
        return switch (value.type()) {
            case S -> utf8(value.s());
            case N -> new BigDecimal(value.n()).stripTrailingZeros().precision() / 2 + 2;
            case B -> value.b().asByteArray().length;
            case BOOL, NUL -> 1;
            case M -> 3 + value.m().entrySet().stream().mapToInt(e -> 1 + utf8(e.getKey()) + size(e.getValue())).sum();
            case L -> 3 + value.l().stream().mapToInt(v -> 1 + size(v)).sum();
            case SS -> value.ss().stream().mapToInt(AttributeValues::utf8).sum();
            case NS -> value.ns().stream().mapToInt(n -> n.length() / 2 + 2).sum();
            case BS -> value.bs().stream().mapToInt(b -> b.asByteArray().length).sum();
            case UNKNOWN_TO_SDK_VERSION -> throw new IllegalArgumentException("unknown attribute type in " + value);
        };
    }

    private static int utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    /** Values of a stream image as Lambda delivers it (the events library has its own AttributeValue). */
    public static Map<String, Object> fromStreamImage(
            Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> image) {
        Map<String, Object> values = new LinkedHashMap<>();
        image.forEach((name, value) -> values.put(name, fromStream(value)));
        return values;
    }

    private static Object fromStream(com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue v) {
        if (v.getS() != null) {
            return v.getS();
        }
        if (v.getN() != null) {
            return new BigDecimal(v.getN());
        }
        if (v.getBOOL() != null) {
            return v.getBOOL();
        }
        if (v.getM() != null) {
            return fromStreamImage(v.getM());
        }
        if (v.getL() != null) {
            return v.getL().stream().map(AttributeValues::fromStream).toList();
        }
        if (v.getSS() != null) {
            return List.copyOf(v.getSS());
        }
        if (v.getNS() != null) {
            return v.getNS().stream().map(BigDecimal::new).toList();
        }
        return null;
    }
}
