package io.leadscore.ingest;

import io.leadscore.activity.Activity;
import io.leadscore.activity.ActivityValidator.Checked;
import io.leadscore.activity.FieldError;
import io.leadscore.model.AccountPolicy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What a browser key may send. The key is in every page of the site, so anyone can send with it: it takes behaviour
 * and the visitor's own identity, never the facts a CRM or the site's servers own, which move a lead between accounts
 * and sales owners and so decide who is told about it.
 */
final class BrowserEvents {
    /** Event types for servers only: a profile update rewrites any lead's profile. */
    static final Set<String> SERVER_TYPES = Set.of("profile_update");
    /** Profile fields for servers only: the account a lead counts in, and its sales owner (routing). */
    static final Set<String> SERVER_FIELDS = Set.of(AccountPolicy.ACCOUNT_FIELD, AccountPolicy.OWNER_FIELD);

    private BrowserEvents() {
    }

    /** The event as checked, refused with every field a browser key may not send. */
    static Checked check(Checked checked, String path) {
        Activity activity = checked.activity();
        List<FieldError> errors = new ArrayList<>();
        if (SERVER_TYPES.contains(activity.type())) {
            errors.add(new FieldError(at(path, "type"), activity.type() + " events are taken only with a server key"
                    + " (a browser key sends behaviour and the visitor's identity)"));
        }
        activity.properties().keySet().stream().filter(SERVER_FIELDS::contains).sorted().forEach(field ->
                errors.add(new FieldError(at(path, "properties." + field), "is taken only with a server key"
                        + " (it is the CRM's: a browser key cannot move a lead to an account or an owner)")));
        return errors.isEmpty() ? checked : new Checked(null, errors);
    }

    private static String at(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }
}
