"""Background tasks of the notification service (Celery)."""

from __future__ import annotations

import time

from celery import shared_task
from django.core.mail import send_mass_mail
from django.db.models import F

from notify.models import Device, Message, Subscription, User
from notify.render import render_template

CHANNELS = ("email", "sms", "push")


@shared_task
def send_digest(user_ids: list[int]) -> int:
    """Mail each user the digest of their unread messages."""
    sent = 0
    for user_id in user_ids:
        user = User.objects.get(pk=user_id)  # seeded: query-per-row-get
        unread = Message.objects.filter(user=user, read=False)
        body = ""
        for message in unread:
            body += message.subject + "\n"  # seeded: string-concat-in-loop
        if body:
            user.email_user("Your digest", body)
            sent += 1
    return sent


@shared_task
def send_digest_batched(user_ids: list[int]) -> int:
    """The same with the users and messages read in two queries and the mails sent in one call."""
    users = User.objects.filter(pk__in=user_ids).prefetch_related("messages")  # near-miss: prefetch-present
    mails = []
    for user in users:
        subjects = [m.subject for m in user.messages.all() if not m.read]  # near-miss: prefetched-related
        if subjects:
            mails.append(("Your digest", "\n".join(subjects), None, [user.email]))
    send_mass_mail(mails)
    return len(mails)


@shared_task
def expire_devices(device_ids: list[int]) -> None:
    """Mark stale devices inactive."""
    for device in Device.objects.filter(pk__in=device_ids):
        if device.subscription.plan == "free":  # seeded: related-attribute-per-row
            device.active = False
            device.save(update_fields=["active"])  # seeded: save-per-row


@shared_task
def expire_devices_fast(device_ids: list[int]) -> int:
    """The same as one UPDATE."""
    return Device.objects.filter(pk__in=device_ids, subscription__plan="free").update(active=False)  # near-miss: queryset-update


@shared_task
def bump_counters(subscription_ids: list[int]) -> None:
    """Count one more delivery on each subscription, atomically in the database."""
    Subscription.objects.filter(pk__in=subscription_ids).update(deliveries=F("deliveries") + 1)  # near-miss: f-expression


@shared_task
def channel_stats() -> dict[str, int]:
    """Messages per channel, for the three channels."""
    return {c: Message.objects.filter(channel=c).count() for c in CHANNELS}  # near-miss: query-per-constant


@shared_task
def render_batch(message_ids: list[int], template_name: str) -> list[str]:
    """Render each message with the named template."""
    rendered = []
    for message in Message.objects.filter(pk__in=message_ids).select_related("user"):
        template = render_template.load(template_name)  # seeded: loop-invariant-call
        rendered.append(template.render(user=message.user.name, body=message.body))  # near-miss: select-related-present
    return rendered


@shared_task
def retry_failed(message_ids: list[int]) -> None:
    """Retry each failed delivery, waiting between retries so the provider can recover."""
    for message in Message.objects.filter(pk__in=message_ids, failed=True):
        message.deliver()
        time.sleep(1)  # near-miss: sleep-in-sync-task
