# A toy "DNS lookup" web service with a command injection, for the ctf example. It listens on 127.0.0.1 only, so it is
# reachable from inside the sandbox and nowhere else. The flag lives in its environment, not on disk.
import http.server
import subprocess
import urllib.parse


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        url = urllib.parse.urlparse(self.path)
        if url.path != "/lookup":
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"Lookup service. Try GET /lookup?name=localhost\n")
            return
        name = urllib.parse.parse_qs(url.query).get("name", ["localhost"])[0]
        # The bug: the name goes into a shell command unquoted.
        result = subprocess.run(f"getent hosts {name}", shell=True, capture_output=True, text=True)
        self.send_response(200)
        self.end_headers()
        self.wfile.write((result.stdout + result.stderr).encode())

    def log_message(self, *args):
        pass


http.server.HTTPServer(("127.0.0.1", 8080), Handler).serve_forever()
