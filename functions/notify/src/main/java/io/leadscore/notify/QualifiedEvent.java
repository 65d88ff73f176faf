package io.leadscore.notify;

import io.leadscore.announcement.AccountQualified;
import io.leadscore.announcement.Announcement;
import io.leadscore.announcement.LeadQualified;
import io.leadscore.announcement.Qualified;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A qualification as the event bus delivered it: the announcement, read through the bus contract, and its detail as
 * received, which signed webhooks forward as it is (fields this version does not know included).
 *
 * @param detail the event's detail; its null values (the total score's group) are kept
 */
record QualifiedEvent(Qualified qualified, Map<String, Object> detail) implements Notice {

    /** Who qualified; each has its own detail-type and id field. */
    enum Subject {
        LEAD(LeadQualified.DETAIL_TYPE, "leadId", "lead"),
        ACCOUNT(AccountQualified.DETAIL_TYPE, "accountId", "account");

        private final String detailType;
        private final String idField;
        private final String noun;

        Subject(String detailType, String idField, String noun) {
            this.detailType = detailType;
            this.idField = idField;
            this.noun = noun;
        }

        String detailType() {
            return detailType;
        }

        String idField() {
            return idField;
        }

        String noun() {
            return noun;
        }
    }

    QualifiedEvent {
        detail = Collections.unmodifiableMap(new LinkedHashMap<>(detail));
    }

    /**
     * Reads an event's detail, refusing any other detail-type, and a detail with every missing or malformed field
     * named.
     */
    static QualifiedEvent from(String detailType, Map<String, Object> detail) {
        if (Arrays.stream(Subject.values()).noneMatch(subject -> subject.detailType.equals(detailType))) {
            throw new IllegalArgumentException("detail-type '" + detailType + "' is not a qualification ("
                    + String.join(", ", Arrays.stream(Subject.values()).map(Subject::detailType).toList()) + ")");
        }
        return new QualifiedEvent((Qualified) Announcement.read(detailType, detail), detail);
    }

    @Override
    public Qualified event() {
        return qualified;
    }

    @Override
    public Instant occurredAt() {
        return qualified.at();
    }

    Subject subject() {
        return qualified instanceof AccountQualified ? Subject.ACCOUNT : Subject.LEAD;
    }

    /** The lead's or the account's id. */
    String subjectId() {
        return qualified instanceof AccountQualified account ? account.accountId() : qualified.leadId();
    }

    @Override
    public String qualificationId() {
        return qualified.qualificationId();
    }

    /** A profile field as text, if the publisher sent a non-blank value. */
    Optional<String> profileText(String field) {
        Object value = qualified.profile().get(field);
        return value == null || value instanceof Map || value instanceof List
                ? Optional.empty()
                : Optional.of(String.valueOf(value).strip()).filter(text -> !text.isEmpty());
    }
}
