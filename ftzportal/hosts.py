"""The host names a development server bound with PORTAL_ADDR answers to.

`PORTAL_ADDR=0.0.0.0:8000 ./portal up` serves other computers too, which reach it by this
machine's name or address; Django answers 400 to a Host it does not allow, so those names
join ALLOWED_HOSTS (development mode only: production lists its hosts explicitly).
"""

import socket

# Addresses that mean "every interface of this machine".
ALL_INTERFACES = {"0.0.0.0", "::", "[::]"}


def address_host(address: str) -> str:
    """The host part of a runserver address: '0.0.0.0:8000' -> '0.0.0.0', '[::]:80' -> '[::]'.

    A port alone binds runserver to loopback, as no address does.
    """
    if address.isdigit() or not address:
        return "127.0.0.1"
    host, _, port = address.rpartition(":")
    return host if port.isdigit() else address


def hosts_for_portal_addr(address: str) -> list[str]:
    """The names and addresses by which other computers reach a server bound to `address`."""
    host = address_host(address.strip())
    if host not in ALL_INTERFACES:
        return [host]
    return sorted(this_machine_names())


def this_machine_names() -> set[str]:
    """This machine's name, its fully qualified name, and the addresses they and its main route resolve to."""
    name = socket.gethostname()
    names = {name, f"{name}.local", socket.getfqdn()}
    try:
        names |= {str(info[4][0]) for info in socket.getaddrinfo(name, None)}
    except OSError:
        pass  # the name does not resolve: its addresses come from the route below
    names |= set(_route_addresses())
    # IPv6 literals arrive in the Host header in brackets.
    return {f"[{name}]" if ":" in name else name for name in names if name}


def _route_addresses() -> list[str]:
    """The address this machine sends from on its default routes (no packet is sent)."""
    found = []
    for family, target in ((socket.AF_INET, "192.0.2.1"), (socket.AF_INET6, "2001:db8::1")):
        try:
            with socket.socket(family, socket.SOCK_DGRAM) as probe:
                probe.connect((target, 9))
                found.append(probe.getsockname()[0])
        except OSError:
            continue  # no route for this family
    return found
