"""The data generation: a number that moves on with every committed write to the curated tables.

Anything derived from the curated data and kept for later (cached public pages, today) is stored
under the generation it was read in, so moving the generation on retires all of it at once.
Any committed write (a claim approved, retracted, sent back to review, a source corrected, a
contradiction resolved, a release published) moves it on, through the signals connected in
`CurationConfig.ready`. With Redis (`REDIS_URL`) all workers share the generation; with the
per-process memory cache each worker has its own.
"""

from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

GENERATION_KEY = "public-pages:generation"
CACHE_ALIAS = "default"


def current_generation() -> int:
    cache = caches[CACHE_ALIAS]
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, 1, timeout=None)
        generation = cache.get(GENERATION_KEY, 1)
    return generation


def invalidate() -> None:
    """Retire every cached public page."""
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
