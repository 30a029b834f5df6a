"""Open a page in headless Chromium with networking disabled and report what happened: whether
the graph drew, how long it took, console errors, every request the page attempted, dialogs.

Used by the browser test and the view benchmark. Chromium is driven over the DevTools protocol
(the ``websocket-client`` package, in the ``dev`` extra); nothing is downloaded. Networking is off
three ways: a proxy on a dead port, a host resolver that resolves nothing, and the DevTools
offline mode; every request the page tries is still reported (``Network.requestWillBeSent``).
"""

from __future__ import annotations

import itertools
import json
import shutil
import subprocess
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from kg.errors import KGError

if TYPE_CHECKING:
    from websocket import WebSocket

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
INSTALL_HINT = "apt-get install -y chromium"
VIEW_READY = "Boolean(window.kgView && window.kgView.ready)"
VIEW_DRAW_MS = "window.kgView.readyAt"
LOAD_READY = "document.readyState === 'complete'"
LOAD_MS = "performance.getEntriesByType('navigation')[0].loadEventEnd"
LOCAL_SCHEMES = ("file:", "data:", "about:", "blob:", "chrome-error:")
_DRAWN_PIXELS = """(function () {
  var canvas = document.querySelector('#kg-network canvas');
  if (!canvas) { return 0; }
  var pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  var drawn = 0;
  for (var i = 3; i < pixels.length; i += 4) { if (pixels[i] !== 0) { drawn++; } }
  return drawn;
})()"""
_NODE_COUNT = "window.kgView && window.kgView.network ? window.kgView.network.body.data.nodes.length : 0"
_NODE_POINT = """(function (id) {
  var network = window.kgView.network;
  if (!network.body.nodes[id]) { return null; }
  var point = network.canvasToDOM(network.getPosition(id));
  var box = document.getElementById('kg-network').getBoundingClientRect();
  return [point.x + box.left, point.y + box.top];
})(%s)"""
_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-default-apps",
    "--disable-domain-reliability",
    "--no-first-run",
    "--no-default-browser-check",
    "--no-pings",
    "--metrics-recording-only",
    "--mute-audio",
    "--proxy-server=127.0.0.1:9",
    "--proxy-bypass-list=<-loopback>",
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--window-size=1280,900",
    "--remote-debugging-port=0",
    "--remote-allow-origins=*",
)


class BrowserError(KGError):
    """Headless Chromium is missing, did not start, or did not answer."""


@dataclass(slots=True)
class PageReport:
    """What happened when a page was opened."""

    url: str
    ready: bool
    wall_seconds: float
    """From the navigation request to the ready condition holding (polled)."""
    draw_ms: float | None
    """The page's own time (``performance.now()``) when it was ready, from navigation start."""
    node_count: int = 0
    drawn_pixels: int = 0
    title: str = ""
    console_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    values: dict[str, Any] = field(default_factory=dict)
    """The results of the extra expressions asked for."""

    @property
    def external_requests(self) -> list[str]:
        """Requests to anything but the local file (and data:/about:/blob: URLs)."""
        return [url for url in self.requests if not url.startswith(LOCAL_SCHEMES)]


def find_chromium() -> str | None:
    """The path of a Chromium (or Chrome) executable on ``PATH``, if any."""
    return next((found for name in BROWSERS if (found := shutil.which(name))), None)


class HeadlessChromium:
    """One headless Chromium process, its DevTools connection, and pages opened in it."""

    def __init__(self, executable: str | None = None, *, start_timeout: float = 30.0) -> None:
        found = executable or find_chromium()
        if found is None:
            raise BrowserError(f"no Chromium on PATH: install it with `{INSTALL_HINT}`")
        self._folder = tempfile.TemporaryDirectory(prefix="kg-chromium-")
        profile = Path(self._folder.name) / "profile"
        self._log = (Path(self._folder.name) / "chromium.log").open("wb")
        self._process = subprocess.Popen(
            [found, *_FLAGS, f"--user-data-dir={profile}", "about:blank"],
            stdin=subprocess.DEVNULL,
            stdout=self._log,
            stderr=self._log,
        )
        self._ids = itertools.count(1)
        self._events: list[dict[str, Any]] = []
        try:
            self._socket = self._connect(profile / "DevToolsActivePort", start_timeout)
        except BaseException:
            self.close()
            raise

    def _connect(self, port_file: Path, timeout: float) -> WebSocket:
        try:
            import websocket
        except ImportError as exc:
            raise BrowserError(
                f"driving Chromium needs websocket-client: pip install -e '.[dev]' ({exc})"
            ) from exc
        deadline = time.monotonic() + timeout
        while not port_file.exists() or len(port_file.read_text().splitlines()) < 2:
            if self._process.poll() is not None:
                raise BrowserError(f"Chromium exited with {self._process.returncode}: {self._log_tail()}")
            if time.monotonic() > deadline:
                raise BrowserError(f"Chromium did not start in {timeout:.0f} s: {self._log_tail()}")
            time.sleep(0.05)
        port, path = port_file.read_text().splitlines()[:2]
        return websocket.create_connection(f"ws://127.0.0.1:{port}{path}", timeout=timeout)

    def _log_tail(self) -> str:
        self._log.flush()
        text = (Path(self._folder.name) / "chromium.log").read_text(errors="replace")
        return " | ".join(text.strip().splitlines()[-5:])

    # -- the DevTools protocol ------------------------------------------------------------------

    def _call(
        self, method: str, params: Mapping[str, Any] | None = None, session: str | None = None
    ) -> dict[str, Any]:
        """Send one command and wait for its answer, keeping the events that arrive meanwhile."""
        message_id = next(self._ids)
        message: dict[str, Any] = {"id": message_id, "method": method, "params": dict(params or {})}
        if session is not None:
            message["sessionId"] = session
        self._socket.send(json.dumps(message))
        while True:
            answer = json.loads(self._socket.recv())
            if answer.get("id") == message_id:
                if "error" in answer:
                    raise BrowserError(f"DevTools {method}: {answer['error'].get('message')}")
                result: dict[str, Any] = answer.get("result", {})
                return result
            if "method" in answer:
                self._events.append(answer)
                if answer["method"] == "Page.javascriptDialogOpening":  # a dialog blocks the page
                    self._socket.send(
                        json.dumps(
                            {
                                "id": next(self._ids),
                                "method": "Page.handleJavaScriptDialog",
                                "params": {"accept": True},
                                "sessionId": answer.get("sessionId"),
                            }
                        )
                    )

    def _evaluate(self, session: str, expression: str) -> Any:
        result = self._call(
            "Runtime.evaluate",
            {"expression": expression, "returnByValue": True, "awaitPromise": True},
            session,
        )
        if "exceptionDetails" in result:
            return None
        return result.get("result", {}).get("value")

    # -- pages ----------------------------------------------------------------------------------

    def open(
        self,
        page: str | Path,
        *,
        ready: str = VIEW_READY,
        timing: str = VIEW_DRAW_MS,
        timeout: float = 60.0,
        settle: float = 0.3,
        expressions: Mapping[str, str] | None = None,
        hover: str | None = None,
    ) -> PageReport:
        """Open ``page`` (a file path or URL) in a new tab, offline, and wait until ``ready``
        (a JavaScript expression) is true or ``timeout`` seconds pass; then move the mouse over the
        node ``hover`` (an id; its tooltip shows), wait ``settle`` seconds for late events,
        evaluate ``expressions`` in order and close the tab."""
        url = Path(page).resolve().as_uri() if isinstance(page, Path) or "://" not in page else page
        self._events.clear()
        target = self._call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self._call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        try:
            for domain in ("Page", "Runtime", "Network", "Log"):
                self._call(f"{domain}.enable", {}, session)
            self._call(
                "Network.emulateNetworkConditions",
                {"offline": True, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1},
                session,
            )
            self._events.clear()  # what about:blank did before is not the page's doing
            started = time.monotonic()
            self._call("Page.navigate", {"url": url}, session)
            is_ready = False
            while time.monotonic() - started < timeout:
                if self._evaluate(session, ready) is True:
                    is_ready = True
                    break
                time.sleep(0.02)
            wall = time.monotonic() - started
            if is_ready and hover is not None:
                self._hover(session, hover)
            time.sleep(settle)
            report = PageReport(url=url, ready=is_ready, wall_seconds=wall, draw_ms=None)
            if is_ready:
                draw_ms = self._evaluate(session, timing)
                report.draw_ms = float(draw_ms) if isinstance(draw_ms, int | float) else None
            report.node_count = int(self._evaluate(session, _NODE_COUNT) or 0)
            report.drawn_pixels = int(self._evaluate(session, _DRAWN_PIXELS) or 0)
            report.title = str(self._evaluate(session, "document.title") or "")
            report.values = {
                name: self._evaluate(session, code) for name, code in (expressions or {}).items()
            }
            self._collect(report, session)
            return report
        finally:
            self._call("Target.closeTarget", {"targetId": target})

    def _hover(self, session: str, node_id: str) -> None:
        """Move the mouse over a node of a view (vis-network shows its tooltip after a delay)."""
        where = self._evaluate(session, _NODE_POINT % json.dumps(node_id))
        if not isinstance(where, list):
            raise BrowserError(f"no node {node_id!r} on the page to hover over")
        for dx in (3, 0):  # a move onto the node from next to it
            self._call(
                "Input.dispatchMouseEvent",
                {"type": "mouseMoved", "x": where[0] + dx, "y": where[1] + dx},
                session,
            )
            time.sleep(0.1)

    def _collect(self, report: PageReport, session: str) -> None:
        """Sort the events of one page into requests, console errors and dialogs."""
        for event in self._events:
            if event.get("sessionId") != session:
                continue
            method, params = event["method"], event.get("params", {})
            if method == "Network.requestWillBeSent":
                report.requests.append(str(params["request"]["url"]))
            elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                report.console_errors.append(
                    " ".join(
                        str(arg.get("value", arg.get("description", ""))) for arg in params.get("args", [])
                    )
                )
            elif method == "Runtime.exceptionThrown":
                details = params.get("exceptionDetails", {})
                report.console_errors.append(
                    str(details.get("exception", {}).get("description") or details.get("text"))
                )
            elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
                entry = params["entry"]
                report.console_errors.append(
                    f"{entry.get('source')}: {entry.get('text')} {entry.get('url', '')}"
                )
            elif method == "Page.javascriptDialogOpening":
                report.dialogs.append(str(params.get("message")))

    def close(self) -> None:
        """Stop Chromium and remove its profile."""
        socket = getattr(self, "_socket", None)
        if socket is not None:
            socket.close()
        if self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        self._log.close()
        self._folder.cleanup()

    def __enter__(self) -> HeadlessChromium:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()
