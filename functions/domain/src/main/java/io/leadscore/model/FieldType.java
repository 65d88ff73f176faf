package io.leadscore.model;

/** The value type of an event property or profile field; conditions and validation check against it. */
public enum FieldType {
    STRING, NUMBER;

    static FieldType parse(String text) {
        return switch (text) {
            case "string" -> STRING;
            case "number" -> NUMBER;
            default -> throw new IllegalArgumentException("type must be 'string' or 'number', not '" + text + "'");
        };
    }

    public boolean accepts(Object value) {
        return this == STRING ? value instanceof String : value instanceof Number;
    }

    @Override
    public String toString() {
        return name().toLowerCase();
    }
}
