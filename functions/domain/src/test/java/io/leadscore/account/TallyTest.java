package io.leadscore.account;

import io.leadscore.lifecycle.Stage;
import io.leadscore.model.AccountPolicy;
import io.leadscore.model.AccountPolicy.Aggregate;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An account's tally, moved share by share, always says what a recount of its members says: sum, max and top-N, in
 * total and per group, coverage, owner, stages, the committee's top members and each member's contribution; and it
 * recounts only when a leaderboard falls short.
 */
class TallyTest {
    private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");
    private static final List<String> GROUPS = List.of("platform", "analytics");

    @Test
    void aTallyMovedShareByShareEqualsARecountOfItsMembersUnderEveryAggregate() {
        for (AccountPolicy policy : List.of(policy(Aggregate.SUM, 3), policy(Aggregate.MAX, 3),
                policy(Aggregate.TOP, 3))) {
            int recounts = 0;
            int moves = 0;
            for (long seed = 0; seed < 200; seed++) {
                Random random = new Random(seed);
                Map<String, Member> members = new HashMap<>();
                Account account = Account.newAccount("acme");
                for (int step = 0; step < 80; step++) {
                    String leadId = "lead-" + random.nextInt(15);
                    Member before = members.get(leadId);
                    Member after = random.nextInt(5) == 0 ? null
                            : random.nextInt(6) == 0 && before != null ? before : share(random); // again: a retry
                    Map<String, Member> others = Map.copyOf(members);
                    boolean[] recounted = {false};
                    account = account.withMember(leadId, before, after, T0, policy, () -> {
                        recounted[0] = true;
                        return others;
                    });
                    if (after == null) {
                        members.remove(leadId);
                    } else {
                        members.put(leadId, after);
                    }
                    recounts += recounted[0] ? 1 : 0;
                    moves++;
                    assertSameFigures(Tally.of(members, policy), account.tally(), members, policy,
                            policy.aggregate() + " seed " + seed + " step " + step);
                }
            }
            assertTrue(recounts > 0 && recounts * 5 < moves, policy.aggregate() + ": " + recounts
                    + " recounts in " + moves + " moves: leaders fell out, yet most moves were differences");
        }
    }

    @Test
    void aRecountIsNeededOnlyWhenALeaderFallsOutOfABoardThatIsThenTooShort() {
        AccountPolicy policy = policy(Aggregate.SUM, 3);
        Map<String, Member> members = new HashMap<>();
        for (int i = 0; i < 100; i++) {
            members.put("lead-" + i, new Member(i, Map.of(), null, null, null));
        }
        Tally tally = Tally.of(members, policy);
        int depth = Tally.depth(policy, true);
        assertEquals(depth, tally.leaders().size());

        Tally raised = tally.with("lead-3", members.get("lead-3"), new Member(10, Map.of(), null, null, null), policy)
                .orElseThrow();
        assertEquals(100 * 99 / 2 + 7, raised.score(), "a member outside the board: its difference");
        Tally fallen = tally;
        for (int i = 99; i > 99 - Tally.SLACK; i--) { // the slack's worth of leaders fall to the bottom
            fallen = fallen.with("lead-" + i, new Member(i, Map.of(), null, null, null),
                    new Member(0, Map.of(), null, null, null), policy).orElseThrow();
        }
        assertEquals(depth - Tally.SLACK, fallen.leaders().size());
        assertTrue(fallen.with("lead-97", new Member(97, Map.of(), null, null, null),
                new Member(0, Map.of(), null, null, null), policy).isEmpty(), "one more: only a recount knows who is next");
    }

    private static void assertSameFigures(Tally recount, Tally moved, Map<String, Member> members, AccountPolicy policy,
                                          String what) {
        assertEquals(recount.totals(policy), moved.totals(policy), what);
        assertEquals(recount.owner(), moved.owner(), what);
        assertEquals(recount.memberStages(), moved.memberStages(), what);
        assertEquals(top(recount, AccountScorer.TOP_MEMBERS), top(moved, AccountScorer.TOP_MEMBERS), what);
        members.forEach((leadId, member) -> assertEquals(recount.contribution(leadId, member, policy),
                moved.contribution(leadId, member, policy), what + " " + leadId));
    }

    private static List<Tally.Leader> top(Tally tally, int n) {
        return tally.leaders().subList(0, Math.min(n, tally.leaders().size()));
    }

    private static Member share(Random random) {
        Map<String, Integer> groups = new HashMap<>();
        GROUPS.stream().filter(g -> random.nextBoolean()).forEach(g -> groups.put(g, random.nextInt(60) - 10));
        return new Member(random.nextInt(140) - 20, groups,
                List.of("decisionMaker", "champion", "").get(random.nextInt(3)).transform(r -> r.isEmpty() ? null : r),
                random.nextInt(3) == 0 ? null : List.of("kim", "sam").get(random.nextInt(2)),
                List.of(Stage.LEAD, Stage.MQL, Stage.SQL, Stage.WON).get(random.nextInt(4)));
    }

    private static AccountPolicy policy(Aggregate aggregate, int top) {
        return new AccountPolicy(aggregate, top, 20, Set.of(), Map.of(), List.of());
    }
}
