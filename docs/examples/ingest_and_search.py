#!/usr/bin/env python3
"""A Samizdat client written from docs/PROTOCOL.md alone, with pyzmq.

usage: ingest_and_search.py INGEST_ENDPOINT REPORT_ENDPOINT FILE WORD [KEY_DIR]
Ingests FILE, waits until WORD finds it, prints one JSON line per step; exits 1 on any failure.
With KEY_DIR (what `samizdat up` makes under DATA_DIR/keys) it speaks CurveZMQ: its key is
KEY_DIR/client.key, the servers' public keys KEY_DIR/ingest.pub and KEY_DIR/report.pub.
"""
import json
import os
import sys
import time
import uuid

import zmq

ingest_ep, report_ep, path, word = sys.argv[1:5]
key_dir = sys.argv[5] if len(sys.argv) > 5 else None
ctx = zmq.Context()


def read_key(name):
    with open(os.path.join(key_dir, name), "rb") as handle:
        return handle.read().strip()


def request(endpoint, frames, timeout_ms=10000):
    sock = ctx.socket(zmq.DEALER)
    sock.setsockopt(zmq.LINGER, 0)
    if key_dir:
        secret = read_key("client.key")
        sock.curve_secretkey = secret
        sock.curve_publickey = zmq.curve_public(secret)
        server = "ingest.pub" if endpoint == ingest_ep else "report.pub"
        sock.curve_serverkey = read_key(server)
    sock.connect(endpoint)
    sock.send_multipart(frames)
    if not sock.poll(timeout_ms):
        sys.exit(f"no reply from {endpoint}")
    kind, header, *body = sock.recv_multipart()
    sock.close()
    return kind.decode(), json.loads(header), body


text = open(path, "rb").read()
req = str(uuid.uuid4())
header = {"v": 1, "req": req, "title": "Python client", "source": os.path.basename(path)}
kind, head, _ = request(ingest_ep, [b"ingest", json.dumps(header).encode(), text])
print(json.dumps({"step": "ingest", "kind": kind, "header": head}))
if kind not in ("accepted", "duplicate") or head.get("req") != req:
    sys.exit(1)
doc = head["doc"]

# A retry with the same req is answered, not stored twice.
kind2, head2, _ = request(ingest_ep, [b"ingest", json.dumps(header).encode(), text])
print(json.dumps({"step": "retry", "kind": kind2, "header": head2}))
if head2.get("doc") != doc:
    sys.exit(1)

# A refusal has a name.
kind3, head3, _ = request(ingest_ep, [b"ingest", json.dumps({"v": 1, "req": "bad"}).encode(), b"\xff\xfe"])
print(json.dumps({"step": "invalid", "kind": kind3, "header": head3}))
if kind3 != "error" or head3.get("code") != "invalid_utf8":
    sys.exit(1)

deadline = time.time() + 30
while time.time() < deadline:
    kind, head, body = request(report_ep, [b"search", json.dumps({"v": 1, "req": "q"}).encode(),
                                           json.dumps({"query": word, "limit": 10}).encode()])
    if kind == "result":
        result = json.loads(body[0])
        ids = [d["document_id"] for d in result["documents"]]
        if doc in ids:
            print(json.dumps({"step": "search", "documents": len(ids), "found": doc}))
            sys.exit(0)
    time.sleep(0.3)
sys.exit(f"{doc} not found by {word!r}")
