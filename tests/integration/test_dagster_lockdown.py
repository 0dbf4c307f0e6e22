"""The Dagster UI is not an open door (issue 14): real `dagster dev`, real nginx, one real build.

One `dagster dev` for the module, started the way `kpi ui` starts it (`_dagster_cmd`,
`_prepare_dagster_home`) on a free loopback port with its own DAGSTER_HOME, warehouse and inbox;
nginx with deploy/nginx/dagster.conf rendered to temporary ports in front of it. The module
launches exactly one build (through orchestration.dagster_client, as the app does).
"""

from __future__ import annotations

import base64
import os
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

from orchestration.cli import _dagster_cmd, _prepare_dagster_home
from orchestration.dagster_client import (LOCATION_NAME, REPOSITORY_NAME, DagsterClient,
                                          DagsterUnavailable)
from orchestration.settings import PROJECT_ROOT, Settings
from pipeline_support import EVALUATION_DATE

pytestmark = pytest.mark.slow

NGINX_CONF = PROJECT_ROOT / "deploy" / "nginx" / "dagster.conf"
NGINX = shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx", "/sbin/nginx") if os.path.exists(p)), None)
USER, PASSWORD = "operator", "correct horse battery"
SENSOR = {"repositoryName": REPOSITORY_NAME, "repositoryLocationName": LOCATION_NAME, "sensorName": "inbox_sensor"}


def wait_for(condition: Callable[[], object], timeout: float, what: str, interval: float = 0.25):
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(interval)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def session_pids(sid: int) -> list[int]:
    """Processes of one session (dagster dev, its webserver, daemon and code servers)."""
    pids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[3]) == sid:  # fields after "(comm)": state ppid pgrp session ...
            pids.append(int(stat.parent.name))
    return pids


def listening_tcp(pids: list[int]) -> set[tuple[str, int]]:
    """(address, port) of every TCP socket these processes listen on, from /proc."""
    inodes = set()
    for pid in pids:
        try:
            links = [os.readlink(fd) for fd in Path(f"/proc/{pid}/fd").iterdir()]
        except OSError:
            continue
        inodes |= {link[8:-1] for link in links if link.startswith("socket:[")}
    found = set()
    for table, family in (("/proc/net/tcp", socket.AF_INET), ("/proc/net/tcp6", socket.AF_INET6)):
        if not os.path.exists(table):
            continue
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            if fields[3] != "0A" or fields[9] not in inodes:  # 0A: LISTEN
                continue
            address, port = fields[1].split(":")
            raw = b"".join(bytes.fromhex(address[i:i + 8])[::-1] for i in range(0, len(address), 8))
            found.add((socket.inet_ntop(family, raw), int(port, 16)))
    return found


def non_loopback_ipv4() -> str | None:
    """This machine's outward address, if it has one (a UDP connect sends nothing)."""
    for probe in ("192.0.2.1", "10.255.255.255", "8.8.8.8"):
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            try:
                s.connect((probe, 9))
            except OSError:
                continue
            address = s.getsockname()[0]
            if not address.startswith("127."):
                return address
    return None


@dataclass
class Dagster:
    port: int
    process: subprocess.Popen
    settings: Settings
    log: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/graphql"

    def graphql(self, query: str, variables: dict | None = None) -> dict:
        response = requests.post(self.url, json={"query": query, "variables": variables or {}}, timeout=30)
        response.raise_for_status()
        return response.json()

    def sensor_status(self) -> str:
        data = self.graphql("query($s: SensorSelector!) { sensorOrError(sensorSelector: $s) "
                            "{ ... on Sensor { id sensorState { status } } } }", {"s": SENSOR})
        return data["data"]["sensorOrError"]["sensorState"]["status"]

    def sensor_id(self) -> str:
        data = self.graphql("query($s: SensorSelector!) { sensorOrError(sensorSelector: $s) { ... on Sensor { id } } }",
                            {"s": SENSOR})
        return data["data"]["sensorOrError"]["id"]

    def run_count(self) -> int:
        data = self.graphql("{ runsOrError { ... on Runs { count } } }")
        return data["data"]["runsOrError"]["count"]


def _location_loaded(dagster: Dagster) -> bool:
    if dagster.process.poll() is not None:
        raise AssertionError(f"dagster dev exited ({dagster.process.returncode}):\n{dagster.log.read_text()[-3000:]}")
    try:
        data = dagster.graphql("{ repositoriesOrError { ... on RepositoryConnection "
                               "{ nodes { name location { name } pipelines { name } } } } }")
    except requests.RequestException:
        return False
    nodes = (data.get("data") or {}).get("repositoriesOrError", {}).get("nodes") or []
    return any(n["name"] == REPOSITORY_NAME and n["location"]["name"] == LOCATION_NAME
               and "build_warehouse" in {p["name"] for p in n["pipelines"]} for n in nodes)


@pytest.fixture(scope="module")
def dagster(tmp_path_factory) -> Iterator[Dagster]:
    root = tmp_path_factory.mktemp("dagster_lockdown")
    (root / "inbox").mkdir()
    settings = Settings.from_env({
        "KPI_WAREHOUSE": str(root / "warehouse.duckdb"), "KPI_INBOX": str(root / "inbox"),
        "DAGSTER_HOME": str(root / "dagster"), "KPI_USERS": str(root / "users.json"),
        "KPI_EVALUATION_DATE": EVALUATION_DATE,
    })
    _prepare_dagster_home(settings)
    port = free_port()
    log = root / "dagster_dev.log"

    def default_sigint():  # a background shell may hand us SIGINT ignored; dagster dev maps SIGTERM onto it
        signal.signal(signal.SIGINT, signal.SIG_DFL)

    with open(log, "wb") as out:
        process = subprocess.Popen(_dagster_cmd(port), cwd=PROJECT_ROOT, env=settings.subprocess_env(),
                                   stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
                                   preexec_fn=default_sigint)
    server = Dagster(port, process, settings, log)
    try:
        wait_for(lambda: _location_loaded(server), 120, "dagster dev to load orchestration.defs.definitions")
        yield server
    finally:
        process.send_signal(signal.SIGINT)  # what Ctrl-C does; dagster dev stops its children
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            pass
        for pid in session_pids(process.pid):  # only what this fixture started
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        process.wait(timeout=10)


@dataclass
class Proxy:
    port: int
    root: Path

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def get(self, path: str, **kwargs) -> requests.Response:
        return requests.get(self.origin + path, auth=kwargs.pop("auth", (USER, PASSWORD)), timeout=30,
                            allow_redirects=False, **kwargs)

    def post(self, path: str, **kwargs) -> requests.Response:
        return requests.post(self.origin + path, auth=kwargs.pop("auth", (USER, PASSWORD)), timeout=30,
                             allow_redirects=False, **kwargs)


def render_config(source: str, *, listen: int, upstream: int, htpasswd: Path) -> str:
    """The example with its PLACEHOLDER lines replaced; each must be there exactly once."""
    replacements = {
        "listen 8443;": f"listen 127.0.0.1:{listen};",
        "server 127.0.0.1:3000;": f"server 127.0.0.1:{upstream};",
        "auth_basic_user_file /etc/nginx/dagster.htpasswd;": f"auth_basic_user_file {htpasswd};",
        '"https://dagster.example.gov.cn" 0;': f'"http://127.0.0.1:{listen}" 0;',
    }
    for old, new in replacements.items():
        assert source.count(old) == 1, f"deploy/nginx/dagster.conf no longer has exactly one {old!r}"
        source = source.replace(old, new)
    return source


@pytest.fixture(scope="module")
def proxy(dagster, tmp_path_factory) -> Iterator[Proxy]:
    if NGINX is None:
        pytest.skip("NGINX IS NOT INSTALLED: the reverse-proxy example is untested here "
                    "(`make browser-deps` as root installs Debian's nginx)")
    root = tmp_path_factory.mktemp("nginx")
    # the command deploy/README.md gives operators (openssl prompts there; here the password is piped)
    hashed = subprocess.run(["openssl", "passwd", "-apr1", "-stdin"], input=PASSWORD, capture_output=True,
                            text=True, check=True).stdout.strip()
    (root / "htpasswd").write_text(f"{USER}:{hashed}\n")
    port = free_port()
    (root / "dagster.conf").write_text(render_config(NGINX_CONF.read_text(), listen=port, upstream=dagster.port,
                                                     htpasswd=root / "htpasswd"))
    temp_paths = "\n".join(f"    {kind}_temp_path {root}/{kind};" for kind in
                           ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    (root / "nginx.conf").write_text(
        ("user root;\n" if os.geteuid() == 0 else "")  # workers must read the htpasswd in a 0700 tmp dir
        + f"daemon off;\nworker_processes 1;\npid {root}/nginx.pid;\nerror_log {root}/error.log warn;\n"
        f"events {{ worker_connections 64; }}\n"
        f"http {{\n    access_log {root}/access.log;\n{temp_paths}\n    include {root}/dagster.conf;\n}}\n")
    command = [NGINX, "-p", str(root), "-c", str(root / "nginx.conf"), "-e", str(root / "error.log")]
    checked = subprocess.run([*command, "-t"], capture_output=True, text=True)
    assert checked.returncode == 0, f"nginx -t rejects the example:\n{checked.stderr}"
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)

    def answering():
        if process.poll() is not None:
            raise AssertionError(f"nginx exited: {process.stderr.read().decode()}\n{(root / 'error.log').read_text()}")
        try:
            return requests.get(f"http://127.0.0.1:{port}/server_info", timeout=2).status_code == 401
        except requests.ConnectionError:
            return False

    try:
        wait_for(answering, 20, "nginx to answer")
        yield Proxy(port, root)
    finally:
        process.terminate()
        process.wait(timeout=10)


# --- Dagster binds loopback only ---------------------------------------------------------------

def test_dagster_dev_listens_on_loopback_only(dagster):
    pids = session_pids(dagster.process.pid)
    listening = listening_tcp(pids)
    assert ("127.0.0.1", dagster.port) in listening
    assert {address for address, _ in listening} == {"127.0.0.1"}, listening
    # its code servers speak gRPC over unix sockets, not TCP
    code_servers = [p for p in pids if b"--socket" in Path(f"/proc/{p}/cmdline").read_bytes()]
    assert code_servers, "no code server process found under dagster dev"


def test_dagster_is_unreachable_on_the_machines_own_address(dagster):
    address = non_loopback_ipv4()
    if address is None:
        pytest.skip("this machine has no non-loopback IPv4 address to try")
    with pytest.raises(OSError):
        socket.create_connection((address, dagster.port), timeout=3).close()
    with pytest.raises(DagsterUnavailable, match="无法连接 Dagster"):
        DagsterClient(address, dagster.port, timeout=3).active_builds()


def test_dagster_itself_still_runs_get_mutations(dagster):
    """Why the proxy exists: Dagster 1.13 executes a mutation sent by GET, with a foreign Origin.
    (setNuxSeen is harmless.) If this ever fails, Dagster has closed the hole itself."""
    response = requests.get(dagster.url, params={"query": "mutation { setNuxSeen }"},
                            headers={"Origin": "http://evil.example"}, timeout=30)
    assert response.json() == {"data": {"setNuxSeen": True}}


# --- the nginx example -------------------------------------------------------------------------

def test_proxy_requires_credentials(proxy):
    assert proxy.get("/server_info", auth=None).status_code == 401
    assert proxy.get("/server_info", auth=(USER, "wrong")).status_code == 401
    assert proxy.post("/graphql", json={"query": "{ version }"}, auth=None).status_code == 401


@pytest.mark.parametrize("query_string", [
    "query=mutation%20%7B%20setNuxSeen%20%7D",
    "query=MUTATION+x",
    "query=%6Dutation%20%7BsetNuxSeen%7D",  # the keyword percent-encoded
])
def test_proxy_refuses_mutations_in_the_url(proxy, query_string):
    assert proxy.get(f"/graphql?{query_string}").status_code == 403
    assert requests.head(f"{proxy.origin}/graphql?{query_string}", auth=(USER, PASSWORD), timeout=30).status_code == 403
    # a text/plain form POST makes Dagster read the query from the URL as well
    assert proxy.post(f"/graphql?{query_string}", data="x", headers={"Content-Type": "text/plain"}).status_code == 403


def test_get_mutations_through_the_proxy_change_nothing(dagster, proxy):
    sensor_id, runs = dagster.sensor_id(), dagster.run_count()
    assert dagster.sensor_status() == "RUNNING"
    stop = f'mutation {{ stopSensor(id: "{sensor_id}") {{ __typename }} }}'
    launch = ('mutation { launchRun(executionParams: {selector: {repositoryLocationName: "%s", '
              'repositoryName: "%s", jobName: "build_warehouse"}}) { __typename } }' % (LOCATION_NAME, REPOSITORY_NAME))
    for query in (stop, launch):
        response = proxy.get("/graphql", params={"query": query})
        assert response.status_code == 403, response.text
        assert "data" not in response.text
    assert dagster.sensor_status() == "RUNNING"
    assert dagster.run_count() == runs


def test_proxy_refuses_foreign_origins(proxy):
    for origin in ("http://evil.example", "null", f"http://127.0.0.1:{proxy.port + 1}", proxy.origin.replace("http:", "https:")):
        response = proxy.post("/graphql", json={"query": "{ version }"}, headers={"Origin": origin})
        assert response.status_code == 403, origin
    assert proxy.get("/", headers={"Origin": "http://evil.example"}).status_code == 403


def test_proxy_passes_authorised_same_origin_requests(proxy):
    response = proxy.post("/graphql", json={"query": "{ version }"}, headers={"Origin": proxy.origin})
    assert response.status_code == 200
    assert response.json()["data"]["version"]
    assert proxy.post("/graphql", json={"query": "{ version }"}).status_code == 200  # no Origin: a script
    page = proxy.get("/", headers={"Accept": "text/html"})
    assert page.status_code == 200 and "<html" in page.text.lower()


def _websocket_handshake(proxy: Proxy, origin: str) -> str:
    credentials = base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
    key = base64.b64encode(os.urandom(16)).decode()
    request = (f"GET /graphql HTTP/1.1\r\nHost: 127.0.0.1:{proxy.port}\r\nUpgrade: websocket\r\n"
               f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n"
               f"Sec-WebSocket-Protocol: graphql-ws\r\nOrigin: {origin}\r\nAuthorization: Basic {credentials}\r\n\r\n")
    with socket.create_connection(("127.0.0.1", proxy.port), timeout=10) as s:
        s.sendall(request.encode())
        return s.recv(4096).decode(errors="replace").split("\r\n", 1)[0]


def test_proxy_passes_the_ui_websocket_from_its_own_origin_only(proxy):
    assert " 101 " in _websocket_handshake(proxy, proxy.origin)
    assert " 403 " in _websocket_handshake(proxy, "http://evil.example")


# --- the app's client: one real build ----------------------------------------------------------

def test_client_says_plainly_when_dagster_is_not_running():
    client = DagsterClient(port=free_port(), timeout=3)  # nothing listens there
    with pytest.raises(DagsterUnavailable, match="无法连接 Dagster.*kpi serve"):
        client.launch_build(started_by="测试员")
    with pytest.raises(DagsterUnavailable):
        client.run_progress("00000000-0000-0000-0000-000000000000")


# A build launched through this client, followed to SUCCESS and its tags checked: the review
# round trip in tests/integration/test_serve.py (the one build both modules would otherwise pay for).
