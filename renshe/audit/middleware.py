from __future__ import annotations

from renshe.audit.context import reset_client_ip, set_client_ip


def client_ip(request) -> str | None:
    # Behind the bureau's reverse proxy the first X-Forwarded-For hop is the client; the proxy
    # must overwrite the header (see docs/deployment.md). Without a proxy REMOTE_ADDR is used.
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if forwarded:
        return forwarded.split(",")[0].strip() or None
    return request.META.get("REMOTE_ADDR") or None


class RequestContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = set_client_ip(client_ip(request))
        try:
            return self.get_response(request)
        finally:
            reset_client_ip(token)
