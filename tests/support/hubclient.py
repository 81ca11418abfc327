"""A person on the cohort hub, over HTTP: log in with a password through the hub's login form,
start one's server, call its REST API (contents, nbgrader's assignment list) and run code in
one's own kernel over its websocket -- what JupyterLab does in the browser, without drawing it.
"""

from __future__ import annotations

import json
import time
import uuid
from dataclasses import dataclass, field

import requests
import websocket


class HubError(AssertionError):
    pass


@dataclass
class HubUser:
    base: str  # the hub's public URL (through the proxy)
    name: str
    session: requests.Session = field(default_factory=requests.Session)
    token: str = ""

    # -- the hub ----------------------------------------------------------------------------
    @classmethod
    def login(cls, base: str, name: str, password: str) -> HubUser:
        """Log in through the login form, then make an API token as the browser page would."""
        user = cls(base.rstrip("/"), name)
        s = user.session
        s.get(user.base + "/hub/login").raise_for_status()
        form = {"username": name, "password": password, "_xsrf": s.cookies.get("_xsrf", "")}
        r = s.post(user.base + "/hub/login", data=form, allow_redirects=False)
        if r.status_code != 302:
            raise HubError(f"login of {name} refused: {r.status_code}")
        r = s.post(
            f"{user.base}/hub/api/users/{name}/tokens",
            json={"note": "test client", "expires_in": 7200},
            headers={"X-XSRFToken": s.cookies.get("_xsrf", "")},
        )
        r.raise_for_status()
        user.token = r.json()["token"]
        return user

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"token {self.token}"}

    def hub(self, method: str, path: str, **kwargs) -> requests.Response:
        return requests.request(
            method, f"{self.base}/hub/api{path}", headers=self.headers, timeout=60, **kwargs
        )

    def get(self, url_path: str, **kwargs) -> requests.Response:
        """GET any page of the hub with this user's token (e.g. ``/services/c1/formgrader``)."""
        kwargs.setdefault("allow_redirects", False)
        return requests.get(self.base + url_path, headers=self.headers, timeout=60, **kwargs)

    def start_server(self) -> None:
        r = self.hub("POST", f"/users/{self.name}/server")
        if r.status_code not in (201, 202, 400):  # 400: already running
            raise HubError(f"spawn of {self.name}: {r.status_code} {r.text[:300]}")

    def wait_ready(self, timeout: float = 240) -> float:
        """Wait until the hub says the server is ready; return when (monotonic)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            model = self.hub("GET", f"/users/{self.name}").json()
            server = model.get("servers", {}).get("")
            if server and server.get("ready"):
                return time.monotonic()
            time.sleep(0.5)
        raise HubError(f"server of {self.name} not ready after {timeout} s")

    # -- one's own server -------------------------------------------------------------------
    @property
    def server(self) -> str:
        return f"{self.base}/user/{self.name}"

    def api(self, method: str, path: str, **kwargs) -> requests.Response:
        return requests.request(
            method, self.server + path, headers=self.headers, timeout=300, **kwargs
        )

    def assignments(self, course: str) -> list[dict]:
        r = self.api("GET", "/assignments", params={"course_id": course})
        r.raise_for_status()
        body = r.json()
        if not body["success"]:
            raise HubError(f"assignment list of {self.name}: {body['value']}")
        return body["value"]

    def assignment_action(self, action: str, course: str, assignment: str) -> dict:
        """What the Assignments panel does: fetch, submit or fetch_feedback."""
        r = self.api(
            "POST",
            f"/assignments/{action}",
            data={"course_id": course, "assignment_id": assignment},
        )
        r.raise_for_status()
        return r.json()

    def read_file(self, path: str, as_json: bool = False):
        r = self.api("GET", f"/api/contents/{path}", params={"content": "1"})
        r.raise_for_status()
        content = r.json()["content"]
        return content if as_json or not isinstance(content, str) else content

    def save_notebook(self, path: str, notebook: dict) -> None:
        r = self.api("PUT", f"/api/contents/{path}", json={"type": "notebook", "content": notebook})
        r.raise_for_status()

    def kernel(self, notebook_path: str) -> Kernel:
        """A kernel of a notebook session (its working directory is the notebook's folder)."""
        r = self.api(
            "POST",
            "/api/sessions",
            json={
                "path": notebook_path,
                "type": "notebook",
                "name": "",
                "kernel": {"name": "python3"},
            },
        )
        r.raise_for_status()
        kernel_id = r.json()["kernel"]["id"]
        url = self.server.replace("http", "ws", 1) + f"/api/kernels/{kernel_id}/channels"
        return Kernel(websocket.create_connection(url, header=self.headers, timeout=120), self.name)


@dataclass
class Kernel:
    """Execute requests on a kernel's websocket (Jupyter messaging protocol, JSON frames)."""

    ws: websocket.WebSocket
    username: str
    session: str = field(default_factory=lambda: uuid.uuid4().hex)

    def execute(self, code: str, timeout: float = 120) -> str:
        """Run ``code``; return its stdout (and displayed text); raise HubError on an error."""
        msg_id = uuid.uuid4().hex
        self.ws.send(
            json.dumps(
                {
                    "header": {
                        "msg_id": msg_id,
                        "username": self.username,
                        "session": self.session,
                        "msg_type": "execute_request",
                        "version": "5.3",
                    },
                    "parent_header": {},
                    "metadata": {},
                    "channel": "shell",
                    "buffers": [],
                    "content": {
                        "code": code,
                        "silent": False,
                        "store_history": True,
                        "user_expressions": {},
                        "allow_stdin": False,
                        "stop_on_error": True,
                    },
                }
            )
        )
        out, error, idle, replied = [], None, False, False
        deadline = time.monotonic() + timeout
        while not (idle and replied):
            if time.monotonic() > deadline:
                raise HubError(f"no answer from the kernel after {timeout} s: {code[:80]!r}")
            msg = json.loads(self.ws.recv())
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind, content = msg["msg_type"], msg["content"]
            if kind == "stream":
                out.append(content["text"])
            elif kind in ("execute_result", "display_data"):
                out.append(content.get("data", {}).get("text/plain", ""))
            elif kind == "error":
                error = f"{content['ename']}: {content['evalue']}"
            elif kind == "status" and content["execution_state"] == "idle":
                idle = True
            elif kind == "execute_reply":
                replied = True
        if error:
            raise HubError(f"{error}\nin: {code[:300]}")
        return "".join(out)

    def run_all(self, notebook: dict) -> None:
        """Run the notebook's code cells top to bottom (Run All)."""
        for cell in notebook["cells"]:
            if cell["cell_type"] == "code":
                source = (
                    cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
                )
                self.execute(source)

    def close(self) -> None:
        self.ws.close()
