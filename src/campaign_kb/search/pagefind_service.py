"""Pagefind in service mode: folders of search documents are indexed as they are written.

The command-line Pagefind reads every document only once the last page is rendered; about
half of its work is reading and parsing them. In service mode it takes them folder by folder
while MkDocs is still rendering, and only the index itself is left for the end of the build.

This talks to `pagefind --service` directly (base64 JSON messages, each ended by a comma), as
Pagefind's own Python and Node wrappers do. The Python wrapper reads one reply per 0.1 s and
waits forever for a reply from a service that has died; here requests are sent without
waiting, replies are read in order when the index is written, and a dead service is an error.
"""

from __future__ import annotations

import base64
import contextlib
import json
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from pagefind.service import get_executable


class PagefindError(Exception):
    """What Pagefind said (or that it could not be started or stopped early)."""


class PagefindService:
    """One Pagefind process and one index in it."""

    def __init__(
        self,
        language: str,
        start: Callable[..., subprocess.Popen] | None = None,
    ) -> None:
        """`start` is called like `subprocess.Popen` (the default); the build passes one that
        starts the process from a thread with the CPU priority Pagefind should have."""
        executable = get_executable()
        if executable is None:
            raise PagefindError("the Pagefind program is not installed")
        # What a crash prints, for the error; closed by `stop`.
        self._errors = tempfile.TemporaryFile()  # noqa: SIM115
        command = [str(executable), "--service"]
        try:
            self._process = (start or subprocess.Popen)(command, **self._pipes())
        except OSError as err:
            raise PagefindError(f"{executable}: {err.strerror}") from None
        self._received = bytearray()
        self._last_id = 0
        self._unanswered: list[int] = []
        self._send({"type": "NewIndex", "config": {"force_language": language}})
        self._index_id = self._reply(self._unanswered.pop())["index_id"]

    def _pipes(self) -> dict[str, Any]:
        """How the process must be started (keyword arguments of `subprocess.Popen`)."""
        return {"stdin": subprocess.PIPE, "stdout": subprocess.PIPE, "stderr": self._errors}

    @property
    def pid(self) -> int:
        return self._process.pid

    def add_folder(self, folder: Path) -> None:
        """Index every HTML file under `folder`; their URLs are their paths within it.
        Returns at once: Pagefind reads them while the caller goes on."""
        self._send({"type": "AddDir", "index_id": self._index_id, "path": str(folder)})

    def write(self, output: Path) -> None:
        """Wait for every folder added, then write the index into `output` and stop.

        Pagefind is asked for the files (`GetFiles`) and they are written here, rather than
        letting it write them (`WriteFiles`): it answers `WriteFiles` before all its files are
        on disk. Stopped at that answer, builds on a busy machine had empty files,
        pagefind-entry.json among them, and search then failed in the browser; closing its
        input and letting it exit still left one empty file in a test build. Asking for the
        files took the same time (1,000 reports' pages, three alternating runs)."""
        self._send({"type": "GetFiles", "index_id": self._index_id})
        files: list[dict[str, str]] = []
        while self._unanswered:
            files = self._reply(self._unanswered.pop(0)).get("files", [])
        self.stop()
        for file in files:
            target = output / file["path"]
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(base64.b64decode(file["content"]))

    def stop(self) -> None:
        """Stop the process (at once: the index is written or no longer wanted) and reap it."""
        if self._process.poll() is None:
            self._process.kill()
        self._process.wait()
        for stream in (self._process.stdin, self._process.stdout, self._errors):
            with contextlib.suppress(OSError):  # a request left unsent in a broken pipe
                if stream is not None:
                    stream.close()

    def _send(self, payload: dict[str, Any]) -> None:
        self._last_id += 1
        message = json.dumps({"message_id": self._last_id, "payload": payload})
        stdin: IO[bytes] = self._process.stdin  # type: ignore[assignment]
        try:
            stdin.write(base64.b64encode(message.encode("utf-8")) + b",")
            stdin.flush()
        except OSError:  # BrokenPipeError: the process has ended
            raise PagefindError(self._ended()) from None
        self._unanswered.append(self._last_id)

    def _reply(self, message_id: int) -> dict[str, Any]:
        """The reply to `message_id`; replies come in the order of the requests."""
        stdout: IO[bytes] = self._process.stdout  # type: ignore[assignment]
        while True:
            # Only new bytes are searched for the end: the index files come as one reply of
            # ~17 MB at 1,000 reports, and searching all of it after every read took 0.13 s.
            end = self._received.find(b",")
            while end < 0:
                searched = len(self._received)
                chunk = stdout.read1(1 << 20)
                if not chunk:
                    raise PagefindError(self._ended())
                self._received += chunk
                end = self._received.find(b",", searched)
            message = bytes(self._received[:end])
            del self._received[: end + 1]
            try:
                reply = json.loads(base64.b64decode(message, validate=True))
            except ValueError:  # not a reply (e.g. a log line): skip it
                continue
            payload = reply.get("payload") or {}
            if payload.get("type") == "Error":
                raise PagefindError(payload.get("message") or "an unknown error")
            if reply.get("message_id") == message_id:
                return payload

    def _ended(self) -> str:
        """Why the process is gone: the last line it wrote to stderr, or its exit status."""
        if not self._errors.closed:
            self._process.wait()
            self._errors.seek(0)
            said = self._errors.read().decode("utf-8", "replace").strip().splitlines()
        else:  # stopped already
            said = []
        self.stop()
        return said[-1] if said else f"it stopped (exit status {self._process.returncode})"
