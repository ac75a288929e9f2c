"""The server a team would write instead of `qakit serve`, for Benchmarks/run-serve.sh: Python's
standard ThreadingHTTPServer appending each posted JSON audit as one line, under a lock, with an
fsync per audit before 201, and a duplicate-id check. It does not validate or score anything, so
it does less work per request than qakit serve.

    python3 serve_baseline.py PORT FILE
"""
import json
import os
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORT, PATH = int(sys.argv[1]), sys.argv[2]
lock = threading.Lock()
ids = set()
fd = os.open(PATH, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def reply(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        if length > 1 << 20:
            return self.reply(413, {"error": "too large"})
        try:
            record = json.loads(self.rfile.read(length))
        except ValueError:
            return self.reply(400, {"error": "malformed"})
        line = (json.dumps(record, separators=(",", ":")) + "\n").encode()
        with lock:
            if record.get("audit_id") in ids:
                return self.reply(409, {"error": "duplicate"})
            ids.add(record.get("audit_id"))
            os.write(fd, line)
            os.fsync(fd)
        self.reply(201, {"audit": record})


ThreadingHTTPServer.daemon_threads = True
ThreadingHTTPServer(("127.0.0.1", PORT), Handler).serve_forever()
