"""Caching of the public pages, and throwing the cached pages away when the data changes.

Public pages are cached whole with Django's cache middleware under a *generation* number kept
in the cache itself. Any committed write to the curated tables (a claim approved, retracted,
sent back to review, a source corrected, a contradiction resolved, a release published) moves
the generation on, so every page cached before it is never served again and simply expires.
With Redis (`REDIS_URL`) all workers share the generation; with the per-process memory cache
each worker has its own, which is why production uses Redis.
"""

import copy
import functools

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.middleware.cache import CacheMiddleware, FetchFromCacheMiddleware, UpdateCacheMiddleware
from django.utils.decorators import decorator_from_middleware_with_args

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


class GenerationalCacheMiddleware(CacheMiddleware):
    """Django's cache middleware with the data generation in the key prefix.

    The prefix is fixed once per request, on a copy of the middleware, so that a page rendered
    while the generation moves on is stored under the generation it was read in.
    """

    def process_request(self, request):
        bound = copy.copy(self)
        bound.key_prefix = f"{self.key_prefix}.{current_generation()}"
        request._public_page_cache = bound
        return FetchFromCacheMiddleware.process_request(bound, request)

    def process_response(self, request, response):
        bound = getattr(request, "_public_page_cache", None)
        if bound is None:
            return response
        return UpdateCacheMiddleware.process_response(bound, request, response)


@functools.cache
def _cached_view(view, seconds: int):
    decorator = decorator_from_middleware_with_args(GenerationalCacheMiddleware)
    return decorator(page_timeout=seconds, cache_alias=CACHE_ALIAS, key_prefix="public-pages")(view)


def cache_public_page(view):
    """Serve the view from the cache for PUBLIC_CACHE_SECONDS (0 turns caching off).

    The setting is read per request, so tests and operators can switch caching off.
    """

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        seconds = settings.PUBLIC_CACHE_SECONDS
        if seconds <= 0:
            return view(request, *args, **kwargs)
        return _cached_view(view, seconds)(request, *args, **kwargs)

    return wrapper


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
