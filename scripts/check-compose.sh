#!/usr/bin/env bash
# Validates deploy/compose.yaml without a Docker engine:
#   1. `docker-compose config -q` (or `docker compose config -q`) accepts the file;
#   2. only report's HTTP (8080) and ingest's client API (5550) are published on the host;
#   3. segment is scalable (no container_name, no host ports); every service has a healthcheck,
#      a restart policy and a stop grace period;
#   4. every SAMIZDAT_* variable set in compose.yaml or the Dockerfile names a real key of
#      Sources/SamizdatService/SamizdatConfig.swift (a typo would be silently ignored at run time);
#   5. the optional Prometheus overlay (compose.prometheus.yaml) merges with it and scrapes report:8080;
#   6. the file's services are hardened (read-only root, no capabilities, no new privileges) and have
#      Swarm `deploy:` resources;
#   7. the Kubernetes manifests in deploy/k8s pass `kubernetes-validate --strict` (PyPI, offline) one by
#      one and, where kubectl is installed, as `kubectl kustomize` renders them with their Secrets; and
#      every container there is hardened the same way, has probes and a memory limit, and sets only
#      real SAMIZDAT_* settings.
# Exits non-zero on any failure. Installs Debian's docker-compose (and python3-yaml) when missing
# and we are root (CI).
set -euo pipefail
cd "$(dirname "$0")/.."
file=${1:-deploy/compose.yaml}   # another file may be given, e.g. to test this script

compose=()
if command -v docker-compose >/dev/null 2>&1; then
    compose=(docker-compose)
elif command -v docker >/dev/null 2>&1 && docker compose version >/dev/null 2>&1; then
    compose=(docker compose)
elif [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "check-compose: installing docker-compose (Debian package)" >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker-compose) >/dev/null
    compose=(docker-compose)
else
    echo "check-compose: FAIL: neither docker-compose nor 'docker compose' is available" >&2
    exit 1
fi

if ! "${compose[@]}" -f "$file" config -q; then
    echo "check-compose: FAIL: $file is not a valid compose file" >&2
    exit 1
fi

# The optional Prometheus overlay must merge with the stack, and its scrape config name report:8080.
if [ "$file" = deploy/compose.yaml ] && [ -f deploy/compose.prometheus.yaml ]; then
    if ! "${compose[@]}" -f deploy/compose.yaml -f deploy/compose.prometheus.yaml config -q; then
        echo "check-compose: FAIL: deploy/compose.prometheus.yaml does not merge with deploy/compose.yaml" >&2
        exit 1
    fi
    if ! grep -q 'targets: \["report:8080"\]' deploy/prometheus.yml; then
        echo "check-compose: FAIL: deploy/prometheus.yml does not scrape report:8080" >&2
        exit 1
    fi
fi

if ! python3 -c 'import yaml' 2>/dev/null && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-yaml) >/dev/null
fi

"${compose[@]}" -f "$file" config > /tmp/check-compose.$$.yaml
trap 'rm -f /tmp/check-compose.$$.yaml' EXIT

if [ "$file" = deploy/compose.yaml ]; then
    if ! command -v kubernetes-validate >/dev/null 2>&1; then
        python3 -m pip install -q kubernetes-validate 2>/dev/null || python3 -m pip install -q --break-system-packages kubernetes-validate 2>/dev/null ||
            {
                echo "check-compose: FAIL: kubernetes-validate (PyPI) is needed to check deploy/k8s" >&2
                exit 1
            }
    fi
    if ! kubernetes-validate --strict --quiet -k 1.30.0 deploy/k8s/*.yaml >/tmp/check-k8s.$$.log 2>&1; then
        cat /tmp/check-k8s.$$.log >&2
        echo "check-compose: FAIL: deploy/k8s does not validate against Kubernetes 1.30" >&2
        exit 1
    fi
    rm -f /tmp/check-k8s.$$.log
    # The kustomization as `kubectl apply -k` renders it, with stand-in key files (kustomize only
    # reads them into Secrets): the secretGenerator, the projected key volumes and the image name.
    if command -v kubectl >/dev/null 2>&1; then
        render=$(mktemp -d)
        cp -R deploy/k8s "$render/k8s"
        mkdir -p "$render/k8s/keys"
        for name in ingest segment index report; do
            echo "stand-in secret key for rendering" >"$render/k8s/keys/$name.key"
            echo "stand-in public key for rendering" >"$render/k8s/keys/$name.pub"
        done
        echo "# stand-in allow-list" >"$render/k8s/keys/clients.txt"
        if ! kubectl kustomize "$render/k8s" >"$render/rendered.yaml" 2>"$render/error.log"; then
            cat "$render/error.log" >&2
            echo "check-compose: FAIL: kubectl kustomize deploy/k8s does not render" >&2
            exit 1
        fi
        if ! kubernetes-validate --strict --quiet -k 1.30.0 "$render/rendered.yaml" >"$render/error.log" 2>&1; then
            cat "$render/error.log" >&2
            echo "check-compose: FAIL: the rendered kustomization does not validate against Kubernetes 1.30" >&2
            exit 1
        fi
        grep -q "name: samizdat-public-keys-" "$render/rendered.yaml" || {
            echo "check-compose: FAIL: the rendered kustomization has no generated Secret samizdat-public-keys" >&2
            exit 1
        }
        rm -rf "$render"
        echo "check-compose: kustomization rendered with kubectl kustomize and validated"
    else
        echo "check-compose: kubectl not installed: the kustomization was not rendered (its files were validated one by one)"
    fi
fi

python3 - /tmp/check-compose.$$.yaml deploy/Dockerfile Sources/SamizdatService/SamizdatConfig.swift "$file" <<'PY'
import re, sys
try:
    import yaml
except ImportError:
    sys.exit("check-compose: FAIL: python3-yaml is needed to inspect the compose file")

resolved, dockerfile, config_swift, original = sys.argv[1:5]
doc = yaml.safe_load(open(resolved))
services = doc.get("services", {})
problems = []

def published(port):
    """The host port of one `ports` entry, short or long syntax; None when not published."""
    if isinstance(port, dict):
        return str(port.get("published")) if port.get("published") is not None else None
    s = str(port).split("/")[0]
    parts = s.split(":")
    return parts[-2] if len(parts) >= 2 else None

found = {}
for name, svc in services.items():
    for p in svc.get("ports", []) or []:
        host = published(p)
        if host is not None:
            found.setdefault(host, []).append(name)
allowed = {"8080": "report", "5550": "ingest"}
for host, names in sorted(found.items()):
    if host not in allowed:
        problems.append(f"port {host} is published by {', '.join(names)}; only 8080 (report) and 5550 (ingest) may be")
    elif names != [allowed[host]]:
        problems.append(f"port {host} must be published by {allowed[host]} only, not {', '.join(names)}")
for host, name in allowed.items():
    if host not in found:
        problems.append(f"port {host} ({name}) is not published")

for required in ["ingest", "segment", "index", "report"]:
    if required not in services:
        problems.append(f"service {required} is missing")
seg = services.get("segment", {})
if "container_name" in seg:
    problems.append("segment has a container_name: it could not be scaled")
if seg.get("ports"):
    problems.append("segment publishes ports: it could not be scaled")
for name, svc in services.items():
    for key in ["healthcheck", "restart", "stop_grace_period", "command"]:
        if key not in svc:
            problems.append(f"service {name} has no {key}")

# Config keys -> environment variable names, by swift-configuration's rule:
# prefix "samizdat", components joined by "_", camelCase split at lower->Upper, upper-cased.
keys = re.findall(r'c\.\w+\(forKey: "([^"]+)"', open(config_swift).read())
if len(keys) < 20:
    problems.append(f"found only {len(keys)} config keys in {config_swift}; the pattern needs updating")
def env_name(key):
    parts = ["samizdat"] + key.split(".")
    return "_".join(re.sub(r"([a-z])([A-Z])", r"\1_\2", p).upper() for p in parts)
known = {env_name(k) for k in keys} | {"SAMIZDAT_CONFIG", "SAMIZDAT_IMAGE"}
used = {}
for name, svc in services.items():
    env = svc.get("environment", {}) or {}
    if isinstance(env, list):
        env = dict(e.split("=", 1) if "=" in e else (e, None) for e in env)
    for var in env:
        used.setdefault(var, []).append(f"compose service {name}")
for var in re.findall(r"\b(SAMIZDAT_[A-Z0-9_]+)=", open(dockerfile).read()):
    used.setdefault(var, []).append("Dockerfile")

for name, svc in services.items():
    if svc.get("read_only") is not True:
        problems.append(f"service {name} is not read_only")
    if "ALL" not in (svc.get("cap_drop") or []):
        problems.append(f"service {name} does not drop ALL capabilities")
    if not any("no-new-privileges" in str(o) for o in svc.get("security_opt") or []):
        problems.append(f"service {name} has no no-new-privileges")
    if not ((svc.get("deploy") or {}).get("resources") or {}).get("limits", {}).get("memory"):
        problems.append(f"service {name} has no deploy.resources.limits.memory (Swarm)")

# Kubernetes manifests (only for the project's own compose file).
k8s_containers = 0
if original == "deploy/compose.yaml":
    import glob
    for path in sorted(glob.glob("deploy/k8s/*.yaml")):
        for obj in yaml.safe_load_all(open(path)):
            if not obj or obj.get("kind") not in ("Deployment", "StatefulSet"):
                continue
            label = f"{path}: {obj['kind']}/{obj['metadata']['name']}"
            pod = obj["spec"]["template"]["spec"]
            if not (pod.get("securityContext") or {}).get("runAsNonRoot"):
                problems.append(f"{label} does not set runAsNonRoot")
            for container in pod["containers"]:
                k8s_containers += 1
                where = f"{label} container {container['name']}"
                context = container.get("securityContext") or {}
                if context.get("readOnlyRootFilesystem") is not True:
                    problems.append(f"{where} has a writable root filesystem")
                if context.get("allowPrivilegeEscalation") is not False:
                    problems.append(f"{where} allows privilege escalation")
                if "ALL" not in ((context.get("capabilities") or {}).get("drop") or []):
                    problems.append(f"{where} does not drop ALL capabilities")
                if "livenessProbe" not in container:
                    problems.append(f"{where} has no livenessProbe")
                if not ((container.get("resources") or {}).get("limits") or {}).get("memory"):
                    problems.append(f"{where} has no memory limit")
                for variable in container.get("env") or []:
                    used.setdefault(variable["name"], []).append(where)
    if k8s_containers < 4:
        problems.append(f"deploy/k8s has {k8s_containers} containers; expected ingest, segment, index and report")
for var, where in sorted(used.items()):
    if var.startswith("SAMIZDAT_") and var not in known:
        problems.append(f"{var} ({', '.join(where)}) is not a Samizdat setting")

if problems:
    for p in problems:
        print("check-compose: FAIL: " + p, file=sys.stderr)
    sys.exit(1)
print(f"check-compose: ok ({len(services)} services; published: {', '.join(sorted(found))}; "
      f"{len([v for v in used if v.startswith('SAMIZDAT_')])} SAMIZDAT_ variables checked against {len(keys)} keys; "
      f"{k8s_containers} Kubernetes containers checked)")
PY
