"""The whole approved set as a file built once per data generation, and the build itself.

Streaming a million claims takes a worker minutes; two such requests from anyone would hold both
workers of a default deployment. So the unfiltered download is a file: the first request after
the data changed (curation.db.generation) streams the rows to its client and, in the same pass,
writes them to `DOWNLOADS_DIR/claims-<generation>-<site>.<format>`; every later request of
that generation is served from the file (the server copies it, no query). One build at a time:
while one runs, a request gets the previous generation's file when there is one (its headers
say which generation), or 503 with Retry-After when there is none yet.

The file depends on the site's address too (each row links to its claim page), so it is keyed
by it: one file per generation, format and allowed host.
"""

import hashlib
import os
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from django.conf import settings
from django.http import FileResponse, HttpResponse

from curation.db.generation import current_generation

# A lock older than this belongs to a build that died (a killed worker); it is taken over.
STALE_BUILD_SECONDS = 60 * 60
RETRY_AFTER_SECONDS = 60


def _directory() -> Path:
    directory = Path(settings.DOWNLOADS_DIR)
    directory.mkdir(parents=True, exist_ok=True)
    return directory


def _site_key(base_url: str) -> str:
    return hashlib.sha256(base_url.encode()).hexdigest()[:12]


def file_path(*, generation: int, extension: str, base_url: str) -> Path:
    return _directory() / f"claims-{generation}-{_site_key(base_url)}.{extension}"


def _latest_built(*, extension: str, base_url: str) -> tuple[Path, int] | None:
    """The newest complete file for this site and format, with its generation."""
    suffix = f"-{_site_key(base_url)}.{extension}"
    built = []
    for path in _directory().glob(f"claims-*{suffix}"):
        number = path.name.removeprefix("claims-").removesuffix(suffix)
        if number.isdigit():
            built.append((int(number), path))
    if not built:
        return None
    number, path = max(built)
    return path, number


def _take_lock(lock: Path) -> bool:
    try:
        descriptor = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
    except FileExistsError:
        try:
            if time.time() - lock.stat().st_mtime < STALE_BUILD_SECONDS:
                return False
            lock.unlink()
        except FileNotFoundError:
            pass
        return _take_lock(lock)
    os.close(descriptor)
    return True


def _remove_older(*, keep: Path, extension: str, base_url: str) -> None:
    for path in _directory().glob(f"claims-*-{_site_key(base_url)}.{extension}"):
        if path != keep:
            path.unlink(missing_ok=True)


def _tee(chunks: Iterable[str], *, final: Path, lock: Path, extension: str, base_url: str) -> Iterator[str]:
    """Yield the chunks and write them to a temporary file, renamed to `final` when complete."""
    partial = final.with_name(final.name + ".partial")
    completed = False
    try:
        with partial.open("wb") as handle:
            for chunk in chunks:
                handle.write(chunk.encode())
                yield chunk
        os.replace(partial, final)
        completed = True
        _remove_older(keep=final, extension=extension, base_url=base_url)
    finally:
        if not completed:  # the client went away, or the query failed: no half file is kept
            partial.unlink(missing_ok=True)
        lock.unlink(missing_ok=True)


def whole_set_response(
    *,
    chunks: Callable[[], Iterable[str]],
    respond: Callable[[Iterator[str]], HttpResponse],
    extension: str,
    content_type: str,
    filename: str,
    base_url: str,
) -> HttpResponse:
    """The whole approved set: from this generation's file, built by this request if need be.

    `chunks` gives the download's text, `respond` turns a stream of it into the response (the
    views' complete-or-visible-failure download response).
    """
    generation = current_generation()
    final = file_path(generation=generation, extension=extension, base_url=base_url)
    if final.exists():
        return _file_response(final, generation, content_type=content_type, filename=filename)
    lock = final.with_name(final.name + ".lock")
    if _take_lock(lock):
        if final.exists():  # built by another request between the two checks
            lock.unlink(missing_ok=True)
            return _file_response(final, generation, content_type=content_type, filename=filename)
        try:
            response = respond(_tee(chunks(), final=final, lock=lock, extension=extension, base_url=base_url))
        except BaseException:
            lock.unlink(missing_ok=True)
            raise
        response["X-Data-Generation"] = str(generation)
        return response
    previous = _latest_built(extension=extension, base_url=base_url)
    if previous is not None:
        path, previous_generation = previous
        try:
            return _file_response(path, previous_generation, content_type=content_type, filename=filename)
        except FileNotFoundError:  # replaced by the build that just finished
            return whole_set_response(
                chunks=chunks,
                respond=respond,
                extension=extension,
                content_type=content_type,
                filename=filename,
                base_url=base_url,
            )
    response = HttpResponse(
        "The download of every claim is being prepared; please try again in a minute.\n",
        status=503,
        content_type="text/plain; charset=utf-8",
    )
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def _file_response(path: Path, generation: int, *, content_type: str, filename: str) -> FileResponse:
    response = FileResponse(path.open("rb"), content_type=content_type, as_attachment=True, filename=filename)
    response["X-Data-Generation"] = str(generation)
    return response
