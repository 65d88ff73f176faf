package io.leadscore.cli;

import picocli.CommandLine;

/** A revision as the user names it: its number, or {@code published} (looked up in the model's revision list). */
record RevisionRef(Integer number) {
    static final String PUBLISHED = "published";

    int resolve(AdminApi api, String modelId) {
        if (number != null) {
            return number;
        }
        var published = api.revisions(modelId).json().path("published");
        if (!published.canConvertToInt()) {
            throw new Failure(ExitCode.FAILED, "model " + modelId + " has no published revision");
        }
        return published.asInt();
    }

    @Override
    public String toString() {
        return number == null ? PUBLISHED : number.toString();
    }

    /** picocli: {@code 3} or {@code published}. */
    static final class Converter implements CommandLine.ITypeConverter<RevisionRef> {
        @Override
        public RevisionRef convert(String value) {
            if (PUBLISHED.equalsIgnoreCase(value)) {
                return new RevisionRef(null);
            }
            try {
                int number = Integer.parseInt(value);
                if (number > 0) {
                    return new RevisionRef(number);
                }
            } catch (NumberFormatException e) {
                // refused below
            }
            throw new CommandLine.TypeConversionException("'" + value + "' is not a revision: a number from 1, or "
                    + PUBLISHED);
        }
    }
}
