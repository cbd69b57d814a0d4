"""Web pages read in a worker process, so that one page cannot stall a build.

lxml's HTML parser is quadratic in the attributes of one element (200,000 of them took minutes) and
cannot be interrupted from Python. Pages therefore go, one at a time, to a child process
(``python -m generator.html_worker``, one JSON line in, one out); when a page overruns its time
budget the child is killed, the page becomes a warning, and the next page starts a new child.
"""
from __future__ import annotations

import atexit
import json
import os
import select
import subprocess
import sys
import threading
import time
from pathlib import Path


class _Worker:
    def __init__(self):
        self.proc: subprocess.Popen | None = None
        self.lock = threading.Lock()
        atexit.register(self.stop)

    def start(self) -> subprocess.Popen:
        if self.proc is None or self.proc.poll() is not None:
            package_root = str(Path(__file__).resolve().parent.parent)
            path = os.pathsep.join(p for p in (package_root, os.environ.get("PYTHONPATH")) if p)
            self.proc = subprocess.Popen([sys.executable, "-m", "generator.html_worker"], stdin=subprocess.PIPE,
                                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                         env={**os.environ, "PYTHONPATH": path})
        return self.proc

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.kill()
            self.proc.wait()
            for pipe in (self.proc.stdin, self.proc.stdout):
                pipe.close()
            self.proc = None

    def read(self, html: str, seconds: float) -> tuple[dict, str]:
        from .ingest import IngestError

        with self.lock:
            proc = self.start()
            deadline = time.monotonic() + seconds
            try:
                proc.stdin.write(json.dumps({"html": html}).encode("utf-8", "surrogatepass") + b"\n")
                proc.stdin.flush()
                answer = b""
                while not answer.endswith(b"\n"):
                    left = deadline - time.monotonic()
                    if left <= 0 or not select.select([proc.stdout], [], [], left)[0]:
                        self.stop()
                        raise IngestError(f"HTML took longer than {seconds:g} s to read")
                    chunk = os.read(proc.stdout.fileno(), 1 << 20)
                    if not chunk:
                        raise OSError("the HTML reader stopped")
                    answer += chunk
            except OSError:
                self.stop()
                raise IngestError("HTML cannot be parsed (the reader stopped)") from None
        reply = json.loads(answer)
        if "error" in reply:
            raise IngestError(reply["error"])
        return reply["meta"], reply["body"]


_worker = _Worker()


def read(html: str, seconds: float) -> tuple[dict, str]:
    """``ingest.read_html(html)`` in the worker process, or IngestError after ``seconds``."""
    return _worker.read(html, seconds)


def main() -> None:
    from .ingest import IngestError, read_html

    for line in sys.stdin.buffer:
        try:
            meta, body = read_html(json.loads(line)["html"])
            reply = {"meta": {k: str(v) for k, v in meta.items()}, "body": body}
        except IngestError as exc:
            reply = {"error": str(exc)}
        except Exception as exc:  # noqa: BLE001 - a hostile page is a bad file, never a dead reader
            reply = {"error": f"HTML cannot be parsed ({type(exc).__name__})"}
        sys.stdout.buffer.write(json.dumps(reply, ensure_ascii=True).encode() + b"\n")
        sys.stdout.buffer.flush()


if __name__ == "__main__":
    main()
