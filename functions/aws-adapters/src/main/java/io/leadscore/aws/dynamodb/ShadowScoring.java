package io.leadscore.aws.dynamodb;

import io.leadscore.activity.Retention;
import io.leadscore.challenger.Challenge;
import io.leadscore.model.ScoringModel;
import io.leadscore.scoring.ScoringRun;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.util.Optional;

/**
 * Scoring in shadow under a model's running challenger: a {@link ScoringRun} of the challenger's revision over its
 * {@link ShadowStore}, or nothing when no challenge runs. What it costs when none runs: one GetItem of the challenge
 * item per call. The revision's body is read once per container (revisions never change).
 */
public final class ShadowScoring {
    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;
    private final Retention retention;
    private final ModelStore models;
    private final ChallengeStore challenges;
    private final String modelId;
    private volatile Loaded loaded;

    private record Loaded(int revision, ScoringModel model) {
    }

    public ShadowScoring(DynamoDbClient dynamo, String table, Clock clock, Retention retention, String modelId) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
        this.retention = retention;
        this.models = new ModelStore(dynamo, table);
        this.challenges = new ChallengeStore(dynamo, table);
        this.modelId = modelId;
    }

    /** The shadow run of the challenge running now; empty when none does. */
    public Optional<ScoringRun> now() {
        return challenges.challenge(modelId).filter(Challenge::running).map(challenge -> {
            ScoringModel model = model(challenge.revision());
            return new ScoringRun(new ShadowStore(dynamo, table, clock, retention, challenge, model), model, clock);
        });
    }

    private ScoringModel model(int revision) {
        Loaded current = loaded;
        if (current == null || current.revision() != revision) {
            current = new Loaded(revision, models.parsedRevision(modelId, revision).orElseThrow(() ->
                    new IllegalStateException("model '" + modelId + "' is challenged by revision " + revision
                            + ", which is not stored")).model());
            loaded = current;
        }
        return current.model();
    }
}
