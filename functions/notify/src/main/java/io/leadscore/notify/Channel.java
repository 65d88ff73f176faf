package io.leadscore.notify;

/** How destinations of one type are reached: one attempt at handing over a notification, never an exception. */
interface Channel {
    Attempt send(Notification notification);
}
