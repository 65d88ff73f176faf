package io.leadscore.announcement;

/** An account's announcement, kept in the account's partition rather than a lead's. */
public sealed interface AccountAnnouncement extends Announcement permits AccountQualified, AccountDisqualified {

    String accountId();

    /** The buying committee when the account crossed the line. */
    Committee committee();
}
