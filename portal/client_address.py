"""The visitor's address, as the login limit (django-axes) and the form limits count it.

Behind the TLS proxy every request comes from the proxy's own address: counted on that,
five wrong passwords would lock an account for everyone, and one sign-up limit would hold
all visitors at once. Each proxy appends the address it received the request from to
X-Forwarded-For, so with PORTAL_TRUSTED_PROXY_COUNT proxies in front the visitor is that
many entries from the right. Entries further left came from the visitor and prove nothing.
Without trusted proxies (0, the default) the header is ignored: anyone can send it.
"""

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str | None:
    """The address the outermost trusted proxy saw, or REMOTE_ADDR without trusted proxies."""
    remote_address = request.META.get("REMOTE_ADDR")
    proxies = settings.PORTAL_TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote_address
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if len(forwarded) < proxies:
        # Not through every trusted proxy (a direct request to gunicorn): only the socket is known.
        return remote_address
    return forwarded[-proxies]
