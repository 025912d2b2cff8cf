"""Load test: gunicorn on loopback against PostgreSQL, driven by wrk.

For each worker count (1, 2, 4) and cache setting (off, Redis), starts gunicorn with the
production settings, then for each page (listing, filtered listing, claim page) runs wrk at
rising connection counts and reports requests/s, p50/p95/p99 latency and errors. The
saturation row of each series is the fewest connections whose throughput is within 5% of the
series' best: more connections past it only queue.

The database must already hold the claims (bench/public_bench.py --load-only loads 1M):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ftz_load .venv/bin/python bench/load_test.py

Needs `wrk` (apt-get install wrk). Only 127.0.0.1 is ever contacted; every wrk run is
bounded by --duration.
"""
import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent

# wrk reports percentiles through its Lua hook; this prints them as one JSON line.
WRK_REPORT = """
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
                 + summary.errors.status + summary.errors.timeout
  io.write(string.format(
    'JSON{"requests": %d, "seconds": %.3f, "errors": %d, "non2xx": %d, "p50": %.2f, "p95": %.2f, "p99": %.2f}\\n',
    summary.requests, summary.duration / 1e6, errors, summary.errors.status,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000))
end
"""


def wait_until_up(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"gunicorn did not answer {url} within {seconds} s")


def start_gunicorn(*, workers: int, cache: bool, port: int, database_url: str) -> subprocess.Popen:
    env = {
        **os.environ,
        "DJANGO_ENV": "production",
        "SECRET_KEY": "load-test-" + "x" * 60,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": database_url,
        "CONN_MAX_AGE": "60",
        "LOG_LEVEL": "WARNING",
        "REDIS_URL": "redis://127.0.0.1:6379/5" if cache else "",
        "PUBLIC_CACHE_SECONDS": "300" if cache else "0",
    }
    return subprocess.Popen(
        [str(VENV_BIN / "gunicorn"), "ftzportal.wsgi:application", "--bind", f"127.0.0.1:{port}",
         "--workers", str(workers), "--log-level", "warning"],
        cwd=PROJECT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )


def run_wrk(url: str, *, connections: int, duration: int, script: str) -> dict:
    output = subprocess.run(
        ["wrk", "-t", str(min(2, connections)), "-c", str(connections), "-d", f"{duration}s", "--timeout", "5s",
         "-s", script, url],
        capture_output=True, text=True, timeout=duration + 30, check=True,
    ).stdout
    line = next(line for line in output.splitlines() if line.startswith("JSON"))
    result = json.loads(line[4:])
    result["rps"] = result["requests"] / result["seconds"]
    return result


def first_claim_path(base: str) -> str:
    """The first claim linked from the listing, so the claim page is a real approved one."""
    with urllib.request.urlopen(base + "/", timeout=10) as response:
        html = response.read().decode()
    marker = 'href="/claims/'
    start = html.index(marker) + len('href="')
    return html[start : html.index('"', start)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--connections", type=int, nargs="+", default=[1, 2, 4, 8])
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    parser.add_argument("--port", type=int, default=8011)
    parser.add_argument("--cache", choices=["off", "redis", "both"], default="both")
    parser.add_argument("--output", default="load_test.json", help="file name under bench/out/")
    parser.add_argument("--filter", default="?metric=trade_value", help="query string of the filtered listing")
    args = parser.parse_args()
    database_url = os.environ.get("DATABASE_URL", "")
    if not database_url.startswith("postgres"):
        sys.exit("Set DATABASE_URL to the PostgreSQL database holding the benchmark claims.")
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: apt-get install -y wrk")

    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=PROJECT, check=True,
                   env={**os.environ, "DJANGO_ENV": "production", "SECRET_KEY": "x" * 64, "ALLOWED_HOSTS": "x"})
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_REPORT)
    base = f"http://127.0.0.1:{args.port}"
    rows = []
    for cache in {"off": (False,), "redis": (True,), "both": (False, True)}[args.cache]:
        for workers in args.workers:
            server = start_gunicorn(workers=workers, cache=cache, port=args.port, database_url=database_url)
            try:
                wait_until_up(base + "/")
                pages = {"listing": "/", "filtered": "/" + args.filter, "claim": first_claim_path(base)}
                for page, path in pages.items():
                    run_wrk(base + path, connections=2, duration=2, script=script.name)  # warm up
                    series = [
                        run_wrk(base + path, connections=connections, duration=args.duration, script=script.name)
                        for connections in args.connections
                    ]
                    top = max(result["rps"] for result in series)
                    best = next(result for result in series if result["rps"] >= 0.95 * top)
                    for connections, result in zip(args.connections, series, strict=True):
                        rows.append({
                            "cache": "redis" if cache else "off", "workers": workers, "page": page,
                            "connections": connections, "saturation": result is best, **result,
                        })
                        marker = "  <- saturation" if result is best else ""
                        print(
                            f"cache={rows[-1]['cache']:<5} workers={workers} {page:<9} c={connections:<3} "
                            f"{result['rps']:8.1f} req/s  p50 {result['p50']:7.1f} ms  p95 {result['p95']:7.1f} ms  "
                            f"p99 {result['p99']:7.1f} ms  errors {result['errors']}{marker}",
                            flush=True,
                        )
            finally:
                os.killpg(server.pid, signal.SIGTERM)
                server.wait(timeout=30)
    Path(script.name).unlink()
    out = PROJECT / "bench" / "out"
    out.mkdir(exist_ok=True)
    (out / args.output).write_text(json.dumps(rows, indent=2))
    print(f"\nwrote {out / args.output}")


if __name__ == "__main__":
    main()
