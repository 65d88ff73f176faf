package io.leadscore.history;

import io.leadscore.activity.Activity;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * What an import of history needs of storage: activities recorded apart from live ones, so that the score function
 * does not apply them one by one ({@link io.leadscore.scoring.HistoryRun} replays them in time order instead), but
 * beside them, so that a lead's history, its export and its erasure include them. The table implements it.
 */
public interface ImportedActivities {

    /** Records it once: false when its lead has an activity with its event id already (imported or live). */
    boolean record(Activity activity);

    /** The activities imports recorded for the lead (its id), applied or not, read consistently. */
    List<Activity> imported(String leadId);

    /** The erased leads among these, whose events are refused (empty when erased leads may start again). */
    Set<String> erased(Collection<String> leadIds);
}
