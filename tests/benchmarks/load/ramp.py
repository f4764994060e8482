"""``run.sh load --ramp``: the users the machine holds, for Odoo's own screens and for the coaching flows (issue 23).

One database, one Odoo server, the fixture built once (``bench_load.main``). The users go up by ``STRIDE`` (10, 20,
30, ...) for two mixes, in turns, each step ``--step-seconds`` long (default 60):

- ``platform``: ``--platform``, the same users, think times and requests per step, every request the core page
  (the Employees kanban): what the platform alone holds;
- ``coaching``: the flows of ``locustfile.py``, as the default run.

A mix stops at its first step whose p95 (of all its requests, as the users see them) exceeds ``P95_LIMIT_MS`` or
which has an error (a failed request, an ERROR line of Odoo's log, a request retried after a write in a read-only
transaction); its capacity is the last step it held. The mixes take turns at each size, so that both see the same
machine (other work on it shifts both alike). One line per step, and last
``capacity platform_users=<n> coaching_users=<n> ratio=<coaching/platform>``. Target: ratio >= 0.8.
"""

import dataclasses
import time

START = 10
STRIDE = 10
P95_LIMIT_MS = 2000
SETTLE_SECONDS = 5  # between two steps: the last requests of a step leave the workers' queue
MIXES = ("platform", "coaching")


@dataclasses.dataclass
class Step:
    """What one step measured (``bench_load.measure``)."""

    users: int
    p95_ms: float  # all the step's requests, as the users see them
    errors: int
    rps: float
    worst_action: str = ""  # the action with the highest p95, and that p95 (ms)
    worst_action_ms: float = 0
    worst_route: str = ""  # Odoo's own time (SQL + Python): the route with the highest p95, and that p95 (ms)
    worst_route_ms: float = 0

    @property
    def held(self):
        return self.p95_ms <= P95_LIMIT_MS and not self.errors


def line(mix, step):
    return (
        f"ramp mix={mix} users={step.users} p95_ms={step.p95_ms:.0f} errors={step.errors} rps={step.rps:.1f} "
        f"{'held' if step.held else 'failed'}; slowest action {step.worst_action} p95 {step.worst_action_ms:.0f} ms; "
        f"Odoo's own slowest route {step.worst_route} p95 {step.worst_route_ms:.0f} ms"
    )


def run(measure, most, say):
    """Steps up the users for both mixes with ``measure(users, platform) -> Step`` until each fails or ``most``
    (the users the fixture has) is reached; prints each step and the capacity line; returns the capacities."""
    capacity = dict.fromkeys(MIXES, 0)
    going = list(MIXES)
    users = START
    while going and users <= most:
        for mix in list(going):
            step = measure(users, mix == "platform")
            print(line(mix, step), flush=True)
            if step.held:
                capacity[mix] = users
            else:
                going.remove(mix)
            time.sleep(SETTLE_SECONDS)
        users += STRIDE
    for mix in going:
        say(f"{mix}: held every step up to the fixture's {most} users; its capacity may be higher")
    platform, coaching = capacity["platform"], capacity["coaching"]
    ratio = f"{coaching / platform:.2f}" if platform else "n/a"
    print(f"capacity platform_users={platform} coaching_users={coaching} ratio={ratio}", flush=True)
    return capacity
