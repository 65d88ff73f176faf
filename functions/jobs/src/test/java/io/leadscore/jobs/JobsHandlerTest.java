package io.leadscore.jobs;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import io.leadscore.aws.lambda.Environment;
import io.leadscore.local.LocalDynamoDb;
import io.leadscore.local.LocalFunctions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;

import java.util.HashMap;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The handler fed with the bus's sample events, as EventBridge invokes it, on DynamoDB Local. */
class JobsHandlerTest {
    private final LocalDynamoDb dynamoDb = LocalDynamoDb.shared();
    private JobsHandler handler;

    @BeforeEach
    void freshTable() {
        dynamoDb.freshTables();
        handler = new JobsHandler(new Environment(LocalFunctions.environment("JobsFunction")));
    }

    @ParameterizedTest
    @Event(value = "../../events/bus/job-segment-ready.json", type = ScheduledEvent.class)
    void aSegmentOfAJobThatIsNotStoredIsNothingToDo(ScheduledEvent event) {
        assertNull(handler.handleRequest(event, null), "no retry: there is nothing to resume");
    }

    /** An event it cannot read fails the invocation: retrying cannot help, but the event ends in the dead letters. */
    @ParameterizedTest
    @Event(value = "../../events/bus/job-segment-ready.json", type = ScheduledEvent.class)
    void anEventItCannotReadFailsTheInvocation(ScheduledEvent event) {
        event.setDetail(new HashMap<>(event.getDetail()));
        event.getDetail().remove("segments");
        assertThrows(IllegalArgumentException.class, () -> handler.handleRequest(event, null));
        event.setDetailType("ModelReviewDue");
        assertThrows(RuntimeException.class, () -> handler.handleRequest(event, null));
    }
}
