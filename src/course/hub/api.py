"""The running hub's REST API, as the ``course-hub`` service (token in ``<hub>/state``)."""

from __future__ import annotations

import requests

from course.hub.settings import Hub

TIMEOUT = 10


class HubAPI:
    """Calls on the hub's own API port (not through the proxy)."""

    def __init__(self, hub: Hub, token: str | None = None) -> None:
        self.url = hub.api_url
        if token is None and hub.admin_token_file.exists():
            token = hub.admin_token_file.read_text().strip()
        self.session = requests.Session()
        if token:
            self.session.headers["Authorization"] = f"token {token}"

    def version(self) -> str | None:
        """The hub's version if it answers, else None (no token needed)."""
        try:
            response = requests.get(self.url + "/", timeout=TIMEOUT)
        except requests.RequestException:
            return None
        return response.json().get("version") if response.ok else None

    def request(self, method: str, path: str, **kwargs) -> requests.Response:
        return self.session.request(method, self.url + path, timeout=TIMEOUT, **kwargs)

    def users(self) -> dict[str, dict]:
        response = self.request("GET", "/users")
        response.raise_for_status()
        return {user["name"]: user for user in response.json()}

    def stop_server(self, name: str) -> bool:
        """Stop ``name``'s server; True if one was running."""
        response = self.request("DELETE", f"/users/{name}/server")
        if response.status_code in (400, 404):  # not running, or not a hub user
            return False
        response.raise_for_status()
        return True

    def remove_user(self, name: str) -> bool:
        """Stop the server and forget the user (tokens included; the account and home stay).
        True if the hub knew the user."""
        self.stop_server(name)
        response = self.request("DELETE", f"/users/{name}")
        if response.status_code == 404:
            return False
        response.raise_for_status()
        return True
