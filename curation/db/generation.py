"""The data generation: a number that moves on with every committed write to the curated tables.

Anything derived from the curated data and kept for later (cached public pages, today) is stored
under the generation it was read in, so moving the generation on retires all of it at once.
Any committed write (a claim approved, retracted, sent back to review, a source corrected, a
contradiction resolved, a release published) moves it on, through the signals connected in
`CurationConfig.ready`.

Where it lives decides who sees it move. With a shared cache (Redis, `REDIS_URL`) it is a
cache key, incremented atomically. With the default per-process memory cache it is one row of
the database (`DataGeneration`): a write made from a command, a background job or another
worker would otherwise move on only its own process's number and leave every other process
serving stale pages for PUBLIC_CACHE_SECONDS. Reading it then costs one small query per
public page, cached or not.
"""

from django.conf import settings
from django.core.cache import caches
from django.db import IntegrityError, transaction
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save

from curation.models import DataGeneration

GENERATION_KEY = "public-pages:generation"
CACHE_ALIAS = "default"
# Caches whose contents only the current process sees.
PROCESS_LOCAL_BACKENDS = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
)


def kept_in_database() -> bool:
    """Whether the generation lives in the database: when the cache is not shared between processes."""
    return settings.CACHES[CACHE_ALIAS]["BACKEND"] in PROCESS_LOCAL_BACKENDS


def current_generation() -> int:
    if kept_in_database():
        number = DataGeneration.objects.filter(pk=1).values_list("number", flat=True).first()
        return number or 1
    cache = caches[CACHE_ALIAS]
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, 1, timeout=None)
        generation = cache.get(GENERATION_KEY, 1)
    return generation


def invalidate() -> None:
    """Retire every cached public page, in every process."""
    if kept_in_database():
        # One atomic UPDATE: two writers committing at once both move it on.
        if not DataGeneration.objects.filter(pk=1).update(number=F("number") + 1):
            try:
                with transaction.atomic():
                    DataGeneration.objects.create(pk=1, number=2)
            except IntegrityError:  # another process created it meanwhile
                DataGeneration.objects.filter(pk=1).update(number=F("number") + 1)
        return
    cache = caches[CACHE_ALIAS]
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # no generation stored yet (first start, or evicted)
        cache.set(GENERATION_KEY, current_generation() + 1, timeout=None)


def _invalidate_after_commit(sender, **kwargs):
    # A signal, not a service call: every write path (admin, services, imports, shell) must
    # retire stale pages, and the cache is not part of the domain.
    transaction.on_commit(invalidate)


def connect_invalidation(models) -> None:
    for model in models:
        post_save.connect(_invalidate_after_commit, sender=model, dispatch_uid=f"public-cache-save-{model.__name__}")
        post_delete.connect(
            _invalidate_after_commit, sender=model, dispatch_uid=f"public-cache-delete-{model.__name__}"
        )


def connect_m2m_invalidation(through_models) -> None:
    for through in through_models:
        m2m_changed.connect(_invalidate_after_commit, sender=through, dispatch_uid=f"public-cache-m2m-{through}")
