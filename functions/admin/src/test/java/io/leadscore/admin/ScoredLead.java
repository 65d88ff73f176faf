package io.leadscore.admin;

import io.leadscore.activity.Activity;
import io.leadscore.activity.Retention;
import io.leadscore.aws.dynamodb.LeadStore;
import io.leadscore.local.LocalDynamoDb;
import io.leadscore.model.ModelLoader;
import io.leadscore.scoring.ScoringRun;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/** The lead the feedback samples name: dana, scored on DynamoDB Local at 15 points (a pricing view), stage lead. */
final class ScoredLead {
    private ScoredLead() {
    }

    static LeadStore dana(LocalDynamoDb dynamoDb) {
        LeadStore leads = new LeadStore(dynamoDb.client(), dynamoDb.tableName("LeadScoreTable"), Clock.systemUTC(),
                Retention.DEFAULT);
        Instant at = Instant.parse("2026-11-23T09:00:00Z");
        new ScoringRun(leads, ModelLoader.defaultModel(), Clock.fixed(at, ZoneOffset.UTC)).apply(new ScoringRun.Group(
                Map.of("dana", List.of(new Activity("e-1", "page_view", "dana", at,
                        Map.of("url", "https://acme.example/pricing"), "site", at))), null));
        return leads;
    }
}
