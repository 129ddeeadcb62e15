"""Blueprints, one per audience."""

from . import api, formats
from .auth import bp as auth_bp
from .documents import bp as documents_bp
from .inscription import bp as inscription_bp
from .key_messages import bp as key_messages_bp
from .live import screen_bp
from .organizer import bp as organizer_bp
from .portal import bp as portal_bp
from .public import bp as public_bp


def register_blueprints(app):
    """Attach every blueprint to the app."""
    app.register_blueprint(public_bp)
    app.register_blueprint(documents_bp)
    app.register_blueprint(auth_bp)
    app.register_blueprint(portal_bp)
    app.register_blueprint(organizer_bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(formats.bp)
    app.register_blueprint(key_messages_bp)
    app.register_blueprint(screen_bp)
    app.register_blueprint(inscription_bp)
