"""Security headers on every response, set in this one place.

The Content-Security-Policy allows scripts from this site only: no inline script, no
event-handler attributes, no eval, so text that slipped past escaping still cannot run.
Styles may be inline: the public timetable places each cell with a grid-row style, and a
style cannot run code. Nothing may frame a page (clickjacking on "Send invitations",
"Revoke link", "Publish"). Portal pages set their own stricter Referrer-Policy
(no-referrer: their address is the speaker's key), which is kept.
"""

from flask import Flask, Response, current_app

CONTENT_SECURITY_POLICY = "; ".join((
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",  # FullCalendar's icon font is a data: URI
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
))
HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Frame-Options": "DENY",  # frame-ancestors for browsers that predate it
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}
# Two years, as the HSTS preload list asks; sent only where the public address is https.
HSTS = "max-age=63072000; includeSubDomains"


def serves_https(app: Flask) -> bool:
    """Whether the deployment's public address (PUBLIC_URL) is https."""
    return app.config.get("PUBLIC_URL", "").lower().startswith("https://")


def add_security_headers(response: Response) -> Response:
    """Set every security header the view did not set itself."""
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    if serves_https(current_app):
        response.headers.setdefault("Strict-Transport-Security", HSTS)
    return response


def install_security_headers(app: Flask) -> None:
    """Headers on every response of the app; Secure cookies where it is served over https."""
    app.after_request(add_security_headers)
    if serves_https(app):
        app.config["SESSION_COOKIE_SECURE"] = True
        app.config["REMEMBER_COOKIE_SECURE"] = True
