package io.leadscore.query;

import io.leadscore.aws.dynamodb.DeliveryLog;
import io.leadscore.aws.dynamodb.Outbox;

import java.util.List;

/** What a lead or an account was announced (qualified, disqualified, went cold), and how each reached sales. */
final class Notifications {
    private final Outbox outbox;
    private final DeliveryLog deliveries;

    Notifications(Outbox outbox, DeliveryLog deliveries) {
        this.outbox = outbox;
        this.deliveries = deliveries;
    }

    List<LeadView.Notification> forLead(String leadId) {
        return withDeliveries(outbox.forLead(leadId));
    }

    List<LeadView.Notification> forAccount(String accountId) {
        return withDeliveries(outbox.forAccount(accountId));
    }

    private List<LeadView.Notification> withDeliveries(List<Outbox.Record> announcements) {
        return announcements.stream().map(announcement -> new LeadView.Notification(LeadView.Announced.of(announcement),
                deliveries.forQualification(announcement.qualificationId()))).toList();
    }
}
