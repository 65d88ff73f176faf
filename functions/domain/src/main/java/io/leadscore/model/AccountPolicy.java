package io.leadscore.model;

import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How leads add up to accounts (account-based marketing): which account a lead belongs to, how the members'
 * scores combine, who counts as engaged, which buying-committee roles a job title or department fills, and
 * the account thresholds (MQA), which may also require committee coverage.
 *
 * @param aggregate       how members' scores combine, in total and per group
 * @param top             how many of the best members {@link Aggregate#TOP} averages
 * @param engagedAt       the score from which a member counts as engaged
 * @param freeMailDomains email domains that never form an account (a gmail.com address says nothing of a company)
 * @param roles           buying-committee roles in the order they are tried: a member fills the first that matches
 */
public record AccountPolicy(Aggregate aggregate, int top, int engagedAt, Set<String> freeMailDomains,
                            Map<String, Condition> roles, List<AccountThreshold> thresholds) {

    /** The profile field naming a lead's account explicitly; it wins over the email's domain. */
    public static final String ACCOUNT_FIELD = "accountId";
    public static final String EMAIL_FIELD = "email";
    /** The profile field naming the account's owner in sales (set by a CRM update): where its MQA is routed. */
    public static final String OWNER_FIELD = "accountOwner";

    public static final Set<String> DEFAULT_FREE_MAIL_DOMAINS = Set.of("gmail.com", "googlemail.com", "yahoo.com",
            "yahoo.co.uk", "hotmail.com", "outlook.com", "live.com", "msn.com", "aol.com", "icloud.com", "me.com",
            "mac.com", "proton.me", "protonmail.com", "gmx.com", "gmx.de", "gmx.net", "web.de", "mail.com",
            "yandex.com", "yandex.ru", "mail.ru", "qq.com", "163.com", "126.com", "zoho.com", "fastmail.com",
            "hey.com", "tutanota.com", "orange.fr", "free.fr", "laposte.net", "libero.it", "t-online.de");

    public enum Aggregate {
        /** The members' points added up: the committee's combined engagement. */
        SUM,
        /** The best member's points: the account is as ready as its most engaged person. */
        MAX,
        /** The average of the {@code top} best members: breadth without rewarding a crowd of tire-kickers. */
        TOP
    }

    /**
     * An account threshold: the score, plus the committee coverage the model requires (0: none).
     */
    public record AccountThreshold(Threshold threshold, int roles, int engagedMembers) {
    }

    public AccountPolicy {
        freeMailDomains = freeMailDomains.stream().map(d -> d.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        roles = Collections.unmodifiableMap(new LinkedHashMap<>(roles));
        thresholds = List.copyOf(thresholds);
    }

    /** The account a lead with this profile belongs to: its explicit account id, else its company's domain. */
    public Optional<String> accountOf(Map<String, Object> profile) {
        if (profile.get(ACCOUNT_FIELD) instanceof String id && !id.isBlank()) {
            return Optional.of(id.strip());
        }
        if (profile.get(EMAIL_FIELD) instanceof String email) {
            int at = email.lastIndexOf('@');
            String domain = email.substring(at + 1).strip().toLowerCase(Locale.ROOT);
            if (at > 0 && domain.contains(".") && !freeMailDomains.contains(domain)) {
                return Optional.of(domain);
            }
        }
        return Optional.empty();
    }

    /** The first buying-committee role this profile fills, if any. */
    public Optional<String> roleOf(Map<String, Object> profile) {
        return roles.entrySet().stream().filter(role -> role.getValue().test(profile::get))
                .map(Map.Entry::getKey).findFirst();
    }

    /**
     * The threshold whose qualification is the account's MQA: the sales-ready one, else the first; empty when the
     * model has no account thresholds.
     */
    public Optional<AccountThreshold> qualifying() {
        return thresholds.stream().filter(t -> t.threshold().name().equals(ScoringModel.SALES_READY)).findFirst()
                .or(() -> thresholds.stream().findFirst());
    }

    /** Combines the members' points. */
    public int combine(List<Integer> points) {
        return switch (aggregate) {
            case SUM -> points.stream().mapToInt(Integer::intValue).sum();
            case MAX -> points.stream().mapToInt(Integer::intValue).max().orElse(0);
            case TOP -> (int) Math.round(points.stream().sorted(Comparator.reverseOrder()).limit(top)
                    .mapToInt(Integer::intValue).average().orElse(0));
        };
    }
}
