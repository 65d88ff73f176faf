package io.leadscore.account;

import io.leadscore.lifecycle.Stage;
import io.leadscore.model.AccountPolicy;
import io.leadscore.model.AccountPolicy.Aggregate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What an account's figures need of its members, in a size that does not grow with them: counts (members, engaged
 * members, engaged members per role, members per owner and per stage), sums (score and per group) and leaderboards
 * (the best members, overall and, under max or top-N, per group). A member's change moves it by the difference
 * between the member's old and new share, so writing an account costs the same for 1 member or 10,000; only when a
 * leaderboard member falls out of a leaderboard that is then too short does {@link #with} give up, and the tally
 * is recounted from all the members ({@link #of}).
 *
 * @param fit     the policy it was counted under: another engagedAt, aggregate or top N needs a recount
 * @param leaders the best members, best first (ties by lead id), exactly the top ones, at most {@link #depth}
 */
public record Tally(Fit fit, int members, int engaged, int score, Map<String, GroupTally> groups,
                    Map<String, Integer> roles, Map<String, Integer> owners, Map<String, Integer> stages,
                    List<Leader> leaders, Map<String, List<Leader>> groupLeaders) {

    public static final Tally EMPTY = new Tally(null, 0, 0, 0, Map.of(), Map.of(), Map.of(), Map.of(), List.of(),
            Map.of());
    /**
     * Leaderboard places kept beyond those the figures need: each lets one more leader fall out before a recount
     * reads every member, at some 50 bytes a place in every write of the account.
     */
    static final int SLACK = 2;
    private static final Comparator<Leader> BEST_FIRST = Comparator.comparingInt((Leader l) -> -l.points())
            .thenComparing(Leader::leadId);

    /** The policy's parameters a tally depends on. */
    public record Fit(Aggregate aggregate, int top, int engagedAt) {
        static Fit of(AccountPolicy policy) {
            return new Fit(policy.aggregate(), policy.top(), policy.engagedAt());
        }
    }

    /** A score group's members (those whose share has the group) and their points added up. */
    public record GroupTally(int members, int points) {
    }

    /** A member on a leaderboard: its points (overall or in the group) and, overall, its role. */
    public record Leader(String leadId, int points, String role) {
    }

    public Tally {
        groups = Map.copyOf(groups);
        roles = Map.copyOf(roles);
        owners = Map.copyOf(owners);
        stages = Map.copyOf(stages);
        leaders = List.copyOf(leaders);
        groupLeaders = Map.copyOf(groupLeaders);
    }

    /** Counted from scratch. */
    public static Tally of(Map<String, Member> members, AccountPolicy policy) {
        Tally tally = new Tally(Fit.of(policy), 0, 0, 0, Map.of(), Map.of(), Map.of(), Map.of(), List.of(), Map.of());
        Counter counter = tally.counter(policy);
        members.forEach((leadId, member) -> counter.add(member, 1));
        List<Map.Entry<String, Member>> all = List.copyOf(members.entrySet());
        List<Leader> leaders = best(all.stream().map(e -> leader(e.getKey(), e.getValue())), depth(policy, true));
        Map<String, List<Leader>> groupLeaders = new TreeMap<>();
        if (policy.aggregate() != Aggregate.SUM) {
            counter.groups.keySet().forEach(group -> groupLeaders.put(group, best(all.stream()
                    .filter(e -> e.getValue().groups().containsKey(group))
                    .map(e -> new Leader(e.getKey(), e.getValue().groups().get(group), null)), depth(policy, false))));
        }
        return counter.tally(leaders, groupLeaders);
    }

    /** Whether its figures are those of this policy. */
    public boolean fits(AccountPolicy policy) {
        return members == 0 || Fit.of(policy).equals(fit);
    }

    /**
     * The tally with {@code leadId}'s share moved from {@code before} to {@code after} (null: not a member); empty when
     * a leaderboard fell short with members outside it, whom only a recount finds.
     */
    public Optional<Tally> with(String leadId, Member before, Member after, AccountPolicy policy) {
        Counter counter = counter(policy);
        if (before != null) {
            counter.add(before, -1);
        }
        if (after != null) {
            counter.add(after, 1);
        }
        Optional<List<Leader>> overall = board(leaders, members, before != null,
                after == null ? null : leader(leadId, after), leadId, policy, true);
        if (overall.isEmpty()) {
            return Optional.empty();
        }
        Map<String, List<Leader>> nextGroups = new TreeMap<>();
        if (policy.aggregate() != Aggregate.SUM) {
            Set<String> touched = new TreeSet<>(groupLeaders.keySet());
            Stream.of(before, after).filter(m -> m != null).forEach(m -> touched.addAll(m.groups().keySet()));
            for (String group : touched) {
                GroupTally was = groups.getOrDefault(group, new GroupTally(0, 0));
                Optional<List<Leader>> board = board(groupLeaders.getOrDefault(group, List.of()), was.members(),
                        before != null && before.groups().containsKey(group),
                        after == null || !after.groups().containsKey(group) ? null
                                : new Leader(leadId, after.groups().get(group), null), leadId, policy, false);
                if (board.isEmpty()) {
                    return Optional.empty();
                }
                if (counter.groups.containsKey(group)) {
                    nextGroups.put(group, board.get());
                }
            }
        }
        return Optional.of(counter.tally(overall.get(), nextGroups));
    }

    /**
     * A leaderboard with the lead's entry moved: still exactly the best of its population, or empty when it fell
     * below what the figures need while members outside it remain.
     *
     * @param population how many members the board ranked before, the lead included if {@code wasIn}
     */
    private static Optional<List<Leader>> board(List<Leader> board, int population, boolean wasIn, Leader entry,
                                                String leadId, AccountPolicy policy, boolean overall) {
        List<Leader> next = new ArrayList<>(board.stream().filter(l -> !l.leadId().equals(leadId)).toList());
        int others = population - (wasIn ? 1 : 0);
        if (entry != null) {
            boolean outsiders = others > next.size();
            // below the last leader with others outside: the lead is one of them, and the board stays their best
            if (!outsiders || !next.isEmpty() && BEST_FIRST.compare(entry, next.get(next.size() - 1)) < 0) {
                next.add(entry);
                next.sort(BEST_FIRST);
            }
        }
        int members = others + (entry == null ? 0 : 1);
        List<Leader> kept = next.subList(0, Math.min(next.size(), depth(policy, overall)));
        return kept.size() < Math.min(members, depth(policy, overall) - SLACK) ? Optional.empty()
                : Optional.of(List.copyOf(kept));
    }

    /** The places a leaderboard keeps: those the figures need (overall also the committee's top members), and slack. */
    static int depth(AccountPolicy policy, boolean overall) {
        int needed = switch (policy.aggregate()) {
            case SUM -> 0;
            case MAX -> 1;
            case TOP -> policy.top();
        };
        return (overall ? Math.max(needed, AccountScorer.TOP_MEMBERS) : needed) + SLACK;
    }

    private static List<Leader> best(Stream<Leader> leaders, int depth) {
        return leaders.sorted(BEST_FIRST).limit(depth).toList();
    }

    private static Leader leader(String leadId, Member member) {
        return new Leader(leadId, member.score(), member.role());
    }

    /** The account's figures under the policy it was counted under. */
    public Account.Totals totals(AccountPolicy policy) {
        Function<List<Leader>, Integer> combined = board -> policy.combine(board.stream().map(Leader::points).toList());
        Map<String, Integer> groupScores = new TreeMap<>();
        groups.forEach((group, tally) -> groupScores.put(group, policy.aggregate() == Aggregate.SUM ? tally.points()
                : combined.apply(groupLeaders.getOrDefault(group, List.of()))));
        List<String> filled = roles.entrySet().stream().filter(e -> e.getValue() > 0).map(Map.Entry::getKey)
                .sorted().toList();
        return new Account.Totals(policy.aggregate() == Aggregate.SUM ? score : combined.apply(leaders), groupScores,
                members, engaged, filled);
    }

    /** The owner most members' CRM records name (ties: the first by name); empty when none does. */
    public Optional<String> owner() {
        return owners.entrySet().stream().max(Map.Entry.<String, Integer>comparingByValue()
                .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder()))).map(Map.Entry::getKey);
    }

    /** The stages its members are in. */
    public Set<Stage> memberStages() {
        return stages.keySet().stream().map(Stage::valueOf).collect(Collectors.toSet());
    }

    /**
     * What each of these members adds to the account's score: its points (sum), the best member's points (max), or
     * its share of the top members' average (top); members outside the aggregate add 0.
     */
    public int contribution(String leadId, Member member, AccountPolicy policy) {
        return switch (policy.aggregate()) {
            case SUM -> member.score();
            case MAX -> !leaders.isEmpty() && leaders.get(0).leadId().equals(leadId) ? member.score() : 0;
            case TOP -> {
                int counted = Math.min(policy.top(), members);
                yield leaders.stream().limit(counted).anyMatch(l -> l.leadId().equals(leadId))
                        ? Math.round((float) member.score() / counted) : 0;
            }
        };
    }

    private Counter counter(AccountPolicy policy) {
        return new Counter(this, policy);
    }

    /** Adds and takes away shares, on copies of a tally's counts. */
    private static final class Counter {
        private final AccountPolicy policy;
        private int members;
        private int engaged;
        private int score;
        private final Map<String, GroupTally> groups;
        private final Map<String, Integer> roles;
        private final Map<String, Integer> owners;
        private final Map<String, Integer> stages;

        Counter(Tally from, AccountPolicy policy) {
            this.policy = policy;
            members = from.members;
            engaged = from.engaged;
            score = from.score;
            groups = new TreeMap<>(from.groups);
            roles = new TreeMap<>(from.roles);
            owners = new TreeMap<>(from.owners);
            stages = new TreeMap<>(from.stages);
        }

        /** Counts the share in ({@code sign} 1) or out (-1). */
        void add(Member member, int sign) {
            members += sign;
            score += sign * member.score();
            member.groups().forEach((group, points) -> {
                GroupTally was = groups.getOrDefault(group, new GroupTally(0, 0));
                put(groups, group, new GroupTally(was.members() + sign, was.points() + sign * points),
                        was.members() + sign);
            });
            if (member.engaged(policy)) {
                engaged += sign;
                if (member.role() != null) {
                    count(roles, member.role(), sign);
                }
            }
            if (member.owner() != null) {
                count(owners, member.owner(), sign);
            }
            count(stages, member.stage().name(), sign);
        }

        private static void count(Map<String, Integer> counts, String key, int sign) {
            int next = counts.getOrDefault(key, 0) + sign;
            put(counts, key, next, next);
        }

        /** Keeps only what some member still has, so the tally is the same however its members came and went. */
        private static <V> void put(Map<String, V> map, String key, V value, int members) {
            if (members == 0) {
                map.remove(key);
            } else {
                map.put(key, value);
            }
        }

        Tally tally(List<Leader> leaders, Map<String, List<Leader>> groupLeaders) {
            return new Tally(members == 0 ? null : Fit.of(policy), members, engaged, score, groups, roles, owners,
                    stages, leaders, new HashMap<>(groupLeaders));
        }
    }
}
