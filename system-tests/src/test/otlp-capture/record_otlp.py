"""Records every OTLP/HTTP request it gets (body as sent, headers beside it) in a directory, answering 200, so that an
agent CLI pointed at it instead of the gateway shows what it exports. Used to capture the fixtures of
ingest-gateway/src/test/resources/otlp (see the README there):

    python3 record_otlp.py 18191 /tmp/cap/otlp-claude
"""
import http.server, sys, os, itertools, json
out = sys.argv[2]; os.makedirs(out, exist_ok=True)
n = itertools.count(1)
class H(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        ln = int(self.headers.get('Content-Length') or 0)
        body = self.rfile.read(ln) if ln else b''
        if not ln and self.headers.get('Transfer-Encoding') == 'chunked':
            body = b''
            while True:
                size = int(self.rfile.readline().strip(), 16)
                if size == 0: self.rfile.readline(); break
                body += self.rfile.read(size); self.rfile.readline()
        i = next(n)
        base = f"{out}/{i:03d}{self.path.replace('/','_')}"
        open(base + '.bin', 'wb').write(body)
        open(base + '.hdr', 'w').write(str(dict(self.headers)))
        ct = self.headers.get('Content-Type', '')
        if 'json' in ct:
            b = b'{}'; self.send_response(200); self.send_header('Content-Type','application/json')
        else:
            b = b''; self.send_response(200); self.send_header('Content-Type','application/x-protobuf')
        self.send_header('Content-Length', str(len(b))); self.end_headers(); self.wfile.write(b)
    def log_message(self, *a): pass
http.server.ThreadingHTTPServer(('127.0.0.1', int(sys.argv[1])), H).serve_forever()
