"""The kubectl-azureml binary the commands run: where it is, whether it is the right version,
what it offers (``__describe``), and running one verb in JSON mode.

The binary is looked for in this order: ``$AZUREML_KUBECTL_PLUGIN`` (a path, for development),
``bin/kubectl-azureml`` next to this package, then ``kubectl-azureml`` on PATH.
"""

import hashlib
import json
import os
import shutil
import subprocess
import sys
import threading

from knack.util import CLIError

from ._version import VERSION

BINARY_NAME = "kubectl-azureml"


def find_binary():
    """The binary's path, or CLIError saying where it was looked for and how to install it."""
    explicit = os.environ.get("AZUREML_KUBECTL_PLUGIN")
    if explicit:
        if os.path.isfile(explicit) and os.access(explicit, os.X_OK):
            return explicit
        raise CLIError("AZUREML_KUBECTL_PLUGIN names '{}', which is not an executable file".format(explicit))
    beside = os.path.join(os.path.dirname(os.path.abspath(__file__)), "bin", BINARY_NAME)
    if os.path.isfile(beside) and os.access(beside, os.X_OK):
        return beside
    on_path = shutil.which(BINARY_NAME)
    if on_path:
        return on_path
    raise CLIError(
        "the {} binary was not found: not next to this extension ({}) nor on PATH. Install it "
        "(kubectl krew install azureml, or put the release binary on PATH) and run the command again"
        .format(BINARY_NAME, os.path.dirname(beside)))


def bundled_describe():
    """The description the wheel was built with (describe.json), for a command table without a
    usable binary; an empty one when the wheel has none."""
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "describe.json")
    try:
        with open(path) as source:
            return json.load(source)
    except (OSError, ValueError):
        return {"verbs": [{"name": "version", "summary": "Print the version of kubectl-azureml", "options": []}]}


def _cache_path(binary):
    """Where the description of this very binary (path, size, modification time) is kept."""
    try:
        stat = os.stat(binary)
    except OSError:
        return None
    folder = os.environ.get("AZURE_CONFIG_DIR") or os.path.join(os.path.expanduser("~"), ".azure")
    where = hashlib.sha256(os.path.realpath(binary).encode()).hexdigest()[:16]
    key = "{}-{}-{}".format(where, stat.st_size, stat.st_mtime_ns)
    return os.path.join(folder, "azureml", "describe-{}.json".format(key))


def describe(binary):
    """The binary's own account of its verbs and options (``__describe``), checked for version.
    Kept per binary in the az config folder: a command runs the binary once, not twice."""
    cache = _cache_path(binary)
    if cache:
        try:
            with open(cache) as source:
                return _checked(binary, json.load(source))
        except (OSError, ValueError):
            pass
    table = _run_describe(binary)
    if cache:
        try:
            os.makedirs(os.path.dirname(cache), exist_ok=True)
            with open(cache + ".tmp", "w") as sink:
                json.dump(table, sink)
            os.replace(cache + ".tmp", cache)
        except OSError:
            pass  # a read-only config folder only costs the next command a describe
    return table


def _run_describe(binary):
    try:
        out = subprocess.run([binary, "__describe"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             check=False, timeout=30)
    except OSError as error:
        raise CLIError("could not run {}: {}".format(binary, error))
    if out.returncode != 0:
        raise CLIError("{} __describe exited {}: {}".format(binary, out.returncode,
                                                            out.stderr.decode(errors="replace").strip()))
    try:
        table = json.loads(out.stdout)
    except ValueError:
        raise CLIError("{} __describe did not print JSON; is it a kubectl-azureml binary?".format(binary))
    return _checked(binary, table)


def _checked(binary, table):
    version = str(table.get("version", ""))
    if version.split(".")[:2] != VERSION.split(".")[:2]:
        raise CLIError("{} is version {}, this extension needs {}.x: install the matching binary, or the extension "
                       "of its version".format(binary, version or "unknown",
                                               ".".join(VERSION.split(".")[:2])))
    return table


def run(binary, argv, environment):
    """Runs one verb with ``-o json``: stderr streams through as it comes (progress, warnings)
    except the final error, which is returned. Returns (exit code, parsed stdout or None, error text)."""
    process = subprocess.Popen([binary] + argv + ["-o", "json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               env=environment)
    chunks = []  # stdout, drained on its own thread so that a large result never blocks the binary
    reader = threading.Thread(target=lambda: chunks.append(process.stdout.read()), daemon=True)
    reader.start()
    error_lines = []
    for raw in iter(process.stderr.readline, b""):
        line = raw.decode(errors="replace")
        if error_lines or line.startswith("error: "):
            error_lines.append(line)  # the error ends the output: az reports it its own way
        else:
            sys.stderr.write(line)
            sys.stderr.flush()
    code = process.wait()
    reader.join()
    stdout = chunks[0] if chunks else b""
    result = None
    text = stdout.decode(errors="replace").strip()
    if text:
        try:
            result = json.loads(text)
        except ValueError:
            raise CLIError("{} printed something that is not JSON: {}".format(BINARY_NAME, text[:200]))
    error = "".join(error_lines)
    if error.startswith("error: "):
        error = error[len("error: "):]
    return code, result, error.rstrip("\n")
