"""The ./portal script's help, and PORTAL_ADDR serving other computers (issue 16, item 14)."""

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

from ftzportal.hosts import address_host, hosts_for_portal_addr, this_machine_names

PORTAL = Path(settings.BASE_DIR) / "portal"


def run_portal(*args):
    return subprocess.run([str(PORTAL), *args], capture_output=True, text=True, timeout=60, check=False)


def handled_commands() -> set[str]:
    """The commands the script's case statement handles (its branch labels)."""
    labels = re.findall(r"^    ([a-z|\" -]+)\)$", PORTAL.read_text(), flags=re.MULTILINE)
    return {word.strip('" ') for label in labels for word in label.split("|")} - {""}


@pytest.mark.parametrize("args", [(), ("help",)])
def test_portal_alone_or_help_prints_every_command_on_one_line(args):
    result = run_portal(*args)
    assert result.returncode == 0, result.stderr
    lines = [line.strip() for line in result.stdout.splitlines() if line.strip().startswith("./portal ")]
    described = {line.split()[1] for line in lines}
    assert described == handled_commands() >= {"up", "test", "install", "serve-prod", "help"}
    assert all(len(line.split(None, 2)) == 3 for line in lines)  # each says what it does


def test_an_unknown_command_is_refused_with_the_list():
    result = run_portal("upp")
    assert result.returncode == 2
    assert "unknown command: upp" in result.stderr and "./portal up" in result.stderr


@pytest.mark.parametrize(
    ("address", "host"),
    [("0.0.0.0:8000", "0.0.0.0"), ("8000", "127.0.0.1"), ("[::]:8000", "[::]"), ("demo.example:80", "demo.example")],
)
def test_the_host_of_a_runserver_address(address, host):
    assert address_host(address) == host


def test_a_named_address_allows_that_name_and_all_interfaces_allow_this_machine():
    assert hosts_for_portal_addr("demo.example:8000") == ["demo.example"]
    everywhere = hosts_for_portal_addr("0.0.0.0:8000")
    assert socket.gethostname() in everywhere
    assert set(everywhere) == this_machine_names()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def status_from(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def serve_and_ask(*, portal_addr: str | None, address: str, port: int) -> int:
    env = {key: value for key, value in os.environ.items() if key not in {"PORTAL_ADDR", "ALLOWED_HOSTS"}}
    env.update({"DJANGO_ENV": "development", "DATABASE_URL": "sqlite:///:memory:"})
    if portal_addr:
        env["PORTAL_ADDR"] = portal_addr
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"0.0.0.0:{port}", "--noreload", "--skip-checks"],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                    break
            except OSError:
                time.sleep(0.1)
        return status_from(f"http://{address}:{port}/favicon.ico")
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_portal_addr_on_all_interfaces_answers_another_computer_by_this_machines_address():
    addresses = [name for name in this_machine_names() if re.fullmatch(r"\d+\.\d+\.\d+\.\d+", name)]
    outside = [address for address in addresses if not address.startswith("127.")]
    if not outside:
        pytest.skip("this machine has no IPv4 address besides loopback")
    port = free_port()
    assert serve_and_ask(portal_addr=None, address=outside[0], port=port) == 400  # what the issue saw
    assert serve_and_ask(portal_addr=f"0.0.0.0:{port}", address=outside[0], port=port) == 200
