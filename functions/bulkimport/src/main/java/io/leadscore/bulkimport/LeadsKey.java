package io.leadscore.bulkimport;

import io.leadscore.bulk.LeadMapping;

import java.util.Optional;

/**
 * A key under the import bucket's {@code leads/} prefix: {@code leads/<mapping>/<name>.csv}, a CRM's contact export
 * read with the ready-made mapping its folder names.
 *
 * @param mapping the folder's name, empty for a file right under {@code leads/}
 */
record LeadsKey(String mapping) {
    static final String PREFIX = "leads/";
    static final String SUFFIX = ".csv";

    /** The key as a leads upload; none when it is not under {@code leads/} or not a {@code .csv}. */
    static Optional<LeadsKey> of(String key) {
        if (!key.startsWith(PREFIX) || !key.endsWith(SUFFIX)) {
            return Optional.empty();
        }
        String rest = key.substring(PREFIX.length());
        return Optional.of(new LeadsKey(rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : ""));
    }

    /** The folder, as the uploader named it. */
    String prefix() {
        return PREFIX + mapping + "/";
    }

    Optional<LeadMapping> readyMade() {
        return LeadMapping.readyMade(mapping);
    }
}
