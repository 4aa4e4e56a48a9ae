"""Speed of `tiptrain serve` with a large register (issue 12 item 10): the plan, a workshop and the report page.

The register holds the L-size plan (benchmarks/instances.py `make_instance("L")`: 600 requests, 200
trainers, 24 months, target 300) as the greedy first-fit planner makes it (a plan of the same size as the
solver's, in a second instead of two minutes; the pages do not care which planner made it), the instance's
trainers and requests, and 10,000 invented participants on the rosters of the workshops that have ended
(confirmed, then delivered). A coordinator signs in, then for each page:

- one user: `--requests` sequential requests (after two untimed ones); median and p95 response time;
- 20 clients: `--clients` threads, each with its own connection, `--requests` requests in all; requests per
  second and the slowest response.

Times are measured at the client on 127.0.0.1 (request sent to body read): the server's time plus loopback.
Budgets (issue 12): p95 < 300 ms for one user, nothing above 2 s under 20 clients.

    python benchmarks/web_bench.py                          # 1 process on SQLite
    python benchmarks/web_bench.py --pg-url postgresql+psycopg://...   # also 2 processes on PostgreSQL

The pages are parameters (`--plan /plan --workshop /workshops/{id} --report /report`; `{id}` is the workshop
with the longest roster), and `--extra` adds more; a page answering 404 is reported as missing, not timed.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import httpx2
from instances import make_instance

from exports.models import Participant
from scheduler.greedy import greedy_plan
from tiptrain.register.accounts import Accounts
from tiptrain.register.api import Register
from tiptrain.register.inputs import upsert_requests, upsert_trainers
from tiptrain.settings import load_settings

ROOT = Path(__file__).resolve().parents[1]
PARTICIPANTS = 10_000
USER, PASSWORD = "bench-coordinator", "bench-password-long-enough"
PROFESSIONS = ("police", "border-guards", "immigration", "prosecutors", "judges", "labour-inspectors", "ngo")
ONE_USER_P95, CONCURRENT_MAX = 0.300, 2.0


@dataclass
class Timing:
    """One page's figures (None when the page answered something else than 200)."""

    name: str
    path: str
    status: int
    median: float = 0.0
    p95: float = 0.0
    rate: float = 0.0
    slowest: float = 0.0

    def row(self, setup: str) -> str:
        if self.status != 200:
            said = "missing" if self.status == 404 else "not timed"
            return f"| {setup} | {self.name} | `{self.path}` | {self.status} ({said}) | | | | | |"
        ok = self.p95 < ONE_USER_P95 and self.slowest < CONCURRENT_MAX
        return (
            f"| {setup} | {self.name} | `{self.path}` | 200 | {self.median * 1000:.0f} | {self.p95 * 1000:.0f} "
            f"| {self.rate:.1f} | {self.slowest * 1000:.0f} | {'yes' if ok else 'NO'} |"
        )


HEADER = (
    "| server | page | path | status | median ms (1 user) | p95 ms (1 user) | req/s (20 clients) "
    "| max ms (20 clients) | within budget |\n|---|---|---|---|---|---|---|---|---|"
)


def build(folder: Path, env: dict[str, str]) -> str:
    """A workspace whose register holds the L plan, its inputs, 10,000 participants and a coordinator.

    Returns the id of the workshop with the longest roster (the workshop page timed).
    """
    subprocess.run([sys.executable, "-m", "tiptrain", "init", str(folder)], env=env, check=True, capture_output=True)
    problem = make_instance("L")
    period = problem.period
    toml = folder / "tiptrain.toml"
    text = re.sub(r"(?m)^start = .*$", f"start = {period.start}", toml.read_text("utf-8"), count=1)
    text = re.sub(r"(?m)^end = .*$", f"end = {period.end}", text, count=1)
    text = re.sub(r"(?m)^target = .*$", f"target = {period.target}", text, count=1)
    toml.write_text(re.sub(r"(?m)^blackouts = .*$", "blackouts = []", text, count=1), "utf-8")
    for name in ("trainers.yaml", "requests.yaml"):  # the register holds them (imported below)
        (folder / name).unlink()
    plan = greedy_plan(problem, explain_left_out=True)
    old = os.environ.get("TIPTRAIN_DB_URL")
    os.environ.update({k: v for k, v in env.items() if k == "TIPTRAIN_DB_URL"})
    try:
        with Register(load_settings(folder).register_url) as register:
            with register.transaction(write=True) as session:
                now = datetime.now(UTC)
                upsert_trainers(session, problem.trainers, now=now)
                upsert_requests(session, problem.requests, now=now)
            register.store_plan(plan)
            longest = deliver(register, [w.id for w in plan.workshops if w.end < register.today()])
            Accounts(register).add_user(USER, role="coordinator", password=PASSWORD)
    finally:
        os.environ.pop("TIPTRAIN_DB_URL", None)
        if old is not None:
            os.environ["TIPTRAIN_DB_URL"] = old
    print(f"register: {len(plan.workshops)} workshops (greedy plan), {PARTICIPANTS} participants", file=sys.stderr)
    return longest


def deliver(register: Register, ended: list[str]) -> str:
    """Confirm and deliver the ended workshops with invented rosters, 10,000 participants in all.

    Returns the first workshop given the most participants.
    """
    rng = random.Random(12)
    share, extra = divmod(PARTICIPANTS, len(ended))
    number = 0
    for index, workshop_id in enumerate(ended):
        workshop = register.workshop(workshop_id)
        roster = []
        for _ in range(share + (index < extra)):
            number += 1
            days = [rng.random() > 0.05 for _ in workshop.days]
            roster.append(
                Participant(
                    name=f"Participant {number:05d}",
                    organisation=f"Agency {rng.randint(1, 40)}",
                    profession=rng.choice(PROFESSIONS),
                    sex=rng.choice(("f", "m")),
                    country=workshop.country,
                    attendance=days,
                    pre_test=rng.randint(20, 70),
                    post_test=rng.randint(50, 100),
                )
            )
        register.transition(workshop_id, "confirmed", "web bench")
        register.deliver(workshop_id, roster)
    return ended[0]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start(workspace: Path, env: dict[str, str], workers: int) -> tuple[subprocess.Popen[bytes], str]:
    """`tiptrain serve` on 127.0.0.1; returns once /healthz answers."""
    port = free_port()
    command = [sys.executable, "-m", "tiptrain", "--workspace", str(workspace), "serve", "--port", str(port)]
    server = subprocess.Popen(
        [*command, "--workers", str(workers)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx2.get(f"{base}/healthz").status_code == 200:
                return server, base
        except httpx2.TransportError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit(f"{base} did not answer /healthz within 120 s")


def signed_in(base: str, token: str) -> httpx2.Client:
    """A client with the coordinator's session cookie and API token (the API takes only the token)."""
    client = httpx2.Client(base_url=base, timeout=60, headers={"Authorization": f"Bearer {token}"})
    csrf = re.search(r'name="csrf_token" value="([^"]*)"', client.get("/login").text)
    assert csrf is not None
    answer = client.post("/login", data={"username": USER, "password": PASSWORD, "csrf_token": csrf.group(1)})
    if answer.status_code != 303:  # to the dashboard
        raise SystemExit(f"could not sign in: {answer.status_code}")
    return client


def timed(client: httpx2.Client, path: str) -> float:
    """Seconds one request took; a request still unanswered after the client's timeout counts as that."""
    began = time.perf_counter()
    try:
        answer = client.get(path)
    except httpx2.TimeoutException:
        return time.perf_counter() - began
    answer.read()
    if answer.status_code != 200:
        raise SystemExit(f"{path} answered {answer.status_code} during the run")
    return time.perf_counter() - began


def measure(client: httpx2.Client, name: str, path: str, requests: int, clients: int) -> Timing:
    """One user's median and p95, then `clients` concurrent clients' rate and slowest response."""
    status = client.get(path).status_code
    if status != 200:
        return Timing(name, path, status)
    timed(client, path)
    alone = sorted(timed(client, path) for _ in range(requests))
    p95 = alone[min(len(alone) - 1, round(0.95 * len(alone)) - 1)]

    def one_client(count: int) -> list[float]:
        with httpx2.Client(base_url=str(client.base_url), cookies=client.cookies, timeout=60) as own:
            own.headers.update({key: value for key, value in client.headers.items() if key == "authorization"})
            return [timed(own, path) for _ in range(count)]

    shares = [requests // clients + (index < requests % clients) for index in range(clients)]
    began = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        together = [seconds for batch in pool.map(one_client, shares) for seconds in batch]
    wall = time.perf_counter() - began
    return Timing(name, path, 200, statistics.median(alone), p95, len(together) / wall, max(together))


def api_token(workspace: Path, env: dict[str, str]) -> str:
    """A new API token of the coordinator (`tiptrain users token`)."""
    command = [sys.executable, "-m", "tiptrain", "--workspace", str(workspace), "users", "token", USER]
    return subprocess.run(command, env=env, check=True, capture_output=True, text=True).stdout.strip()


def feed_path(workspace: Path, env: dict[str, str]) -> str:
    """The plan feed's path (its token made on first use)."""
    command = [sys.executable, "-m", "tiptrain", "--workspace", str(workspace), "feeds", "url", "--plan"]
    url = subprocess.run(command, env=env, check=True, capture_output=True, text=True).stdout.strip().split()[-1]
    return "/" + url.split("/", 3)[3]


def run(setup: str, workspace: Path, env: dict[str, str], workers: int, args: argparse.Namespace) -> list[str]:
    """Build the register, serve it, time every page, stop the server; the table rows."""
    longest = build(workspace, env)
    pages = [("plan", args.plan), ("workshop", args.workshop), ("report", args.report)]
    pages += [(path, path) for path in args.extra] + ([("plan feed", feed_path(workspace, env))] if args.feed else [])
    server, base = start(workspace, env, workers)
    try:
        with contextlib.closing(signed_in(base, api_token(workspace, env))) as client:
            rows = []
            for name, path in pages:  # each row printed as soon as it is measured
                rows.append(measure(client, name, path.format(id=longest), args.requests, args.clients).row(setup))
                print(rows[-1], flush=True)
            return rows
    finally:
        server.terminate()
        server.wait(30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--plan", default="/plan", help="the plan page's path")
    parser.add_argument("--workshop", default="/workshops/{id}", help="a workshop page's path ({id} filled in)")
    parser.add_argument("--report", default="/report", help="the report page's path")
    parser.add_argument("--extra", action="append", default=[], help="more paths to time (repeatable)")
    parser.add_argument("--feed", action="store_true", help="time the plan's calendar feed too")
    parser.add_argument("--requests", type=int, default=50, help="requests per page, alone and together")
    parser.add_argument("--clients", type=int, default=20, help="concurrent clients")
    parser.add_argument("--pg-url", default=None, help="also 2 processes on this empty PostgreSQL database")
    args = parser.parse_args()
    env = {key: value for key, value in os.environ.items() if key != "TIPTRAIN_DB_URL"}
    env["PYTHONPATH"] = str(ROOT)
    print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}", file=sys.stderr)
    rows = []
    with tempfile.TemporaryDirectory(prefix="tiptrain-web-bench-") as folder:
        rows += run("1 process, SQLite", Path(folder) / "sqlite", env, 1, args)
        if args.pg_url:
            rows += run(
                "2 processes, PostgreSQL", Path(folder) / "postgres", {**env, "TIPTRAIN_DB_URL": args.pg_url}, 2, args
            )
    print(HEADER)
    print("\n".join(rows))
    print(f"load average {os.getloadavg()[0]:.1f} at the end", file=sys.stderr)


if __name__ == "__main__":
    main()
