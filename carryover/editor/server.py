"""``carryover edit``: the browser form on this computer, saving into the content folder.

Three pieces, all on 127.0.0.1 and nothing from anywhere else:

- Decap CMS's page and scripts (from ``editor/node_modules``, installed from npm), with a
  configuration generated from the schema on every load (``carryover.editor.config``);
- ``decap-server``, Decap's local backend, which reads and writes the content folder;
- this server in front of both: it passes the form's requests to ``decap-server``,
  rewriting each save so only what changed is written (``carryover.editor.saving``), and
  renders the preview pane with the site's own renderer, stylesheets and checks.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Protocol

import jinja2
import yaml

from carryover import ORIGINAL_LANGUAGE
from carryover.check.library import check_library, load_library
from carryover.context import BuildContext
from carryover.editor.config import editor_config, form_text
from carryover.editor.frontmatter import FormFileError
from carryover.editor.saving import page_file, plan_draft, plan_save
from carryover.model.library import Library

STATIC = Path(__file__).parent / "static"
TEMPLATES = Path(__file__).parent / "templates"
LOCAL_HOSTS = ("127.0.0.1", "localhost")
REFUSED = {
    "persistMedia": "Pictures cannot be added from the form: cards do not show uploaded pictures.",
    "deleteFile": "Pages are not deleted from the form: a published address must keep working.",
    "deleteFiles": "Pages are not deleted from the form: a published address must keep working.",
}
TYPES = {".js": "text/javascript", ".css": "text/css", ".wasm": "application/wasm", ".yml": "text/yaml"}


class Previewer(Protocol):
    """What the site engine gives the form's preview (``engine.mkdocs.preview.PagePreview``)."""

    context: BuildContext

    def stylesheets(self) -> list[Path]: ...

    def article(self, library: Library, entry: Any, lang: str, problems: list[str], heading: str) -> str: ...


def admin_page(script_dir: str, preview: bool, ui_lang: str = ORIGINAL_LANGUAGE) -> str:
    """The editor's one HTML page: Decap's script, ours, and the generated configuration."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True)
    text = form_text(ui_lang)
    notes = {"published": text["preview_published"], "offline": text["preview_offline"]}
    return env.get_template("admin.html").render(
        script_dir=script_dir, preview=preview, lang=text["decap_locale"], notes=notes
    )


class Editor:
    """One editing session on one content folder."""

    def __init__(
        self, content: Path, dist: Path, previewer: Previewer, backend_url: str, ui_lang: str = ORIGINAL_LANGUAGE
    ) -> None:
        self.content = content
        self.ui_lang = ui_lang  # the language of the form's own words
        self.text = form_text(ui_lang)
        self.dist = dist  # Decap CMS's built files
        self.previewer = previewer
        self.backend_url = backend_url  # decap-server's /api/v1

    def library(self) -> Library:
        return load_library(self.content, icons_dir=self.previewer.context.icons_dir)

    def config_yaml(self) -> str:
        backend = {"name": "proxy", "proxy_url": "/api/v1", "branch": "main"}
        config = editor_config(self.library(), backend=backend, ui_lang=self.ui_lang)
        return yaml.safe_dump(config, allow_unicode=True, sort_keys=False)

    def stylesheet(self) -> str:
        css = [path.read_text(encoding="utf-8") for path in self.previewer.stylesheets()]
        return "\n".join([*css, (STATIC / "preview.css").read_text(encoding="utf-8")])

    def forward(self, request: dict[str, Any]) -> tuple[int, bytes]:
        """A request of the form, to decap-server; a save rewritten first (``plan_save``).
        Uploads and deletions are refused: cards have no pictures, and removing a published
        page is a decision for git, not a click (its address must keep working)."""
        if request.get("action") in REFUSED:
            message = REFUSED[request["action"]]
            return HTTPStatus.FORBIDDEN, json.dumps({"error": message}).encode("utf-8")
        if request.get("action") == "persistEntry":
            request = self.rewrite_save(request)
        body = json.dumps(request).encode("utf-8")
        call = urllib.request.Request(self.backend_url, body, {"Content-Type": "application/json"}, method="POST")
        try:
            with urllib.request.urlopen(call, timeout=60) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as err:
            return err.code, err.read()

    def rewrite_save(self, request: dict[str, Any]) -> dict[str, Any]:
        params = dict(request.get("params") or {})
        files = params.get("dataFiles") or ([params["entry"]] if params.get("entry") else [])
        sent = {f["path"]: f["raw"] for f in files}
        planned = plan_save(self.content, sent, self.library())
        params["dataFiles"] = [
            {**f, "raw": planned[page_file(f["path"]).path]} for f in files if page_file(f["path"]).path in planned
        ]
        params.pop("entry", None)
        return {**request, "params": params}

    def preview(self, request: dict[str, Any]) -> str:
        """The page as the site would show it if the form's values were saved, and what
        ``carryover check`` would say about its files."""
        kind, page_id, lang = request["collection"], str(request.get("id") or ""), request["locale"]
        drafts = {k: v for k, v in (request.get("drafts") or {}).items() if isinstance(v, dict)}
        library = self.library()
        heading = self.text["preview_problems"]
        if not page_id:
            return self.previewer.article(library, None, lang, [f"id: {self.text['preview_no_id']}"], heading)
        try:
            planned = plan_draft(self.content, kind, page_id, drafts, library)
        except FormFileError as err:
            return self.previewer.article(library, None, lang, [str(err)], heading)
        with tempfile.TemporaryDirectory(prefix="carryover-preview-") as tmp:
            root = Path(tmp) / self.content.name
            shutil.copytree(self.content, root, symlinks=True)
            for path, text in planned.items():
                (root / path).write_text(text, encoding="utf-8")
            draft = load_library(root, icons_dir=self.previewer.context.icons_dir)
            check_library(draft, context=self.previewer.context)
            own = f"{self.content.name}/{kind}/{page_id}."
            problems = [str(p) for p in [*draft.problems.errors, *draft.problems.warnings] if p.path.startswith(own)]
            entry = draft.entries.get(kind, {}).get(page_id)
            if entry is None or draft.problems.errors:
                unreadable = problems or [self.text["preview_unreadable"]]
                return self.previewer.article(draft, None, lang, unreadable, heading)
            return self.previewer.article(draft, entry, lang, problems, heading)


def handler_for(editor: Editor) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "carryover-edit"

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
            pass  # the terminal shows what the author needs, not every request

        def _local(self) -> bool:
            """Only this computer's browser, by name too: a web page elsewhere cannot reach the
            form's server through a name that points here (DNS rebinding)."""
            host = (self.headers.get("Host") or "").rsplit(":", 1)[0].strip("[]")
            return host in LOCAL_HOSTS

        def _send(self, status: int, body: bytes, content_type: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:  # noqa: N802 - the base class's name
            if not self._local():
                return self._send(HTTPStatus.FORBIDDEN, b"forbidden", "text/plain")
            path = self.path.split("?", 1)[0]
            routes: dict[str, Callable[[], tuple[str, str]]] = {
                "/admin/": lambda: (admin_page("decap/", True, editor.ui_lang), "text/html; charset=utf-8"),
                "/admin/config.yml": lambda: (editor.config_yaml(), "text/yaml; charset=utf-8"),
                "/admin/preview.css": lambda: (editor.stylesheet(), "text/css; charset=utf-8"),
                "/admin/carryover-editor.js": lambda: (
                    (STATIC / "carryover-editor.js").read_text(encoding="utf-8"),
                    "text/javascript; charset=utf-8",
                ),
            }
            if path in ("/", "/admin"):
                self.send_response(HTTPStatus.FOUND)
                self.send_header("Location", "/admin/")
                self.end_headers()
                return None
            if path in routes:
                text, content_type = routes[path]()
                return self._send(HTTPStatus.OK, text.encode("utf-8"), content_type)
            if path.startswith("/admin/decap/"):
                name = path.removeprefix("/admin/decap/")
                file = editor.dist / name
                if "/" not in name and not name.startswith(".") and file.is_file():
                    return self._send(
                        HTTPStatus.OK, file.read_bytes(), TYPES.get(file.suffix, "application/octet-stream")
                    )
            return self._send(HTTPStatus.NOT_FOUND, b"not found", "text/plain")

        def _same_origin(self) -> bool:
            """Only the form's own page may write: a request from another site's page carries
            its Origin, and cannot send JSON here without a preflight this server never grants."""
            origin = self.headers.get("Origin")
            host = self.headers.get("Host") or ""
            json_body = (self.headers.get("Content-Type") or "").split(";")[0].strip() == "application/json"
            return json_body and (origin is None or origin in (f"http://{host}", f"https://{host}"))

        def do_POST(self) -> None:  # noqa: N802 - the base class's name
            if not self._local() or not self._same_origin():
                return self._send(HTTPStatus.FORBIDDEN, b'{"error": "forbidden"}', "application/json")
            length = int(self.headers.get("Content-Length") or 0)
            try:
                request = json.loads(self.rfile.read(length) or b"{}")
            except ValueError:
                return self._send(HTTPStatus.BAD_REQUEST, b'{"error": "not JSON"}', "application/json")
            try:
                if self.path == "/api/v1":
                    status, body = editor.forward(request)
                    return self._send(status, body, "application/json")
                if self.path == "/admin/preview":
                    html = editor.preview(request)
                    return self._send(HTTPStatus.OK, json.dumps({"html": html}).encode("utf-8"), "application/json")
            except FormFileError as err:
                print(f"carryover edit: {err}", file=sys.stderr)
                return self._send(
                    HTTPStatus.UNPROCESSABLE_ENTITY, json.dumps({"error": str(err)}).encode(), "application/json"
                )
            return self._send(HTTPStatus.NOT_FOUND, b"{}", "application/json")

    return Handler


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_backend(node_modules: Path, content: Path, port: int) -> subprocess.Popen:
    """decap-server on 127.0.0.1:``port``, reading and writing ``content`` (no git, no login)."""
    node = shutil.which("node")
    if node is None:
        raise SystemExit("carryover edit: Node.js is missing (Debian: apt-get install -y nodejs npm)")
    env = {
        **os.environ,
        "PORT": str(port),
        "BIND_HOST": "127.0.0.1",
        "MODE": "fs",
        "GIT_REPO_DIRECTORY": str(content),
        "LOG_LEVEL": "warn",
    }
    script = node_modules / "decap-server" / "dist" / "index.js"
    process = subprocess.Popen([node, str(script)], env=env, stdout=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/api/v1"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"carryover edit: decap-server stopped (exit {process.returncode})")
        try:
            call = urllib.request.Request(
                url, b'{"action": "info", "params": {}}', {"Content-Type": "application/json"}
            )
            with urllib.request.urlopen(call, timeout=2):
                return process
        except OSError:
            time.sleep(0.2)
    process.terminate()
    raise SystemExit("carryover edit: decap-server did not start within 30 s")


def run(
    content: Path, node_modules: Path, previewer: Previewer, host: str, port: int, ui_lang: str = ORIGINAL_LANGUAGE
) -> int:
    """Start everything, print where to open the form, and stop everything on Ctrl-C."""
    dist = node_modules / "decap-cms" / "dist"
    if not (dist / "decap-cms.js").is_file():
        raise SystemExit(f"carryover edit: Decap CMS is not installed in {node_modules} (run `make edit`)")
    backend_port = free_port()
    backend = start_backend(node_modules, content, backend_port)
    editor = Editor(content, dist, previewer, f"http://127.0.0.1:{backend_port}/api/v1", ui_lang)
    server = ThreadingHTTPServer((host, port), handler_for(editor))
    stop = threading.Event()

    def finish(*_: object) -> None:
        stop.set()
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, finish)
    # Ctrl-C stops everything, even when a shell started this with interrupts ignored (a
    # background job), where Python would otherwise never see it.
    signal.signal(signal.SIGINT, finish)
    print(f"Write cards in your browser: http://{host}:{server.server_address[1]}/admin/", flush=True)
    print(f"Saving into {content}. Press Ctrl-C to stop.", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        backend.terminate()
        try:
            backend.wait(timeout=10)
        except subprocess.TimeoutExpired:
            backend.kill()
        print("carryover edit: stopped.", flush=True)
    return 0
