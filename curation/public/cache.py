"""Whole-page caching of the public site, keyed by the data generation (`curation.db.generation`).

Public pages are cached with Django's cache middleware under the current generation; a page
cached before the data changed is never served again and simply expires.
"""

import copy
import functools

from django.conf import settings
from django.middleware.cache import CacheMiddleware, FetchFromCacheMiddleware, UpdateCacheMiddleware
from django.utils.decorators import decorator_from_middleware_with_args

from curation.db.generation import CACHE_ALIAS, current_generation


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
