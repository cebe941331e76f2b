"""gunicorn for make bench: loopback only, 2 workers × threads, quiet logs (settings come from the environment)."""

import os

wsgi_app = "renshe.wsgi:application"
bind = f"127.0.0.1:{os.environ.get('BENCH_HTTP_PORT', '8765')}"
workers = int(os.environ.get("BENCH_WORKERS", "2"))
worker_class = "gthread"
threads = int(os.environ.get("BENCH_THREADS", "4"))
preload_app = True
keepalive = 5
timeout = 60
accesslog = None
errorlog = "-"
loglevel = "warning"
