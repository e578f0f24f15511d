"""A fleet of clusters attached in one run against a fake ARM that throttles as ARM does.

The fake applies ARM's token buckets (../shared/reference/azure-rest-contract.md §5): reads
250 refilled at 25/s, writes refilled at 10/s. The writes bucket is scaled from 200 down to
WRITE_BURST: a fleet of 100 attaches sends about 100 writes, which a 200-token bucket would
absorb without a single 429, and the point is to be throttled. A request that finds its bucket
empty gets 429 with Retry-After, exactly as ARM answers.

The throttle bound is the least time any client needs to get the requests ARM processed
through those buckets: max over buckets of (processed - burst) / refill. The figure is the
fleet's wall time as a ratio to it (goal <= 1.2), with the clusters that failed (goal 0).
"""

from __future__ import annotations

import json
import subprocess
import tempfile
import time
from pathlib import Path

import arm_requests

SUBSCRIPTION = arm_requests.SUBSCRIPTION
READS = {"capacity": 250, "refillPerSecond": 25}
WRITE_BURST = 10
WRITES = {"capacity": WRITE_BURST, "refillPerSecond": 10}


def seed(clusters: int) -> dict:
    ids = [f"/subscriptions/{SUBSCRIPTION}/resourceGroups/edge/providers/Microsoft.Kubernetes/connectedClusters/edge-{i}"
           for i in range(clusters)]
    return {
        "options": {"rateLimits": {"reads": READS, "writes": WRITES, "deletes": WRITES}},
        "workspaces": [{"subscription": SUBSCRIPTION, "resourceGroup": "rg1", "name": "ws"}],
        "connectedClusters": [{"subscription": SUBSCRIPTION, "resourceGroup": "edge", "name": f"edge-{i}"}
                              for i in range(clusters)],
        "extensions": [{"clusterId": cluster_id, "name": "azureml"} for cluster_id in ids],
    }


def fleet_file(clusters: int) -> str:
    lines = ["workspace: ws", "resourceGroup: rg1", "clusters:"]
    lines += [f"  - {{name: c{i}, cluster: edge-{i}, clusterResourceGroup: edge}}" for i in range(clusters)]
    return "\n".join(lines) + "\n"


def throttle_bound(recorded: list[dict]) -> dict:
    """Seconds the processed requests need through the buckets, per kind and overall."""
    processed = [r for r in recorded if r["status"] != 429]
    reads = sum(1 for r in processed if r["method"] in ("GET", "HEAD"))
    writes = sum(1 for r in processed if r["method"] in ("PUT", "PATCH", "POST"))
    read_s = max(0.0, (reads - READS["capacity"]) / READS["refillPerSecond"])
    write_s = max(0.0, (writes - WRITES["capacity"]) / WRITES["refillPerSecond"])
    return {"reads": reads, "writes": writes, "read_bound_s": read_s, "write_bound_s": write_s,
            "bound_s": max(read_s, write_s)}


def run_fleet(binary: Path, fake_binary: Path, clusters: int, parallel: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="azureml-bench-fleet-") as tmp:
        fake = arm_requests.FakeAzure(fake_binary, Path(tmp), seed(clusters))
        try:
            path = Path(tmp) / "fleet.yaml"
            path.write_text(fleet_file(clusters))
            env = arm_requests.environment(fake.url)
            start = time.monotonic()
            out = subprocess.run([str(binary), "attach", "--fleet", str(path), "--parallel", str(parallel),
                                  "--subscription", SUBSCRIPTION, "--skip-preflight", "-o", "json"],
                                 env=env, capture_output=True, text=True, check=False)
            wall = time.monotonic() - start
            try:
                results = json.loads(out.stdout)
            except json.JSONDecodeError as e:
                raise RuntimeError(f"attach --fleet exited {out.returncode} without JSON: {out.stderr.strip()[-400:]}") from e
            recorded = fake.recorded()
        finally:
            fake.close()
    failed = [r for r in results if r.get("exitCode", 0) != 0]
    bound = throttle_bound(recorded)
    return {"clusters": clusters, "parallel": parallel, "wall_s": wall, "failed": len(failed),
            "throttled": sum(1 for r in recorded if r["status"] == 429), "requests": len(recorded),
            "exit_code": out.returncode, **bound,
            "ratio_to_bound": wall / bound["bound_s"] if bound["bound_s"] > 0 else float("inf")}
