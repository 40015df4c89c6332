"""Start the whole bot the way visitors get it, time it, and read its processes' memory."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path
from typing import Dict, List, Optional

from harness.bot_process import port_open, say_over_rest

ROOT = Path(__file__).resolve().parent.parent


class RunningBot:
    """`make run` (or another command) in its own process group, on the given ports."""

    def __init__(
        self, command: List[str], ports: Dict[str, int], workdir: Path, extra_env: Optional[Dict[str, str]] = None
    ) -> None:
        self.rasa_port = ports["RASA_PORT"]
        self.ports = list(ports.values())
        busy = [port for port in self.ports if port_open(port)]
        if busy:  # an answer from another bot would be measured as ours
            raise RuntimeError(f"ports {busy} are in use; stop what listens there first")
        workdir.mkdir(parents=True, exist_ok=True)
        env = dict(
            os.environ,
            **{k: str(v) for k, v in ports.items()},
            AMIF_DB_URL=f"sqlite:///{workdir / 'bench.db'}",
            **(extra_env or {}),
        )
        env.pop("MAKEFLAGS", None)  # a nested `make run` must not inherit `make bench`'s flags
        self.log = open(workdir / "run.log", "a")
        self.started = time.monotonic()
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True
        )

    def wait_for_first_answer(self, limit_s: float = 300) -> float:
        """Seconds from the start command until a visitor's "hallo" gets an answer."""
        while time.monotonic() - self.started < limit_s:
            if self.process.poll() is not None:
                raise RuntimeError(f"bot exited with {self.process.returncode}; see {self.log.name}")
            try:
                if say_over_rest(self.rasa_port, "bench-first-visitor", "hallo"):
                    return time.monotonic() - self.started
            except OSError:
                pass
            time.sleep(0.25)
        raise RuntimeError(f"no answer within {limit_s} s; see {self.log.name}")

    def peak_memory_mb(self) -> Dict[str, float]:
        """Peak resident memory (VmHWM) of the Rasa server and the action server."""
        peaks: Dict[str, float] = {}
        for pid in _group_pids(self.process.pid):
            try:
                cmdline = Path(f"/proc/{pid}/cmdline").read_text().replace("\0", " ")
                status = Path(f"/proc/{pid}/status").read_text()
            except OSError:
                continue
            role = (
                "action_server"
                if "amif-actions" in cmdline or "rasa_sdk" in cmdline
                else "rasa_server"
                if "amif-rasa run" in cmdline
                else None
            )
            if role:
                hwm = next(line for line in status.splitlines() if line.startswith("VmHWM"))
                peaks[role] = max(peaks.get(role, 0.0), int(hwm.split()[1]) / 1024)
        return peaks

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        # The servers may outlive the script that started them by a moment.
        deadline = time.monotonic() + 30
        while any(port_open(port) for port in self.ports) and time.monotonic() < deadline:
            for pid in _group_pids(self.process.pid):
                try:
                    os.kill(pid, signal.SIGTERM)
                except OSError:
                    pass
            time.sleep(0.5)
        for pid in _group_pids(self.process.pid):  # whatever still ignores SIGTERM
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        self.log.close()


def _group_pids(group: int) -> List[int]:
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if os.getpgid(int(entry.name)) == group:
                    pids.append(int(entry.name))
            except OSError:
                continue
    return pids
