"""ARM request counts of the online commands, against bench's own fake Azure (bin/fake-azure).

Each scenario runs the real binary against a fresh fake and counts the requests ARM received
(token requests and the fake's own endpoints left out), with the list for the notes. The
reference counts are the Azure CLI's for the same end state, from
../shared/reference/az-k8s-extension-handler.md (k8s-extension 1.7.0: 15 for a fresh install
on Arc, 9 when the Relay exists). Both sides see the fake's 2 status polls per operation.
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

SUBSCRIPTION = "00000000-0000-0000-0000-000000000001"
CLUSTER = ["--cluster-name", "cluster1", "-g", "rg1", "--subscription", SUBSCRIPTION,
           "--kubeconfig", "/nonexistent/kubeconfig"]
SEED = {"connectedClusters": [{"subscription": SUBSCRIPTION, "resourceGroup": "rg1", "name": "cluster1",
                               "location": "eastus"}]}
AZURE_CLI = {"fresh": 15, "relay exists": 9}


class FakeAzure:
    """bin/fake-azure on a free port of 127.0.0.1, seeded with `seed`, stopped by its PID."""

    def __init__(self, binary: Path, tmp: Path, seed_json: dict | None = None):
        seed = tmp / "seed.json"
        seed.write_text(json.dumps(SEED if seed_json is None else seed_json))
        self.out = tmp / "fake-azure.json"
        with open(self.out, "w") as out:
            self.process = subprocess.Popen([str(binary), "--seed", str(seed)], stdout=out,
                                            stderr=subprocess.DEVNULL)
        for _ in range(100):
            text = self.out.read_text()
            if text.strip():
                self.url = json.loads(text.splitlines()[0])["url"]
                return
            time.sleep(0.05)
        self.process.kill()
        raise RuntimeError("fake-azure never said where it listens")

    def close(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)

    def recorded(self) -> list[dict]:
        """ARM's requests (not the token endpoints'), oldest first, with their status."""
        with urllib.request.urlopen(self.url + "/_fake/requests") as answer:
            recorded = json.load(answer)["requests"]
        return [r for r in recorded if r["path"].startswith("/subscriptions/")]

    def requests(self) -> list[str]:
        return [f"{r['method']} {r['path']}" for r in self.recorded()]

    def clear(self) -> None:
        urllib.request.urlopen(urllib.request.Request(self.url + "/_fake/requests", method="DELETE")).close()


def environment(url: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
    env.update(AZURE_TENANT_ID="00000000-0000-0000-0000-0000000000aa",
               AZURE_CLIENT_ID="11111111-1111-1111-1111-111111111111", AZURE_CLIENT_SECRET="fakesecret",
               AZURE_AUTHORITY_HOST=url, AZUREML_ARM_ENDPOINT=url,
               AZURE_POD_IDENTITY_AUTHORITY_HOST="http://127.0.0.1:9", NO_PROXY="127.0.0.1")
    return env


def extension_install_counts(binary: Path, fake_binary: Path) -> dict[str, list[str]]:
    """The requests of `extension install` on Arc: fresh, with the Relay there, and run again."""
    with tempfile.TemporaryDirectory(prefix="azureml-bench-arm-") as tmp:
        fake = FakeAzure(fake_binary, Path(tmp))
        try:
            env = environment(fake.url)

            def run(*arguments: str) -> list[str]:
                fake.clear()
                out = subprocess.run([str(binary), "extension", *arguments, *CLUSTER, "-o", "none"], env=env,
                                     capture_output=True, text=True, check=False)
                if out.returncode != 0:
                    raise RuntimeError(f"extension {' '.join(arguments)} exited {out.returncode}: {out.stderr.strip()}")
                return fake.requests()

            install = ("install", "--config", "enableTraining=true")
            fresh = run(*install)
            rerun = run(*install)
            run("delete", "--yes")
            relay_exists = run(*install)
            return {"fresh": fresh, "relay exists": relay_exists, "re-run": rerun}
        finally:
            fake.close()


WORKSPACE = ["-w", "ws", "-g", "rg1", "--subscription", SUBSCRIPTION]
CLUSTER_ID = (f"/subscriptions/{SUBSCRIPTION}/resourceGroups/rg1/providers/Microsoft.Kubernetes/"
              "connectedClusters/cluster1")
ATTACH_SEED = {**SEED,
               "workspaces": [{"subscription": SUBSCRIPTION, "resourceGroup": "rg1", "name": "ws"}],
               "extensions": [{"clusterId": CLUSTER_ID, "name": "azureml"}]}
# What an attach on a ready cluster cannot do without: the workspace (its region), the compute
# (is it there, and as asked?), the cluster's extensions (is AzureML Succeeded?), the PUT, the
# operation's status until it ends (the fake ends it on the 2nd poll), the compute as it ended.
ATTACH_MINIMUM = 4 + 2 + 1


# `show`: the compute, then its cluster's extensions. `detach`: the compute (only a Kubernetes
# compute may be detached), the DELETE, its 2 status polls; run again, the compute is not there.
SHOW_MINIMUM = 2
DETACH_MINIMUM = 1 + 1 + 2


def attach_counts(binary: Path, fake_binary: Path) -> dict[str, list[str]]:
    """The requests of `attach` on a ready Arc cluster, of the same attach run again, of `show`,
    and of `detach` (twice)."""
    with tempfile.TemporaryDirectory(prefix="azureml-bench-attach-") as tmp:
        fake = FakeAzure(fake_binary, Path(tmp), ATTACH_SEED)
        try:
            env = environment(fake.url)

            attach = ("attach", "arc", "--cluster-name", "cluster1", "--cluster-resource-group", "rg1",
                      "--kubeconfig", "/nonexistent/kubeconfig",
                      "-f", str(Path(__file__).resolve().parent.parent / "examples" / "attach-advanced.json"))

            def run(*arguments: str) -> list[str]:
                fake.clear()
                out = subprocess.run([str(binary), *(arguments or attach), *WORKSPACE, "-o", "none"],
                                     env=env, capture_output=True, text=True, check=False)
                if out.returncode != 0:
                    raise RuntimeError(f"{(arguments or attach)[0]} exited {out.returncode}: {out.stderr.strip()}")
                return fake.requests()

            ready = run()
            again = run()
            return {"attach: ready cluster": ready, "attach: re-run": again, "show": run("show", "arc"),
                    "detach": run("detach", "arc", "--yes"), "detach: re-run": run("detach", "arc", "--yes")}
        finally:
            fake.close()


COMPUTE_SEED = {**ATTACH_SEED,
                "usages": [{"subscription": SUBSCRIPTION, "location": "eastus",
                            "name": "Standard_DSv2_Family_Cluster_Dedicated_vCPUs", "limit": 24},
                           {"subscription": SUBSCRIPTION, "location": "eastus",
                            "name": "Total Cluster Dedicated Regional vCPUs", "limit": 100,
                            "type": "Microsoft.MachineLearningServices/dedicatedCores/usages"}]}
# What a new AmlCompute cluster cannot do without: the workspace (its region), the compute (there
# already?), the VM sizes of the region, the quota (usages), the locks of the resource group and
# of the subscription, the PUT, its 2 status polls, the cluster as it ended.
COMPUTE_CREATE_MINIMUM = 6 + 1 + 2 + 1


# `compute identity assign`: the cluster, the PUT of it whole with the identity, 2 polls, the
# cluster as it ended. `compute delete`: the cluster (an attached Kubernetes compute is refused),
# the DELETE, 2 polls. Run again, each reads the cluster once and has nothing to do.
IDENTITY_ASSIGN_MINIMUM = 1 + 1 + 2 + 1
COMPUTE_DELETE_MINIMUM = 1 + 1 + 2


def compute_counts(binary: Path, fake_binary: Path) -> dict[str, list[str]]:
    """The requests of `compute create` (new, then re-run), `compute show`, `list`, `compute
    identity assign` and `compute delete` (each twice)."""
    with tempfile.TemporaryDirectory(prefix="azureml-bench-compute-") as tmp:
        fake = FakeAzure(fake_binary, Path(tmp), COMPUTE_SEED)
        try:
            env = environment(fake.url)

            def run(*arguments: str) -> list[str]:
                fake.clear()
                out = subprocess.run([str(binary), *arguments, *WORKSPACE, "-o", "none"], env=env,
                                     capture_output=True, text=True, check=False)
                if out.returncode != 0:
                    raise RuntimeError(f"{' '.join(arguments)} exited {out.returncode}: {out.stderr.strip()}")
                return fake.requests()

            create = ("compute", "create", "cpu", "--vm-size", "Standard_DS3_v2", "--max-nodes", "4")
            assign = ("compute", "identity", "assign", "cpu", "--system")
            delete = ("compute", "delete", "cpu", "--yes")
            return {"compute create: new cluster": run(*create), "compute create: re-run": run(*create),
                    "compute show": run("compute", "show", "cpu"), "list": run("list"),
                    "compute identity assign": run(*assign), "compute identity assign: re-run": run(*assign),
                    "compute delete": run(*delete), "compute delete: re-run": run(*delete)}
        finally:
            fake.close()
