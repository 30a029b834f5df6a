"""Run a real Neo4j 5 (Community, embedded, Bolt only) for tests.

No pytest dependency: fixtures wrap this however they like.

    from neo4j_server import Neo4jServer   # tests/ is on sys.path under pytest

    with Neo4jServer(tmp_path / "neo4j") as srv:
        driver = neo4j.GraphDatabase.driver(srv.uri, auth=srv.auth)
        ...
        srv.kill()    # crash (SIGKILL)
        srv.start()   # restart on the same data dir (recovery)

The server is ``tests/neo4j/serve`` (Java 17 + Maven; the first start builds
the jar, which takes about a minute with an empty ~/.m2).  The child also exits
on its own when this process dies (its stdin closes).
"""

from __future__ import annotations

import contextlib
import os
import selectors
import signal
import socket
import subprocess
import time
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import neo4j

SERVE = Path(__file__).resolve().parent / "neo4j" / "serve"
READY_PREFIX = "ready "
DEFAULT_STARTUP_TIMEOUT = 180.0  # generous: covers the first Maven build
_STDERR_TAIL = 4000
_PORT_RETRIES = 3
EXIT_MISSING_TOOLS = 3  # serve's exit code when java or mvn is not installed


class Neo4jServerError(RuntimeError):
    """The server could not be started (or died before it was ready).

    ``returncode`` is serve's exit code when it exited (``EXIT_MISSING_TOOLS``
    means Java/Maven are missing: a fixture may skip), else None.
    """

    def __init__(self, message: str, returncode: int | None = None) -> None:
        super().__init__(message)
        self.returncode = returncode


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


class Neo4jServer:
    """One Neo4j server process on ``data_dir`` (used as the Neo4j home).

    ``password``: None takes ``NEO4J_TEST_PASSWORD`` from the environment;
    a non-empty string enables auth for user ``neo4j`` with that password;
    ``""`` forces auth off.
    """

    def __init__(
        self,
        data_dir: str | os.PathLike[str],
        port: int | None = None,
        *,
        password: str | None = None,
        startup_timeout: float = DEFAULT_STARTUP_TIMEOUT,
        env: Mapping[str, str] | None = None,
    ) -> None:
        self.data_dir = Path(data_dir)
        self._fixed_port = port is not None
        self.port: int = port if port is not None else free_port()
        if password is None:
            password = os.environ.get("NEO4J_TEST_PASSWORD", "")
        self.password: str = password
        self.startup_timeout = startup_timeout
        self._extra_env = dict(env or {})
        self._proc: subprocess.Popen[bytes] | None = None
        self.log_path = self.data_dir / "serve.log"  # the child's stderr

    # -- public API ---------------------------------------------------------

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.port}"

    @property
    def auth(self) -> tuple[str, str] | None:
        """Auth tuple for ``neo4j.GraphDatabase.driver`` (None when auth is off)."""
        return ("neo4j", self.password) if self.password else None

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc is not None else None

    @property
    def running(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def start(self) -> Neo4jServer:
        """Start the server and block until Bolt accepts connections."""
        if self.running:
            raise Neo4jServerError(f"Neo4j server already running at {self.uri}")
        self._proc = None
        for attempt in range(_PORT_RETRIES):
            try:
                self._start_once()
                return self
            except _PortInUseError as e:
                if self._fixed_port or attempt == _PORT_RETRIES - 1:
                    raise Neo4jServerError(str(e), e.returncode) from None
                self.port = free_port()
        raise AssertionError("unreachable")

    def stop(self, timeout: float = 60.0) -> int | None:
        """SIGTERM (clean shutdown) and wait; SIGKILL if it takes too long.

        Returns the exit code (0 for a clean shutdown), None if not started.
        """
        proc = self._proc
        if proc is None:
            return None
        if proc.poll() is None:
            self._signal(signal.SIGTERM)
            try:
                proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self._signal(signal.SIGKILL)
                proc.wait()
        self._close_pipes()
        return proc.returncode

    def kill(self) -> int | None:
        """SIGKILL (simulated crash) and wait. Returns the exit code."""
        proc = self._proc
        if proc is None:
            return None
        if proc.poll() is None:
            self._signal(signal.SIGKILL)
            proc.wait()
        self._close_pipes()
        return proc.returncode

    def restart(self) -> Neo4jServer:
        self.stop()
        return self.start()

    def driver(self, **kwargs: Any) -> neo4j.Driver:
        """A ``neo4j`` driver for this server (caller closes it)."""
        import neo4j  # imported lazily: this module itself needs only stdlib

        kwargs.setdefault("auth", self.auth)
        return neo4j.GraphDatabase.driver(self.uri, **kwargs)

    def __enter__(self) -> Neo4jServer:
        if not self.running:
            self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def __repr__(self) -> str:
        state = "running" if self.running else "stopped"
        return f"Neo4jServer({str(self.data_dir)!r}, uri={self.uri!r}, {state})"

    # -- internals ----------------------------------------------------------

    def _start_once(self) -> None:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        env = dict(os.environ)
        env.update(self._extra_env)
        env["NEO4J_TEST_PASSWORD"] = self.password
        env["NEO4J_TEST_EXIT_ON_STDIN_EOF"] = "1"
        log_start = self.log_path.stat().st_size if self.log_path.exists() else 0
        with open(self.log_path, "ab") as log:
            proc = subprocess.Popen(
                [str(SERVE), str(self.port), str(self.data_dir)],
                stdin=subprocess.PIPE,  # closed when we die -> server exits
                stdout=subprocess.PIPE,
                stderr=log,
                env=env,
                start_new_session=True,  # own process group (mvn during a build)
            )
        self._proc = proc
        try:
            self._wait_ready(proc)
        except BaseException as e:
            if proc.poll() is None:
                self._signal(signal.SIGKILL)
                proc.wait()
            self._close_pipes()
            if isinstance(e, Neo4jServerError):
                tail = self._log_tail(log_start)
                msg = f"{e}\n--- serve stderr (tail) ---\n{tail}"
                cls = _PortInUseError if "Address already in use" in tail else Neo4jServerError
                raise cls(msg, e.returncode) from None
            raise

    def _wait_ready(self, proc: subprocess.Popen[bytes]) -> None:
        assert proc.stdout is not None
        deadline = time.monotonic() + self.startup_timeout
        buf = b""
        with selectors.DefaultSelector() as sel:
            sel.register(proc.stdout, selectors.EVENT_READ)
            while True:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise Neo4jServerError(
                        f"Neo4j not ready after {self.startup_timeout:.0f}s ({self.data_dir})"
                    )
                if not sel.select(min(left, 1.0)):
                    if proc.poll() is not None:
                        break
                    continue
                chunk = os.read(proc.stdout.fileno(), 4096)
                if not chunk:  # EOF: the child is gone
                    break
                buf += chunk
                while b"\n" in buf:
                    line, buf = buf.split(b"\n", 1)
                    text = line.decode("utf-8", "replace").strip()
                    if text.startswith(READY_PREFIX):
                        return
        code = proc.wait()
        raise Neo4jServerError(
            f"Neo4j server exited with code {code} before it was ready ({self.data_dir})", code
        )

    def _signal(self, sig: int) -> None:
        proc = self._proc
        if proc is None:
            return
        try:
            os.killpg(proc.pid, sig)
        except (ProcessLookupError, PermissionError):
            with contextlib.suppress(ProcessLookupError):
                proc.send_signal(sig)

    def _close_pipes(self) -> None:
        proc = self._proc
        if proc is None:
            return
        for f in (proc.stdin, proc.stdout):
            if f is not None:
                with contextlib.suppress(OSError):
                    f.close()

    def _log_tail(self, start: int) -> str:
        try:
            with open(self.log_path, "rb") as f:
                f.seek(start)
                data = f.read()
        except OSError:
            return "(no stderr captured)"
        text = data.decode("utf-8", "replace")
        return text[-_STDERR_TAIL:] if text else "(stderr empty)"


class _PortInUseError(Neo4jServerError):
    """Bolt could not bind its port (another process took it)."""
