"""Celery entry points for workforce. Thin: they take ids and call services."""

from celery import shared_task

from workforce import services


@shared_task(ignore_result=True, soft_time_limit=240, time_limit=300)
def board_pack_send(return_id: int) -> int:
    """The last return of a quarter was confirmed: email the regional pack."""
    return services.board_pack_email(return_id=return_id)
