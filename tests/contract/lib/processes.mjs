// Child processes of the contract test: the fakes (each on a free port of 127.0.0.1, stopped by
// its PID) and the product's binary. Nothing here reads the clock to decide an outcome; the
// only time limits are guards against a hung child.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import http from "node:http";
import https from "node:https";

const started = new Set();
const directories = new Set();

// A new directory under the system's temporary one, removed by stopAll().
export function temporaryDirectory(prefix) {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  directories.add(dir);
  return dir;
}

// Stopped from outside (ctest's timeout, ^C): every child we started goes too, by its PID.
for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"]) {
  process.on(signal, () => {
    stopAll();
    process.exit(128 + (signal === "SIGINT" ? 2 : signal === "SIGHUP" ? 1 : 15));
  });
}

// Proxies off for everything on 127.0.0.1: no request of the test may leave the machine.
export function localEnvironment(extra = {}) {
  const env = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!/_proxy$/i.test(name) && !/^(AZURE_|AZUREML_|KUBECONFIG$|NODE_EXTRA_CA_CERTS$|REQUESTS_CA_BUNDLE$|SSL_CERT_FILE$)/.test(name))
      env[name] = value;
  }
  return { ...env, NO_PROXY: "127.0.0.1,localhost", no_proxy: "127.0.0.1,localhost", ...extra };
}

// Starts `binary args...`, waits for the one JSON line it prints when it listens, returns
// {info, pid, stop()}.
export function startServer(binary, args, label) {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { stdio: ["ignore", "pipe", "pipe"], env: localEnvironment() });
    started.add(child);
    let out = "";
    let err = "";
    const guard = setTimeout(() => {
      stopChild(child);
      reject(new Error(`${label} did not say where it listens within 20 s; stderr: ${err}`));
    }, 20000);
    child.stdout.on("data", (chunk) => {
      out += chunk;
      const newline = out.indexOf("\n");
      if (newline < 0) return;
      clearTimeout(guard);
      child.stdout.removeAllListeners("data");
      child.stdout.resume();
      try {
        const info = JSON.parse(out.slice(0, newline));
        resolve({ info, pid: child.pid, stop: () => stopChild(child) });
      } catch (error) {
        stopChild(child);
        reject(new Error(`${label} printed ${JSON.stringify(out)}, not JSON: ${error.message}`));
      }
    });
    child.stderr.on("data", (chunk) => (err += chunk));
    child.on("error", (error) => {
      clearTimeout(guard);
      reject(new Error(`${label} (${binary}) could not start: ${error.message}`));
    });
    child.on("exit", (code, signal) => {
      started.delete(child);
      clearTimeout(guard);
      reject(new Error(`${label} exited (${code ?? signal}) before it listened; stderr: ${err}`));
    });
  });
}

// SIGTERM to the child's own PID, then wait for it.
function stopChild(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => {
      started.delete(child);
      resolve();
    });
    process.kill(child.pid, "SIGTERM");
  });
}

// Every child still running, by its PID, and the temporary directories (for the exit paths).
export function stopAll() {
  for (const child of started) {
    if (child.exitCode === null && child.signalCode === null) process.kill(child.pid, "SIGTERM");
  }
  for (const dir of directories) rmSync(dir, { recursive: true, force: true });
  directories.clear();
}

// Runs `binary args` with exactly `env`, returns {code, out, err}.
export function runBinary(binary, args, env, cwd) {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { stdio: ["ignore", "pipe", "pipe"], env, cwd });
    started.add(child);
    let out = "";
    let err = "";
    const guard = setTimeout(() => {
      process.kill(child.pid, "SIGKILL");
    }, 60000);
    child.stdout.on("data", (chunk) => (out += chunk));
    child.stderr.on("data", (chunk) => (err += chunk));
    child.on("error", (error) => {
      clearTimeout(guard);
      reject(error);
    });
    child.on("exit", (code, signal) => {
      started.delete(child);
      clearTimeout(guard);
      resolve({ code: code ?? 128, signal, out, err });
    });
  });
}

// Runs `node script args` with `env`, its output passed through; resolves to the exit code.
export function runNode(script, args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { stdio: "inherit", env });
    started.add(child);
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      started.delete(child);
      resolve(code ?? (signal ? 128 : 1));
    });
  });
}

// A JSON request to one of the fakes' own endpoints (over HTTPS, trusting `caFile`).
export function fakeRequest(url, method = "GET", caFile = "") {
  const target = new URL(url);
  if (target.hostname !== "127.0.0.1") throw new Error(`refusing ${url}: not 127.0.0.1`);
  const transport = target.protocol === "https:" ? https : http;
  const options = { method, agent: false };
  if (caFile) options.ca = readFileSync(caFile);
  return new Promise((resolve, reject) => {
    const request = transport.request(target, options, (response) => {
      let text = "";
      response.on("data", (chunk) => (text += chunk));
      response.on("end", () => {
        if (response.statusCode >= 300) reject(new Error(`${method} ${url}: ${response.statusCode} ${text}`));
        else resolve(text ? JSON.parse(text) : null);
      });
    });
    request.on("error", reject);
    request.end();
  });
}
