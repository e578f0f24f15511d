"""The az extension's overhead: `az azureml version` against a trivial az command
(`az cloud show`), both through Debian's az with the extension unpacked from its wheel into a
throw-away AZURE_EXTENSION_DIR, telemetry and update checks off, and every proxy variable on a
refusing local port, so nothing leaves the machine. The difference of the medians is what the
extension adds to an az command: loading it (which runs `kubectl-azureml __describe`) and
running the binary. Goal: at most 50 ms.
"""

from __future__ import annotations

import datetime
import json
import shutil
import socket
import subprocess
import tempfile
import zipfile
from pathlib import Path

AZ = "/usr/bin/az"


class AzSetup:
    """A configured az for the benchmark; close() removes it."""

    def __init__(self, repo: Path, binary: Path):
        if not Path(AZ).is_file():
            raise RuntimeError("az is not installed (apt-get install azure-cli)")
        self.dir = Path(tempfile.mkdtemp(prefix="azureml-bench-az-"))
        wheels = sorted((binary.parent.parent / "az-extension").glob("azureml-*.whl"))
        if not wheels:
            out = subprocess.run([str(repo / "scripts" / "build-az-extension"), str(self.dir / "wheel"),
                                  "--describe-with", str(binary)], capture_output=True, text=True, check=False)
            if out.returncode != 0:
                raise RuntimeError("building the wheel failed: " + out.stderr.strip())
            wheels = sorted((self.dir / "wheel").glob("azureml-*.whl"))
        with zipfile.ZipFile(wheels[-1]) as wheel:
            wheel.extractall(self.dir / "extensions" / "azureml")
        config = self.dir / "config"
        config.mkdir()
        now = str(datetime.datetime.now())
        versions = {name: {"local": version, "pypi": version}
                    for name, version in (("azure-cli", "2.45.0"), ("core", "2.45.0"), ("telemetry", "1.0.8"))}
        (config / "versionCheck.json").write_text(json.dumps({"check_time": now, "update_time": now,
                                                              "versions": versions}))
        self.sink = socket.socket()  # bound, never listening: a proxy that refuses
        self.sink.bind(("127.0.0.1", 0))
        proxy = f"http://127.0.0.1:{self.sink.getsockname()[1]}"
        self.environment = [f"HOME={self.dir}", "PATH=/usr/bin:/bin", f"AZURE_CONFIG_DIR={config}",
                            f"AZURE_EXTENSION_DIR={self.dir / 'extensions'}", "AZURE_CORE_COLLECT_TELEMETRY=false",
                            "AZURE_CORE_ONLY_SHOW_ERRORS=true", f"AZUREML_KUBECTL_PLUGIN={binary}",
                            f"HTTPS_PROXY={proxy}", f"HTTP_PROXY={proxy}", f"https_proxy={proxy}", f"http_proxy={proxy}",
                            "NO_PROXY=127.0.0.1", "no_proxy=127.0.0.1"]

    def command(self, *arguments: str) -> list[str]:
        return ["/usr/bin/env", "-i", *self.environment, AZ, *arguments]

    def close(self) -> None:
        self.sink.close()
        shutil.rmtree(self.dir, ignore_errors=True)
