"""Organizer pages (login required): invitations, people's private links, the outbox."""

from flask import (
    Blueprint,
    abort,
    flash,
    has_request_context,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import HiddenField
from wtforms.validators import AnyOf, Optional

from meeting.extensions import db
from meeting.invitations.invites import (
    CANCEL_OWED,
    NOT_SENT,
    OUTDATED,
    count_outdated,
    invitation_states,
    send_invitations,
)
from meeting.invitations.replies import count_to_review, tentative_marks
from meeting.lib.emails import public_url
from meeting.lib.mail import outbox_message, outbox_messages
from meeting.models import Person, Session, utcnow
from meeting.people.portal import portal_token, revoke_link
from meeting.programme.conflicts import segment_conflicts
from meeting.programme.history import history
from meeting.programme.labels import (
    answer_label,
    kind_label,
    publication_action,
    severity_label,
    status_label,
)
from meeting.programme.queries import (
    calendar_days,
    find_segment,
    list_segments,
    load_sessions,
    segment_days,
    segment_overview,
)
from meeting.reminders.dispatch import dispatcher_stale

from .accounts import bp as accounts_bp
from .documents_admin import bp as documents_bp
from .floor import bp as floor_bp
from .forms import CsrfForm, require_valid
from .key_messages_admin import bp as key_messages_bp
from .live import VIEWER_MAY_POST
from .live import bp as live_bp
from .people import bp as people_bp
from .publication import bp as publication_bp
from .reminders import bp as reminders_bp
from .replies import bp as replies_bp
from .runofshow import bp as runofshow_bp
from .segments import bp as segments_bp
from .sessions import bp as sessions_bp
from .statements import bp as statements_bp
from .timeline import bp as timeline_bp
from .translations import bp as translations_bp

bp = Blueprint("organizer", __name__, url_prefix="/organizer")
bp.register_blueprint(reminders_bp)
bp.register_blueprint(runofshow_bp)
bp.register_blueprint(live_bp)
bp.register_blueprint(sessions_bp)
bp.register_blueprint(accounts_bp)
bp.register_blueprint(people_bp)
bp.register_blueprint(timeline_bp)
bp.register_blueprint(documents_bp)
bp.register_blueprint(publication_bp)
bp.register_blueprint(key_messages_bp)
bp.register_blueprint(segments_bp)
bp.register_blueprint(replies_bp)
bp.register_blueprint(floor_bp)
bp.register_blueprint(statements_bp)
bp.register_blueprint(translations_bp)
# An interpreter reads the lists' statements and nothing else of the organizer area.
INTERPRETER_MAY = frozenset({"organizer.statements.index", "organizer.statements.segment",
                             "organizer.statements.download"})
WHAT = {"invites": {NOT_SENT}, "updates": {OUTDATED, CANCEL_OWED},
        "all": {NOT_SENT, OUTDATED, CANCEL_OWED}}


@bp.before_request
@login_required
def _logged_in():
    """Every organizer page needs a login; viewers may look but not change anything;
    interpreters may read the statements of the lists of speakers and nothing else."""
    if current_user.role == "interpreter" and request.endpoint not in INTERPRETER_MAY:
        abort(403, description=_("Your account is for reading the statements of the lists of "
                                 "speakers; the rest of the organizer area is not open to it."))
    if (request.method not in ("GET", "HEAD") and current_user.role == "viewer"
            and request.endpoint not in VIEWER_MAY_POST):
        abort(403, description=_("Your account can view but not change anything."))


@bp.app_context_processor
def _dispatcher_banner():
    """Organizer pages warn when no reminder dispatcher has checked in recently."""
    if not has_request_context() or not (request.blueprint or "").startswith("organizer"):
        return {}
    return {"dispatcher_down": dispatcher_stale(utcnow())}


# The words of the programme's vocabularies, in the page's language (programme/labels.py).
bp.add_app_template_filter(kind_label, "session_kind")
bp.add_app_template_filter(status_label, "session_status")
bp.add_app_template_filter(answer_label, "answer_label")
bp.add_app_template_filter(severity_label, "severity_label")
bp.add_app_template_filter(publication_action, "publication_action")


class SendForm(FlaskForm):
    """Which invitations to send, for one session or the whole segment."""

    what = HiddenField(validators=[AnyOf(list(WHAT))])
    session = HiddenField(validators=[Optional()])


@bp.get("/")
def home():
    """The segments, with how many people hold an outdated invite."""
    segments = list_segments()
    return render_template("organizer/home.html", segments=segments,
                           outdated={s.id: count_outdated(s) for s in segments},
                           days={s.id: segment_days(s, public=True) for s in segments})


@bp.get("/segments/<slug>/invitations")
def invitations(slug: str):
    """Who has been invited to what, which invites are outdated, what is owed."""
    segment = find_segment(slug) or abort(404)
    states = invitation_states(segment)
    counts = {}
    for st in states:
        counts[st.state] = counts.get(st.state, 0) + 1
    by_session: dict[int, list] = {}
    for st in states:
        by_session.setdefault(st.session.id, []).append(st)
    sessions = [ss[0].session for ss in by_session.values()]
    return render_template("organizer/invitations.html", segment=segment, sessions=sessions,
                           by_session=by_session, counts=counts, form=SendForm())


@bp.post("/segments/<slug>/invitations")
def send(slug: str):
    """Send invites, updates and cancellations: for one session or the whole segment."""
    segment = find_segment(slug) or abort(404)
    form = SendForm()
    require_valid(form)
    session = None
    if form.session.data:
        session = db.session.scalar(select(Session).where(
            Session.segment_id == segment.id, Session.code == form.session.data)) or abort(404)
    wanted = WHAT[form.what.data]
    states = [st for st in invitation_states(segment, session) if st.state in wanted]
    report = send_invitations(segment, states, sent_by=current_user.email)
    flash(_("Invitations: %(summary)s.", summary=report.summary()), "error" if report.failed else "info")
    for st, error in report.failed:
        flash(_("Not sent to %(name)s (%(code)s): %(error)s", name=st.person.name, code=st.session.code,
                error=error), "error")
    for st in report.skipped:
        flash(_("%(name)s has no e-mail address: nothing sent for %(code)s.", name=st.person.name,
                code=st.session.code), "error")
    anchor = f"#session-{session.code}" if session else ""
    return redirect(url_for("organizer.invitations", slug=slug) + anchor)


def _person(key: str) -> Person:
    return db.session.scalar(select(Person).where(Person.key == key)) or abort(404)


@bp.get("/segments/<slug>/")
def dashboard(slug: str):
    """One segment at a glance: counts, days, unconfirmed participants, conflicts."""
    segment = find_segment(slug) or abort(404)
    return render_template("organizer/dashboard.html", segment=segment,
                           overview=segment_overview(segment), outdated=count_outdated(segment),
                           findings=segment_conflicts(segment), all_days=calendar_days(segment),
                           sessions=load_sessions(segment), tentative=tentative_marks(segment),
                           replies_to_review=count_to_review(segment))


@bp.get("/segments/<slug>/conflicts")
def conflicts(slug: str):
    """Every problem in the programme, errors first, each linked to where it is fixed."""
    segment = find_segment(slug) or abort(404)
    return render_template("organizer/conflicts.html", segment=segment,
                           findings=segment_conflicts(segment))


@bp.get("/segments/<slug>/history", endpoint="history")
def history_page(slug: str):
    """Who changed what in the segment, newest first."""
    segment = find_segment(slug) or abort(404)
    return render_template("organizer/history.html", segment=segment,
                           changes=history(segment, limit=500))


@bp.get("/people/<key>")
def person(key: str):
    """A person's private link, to copy or to revoke and re-issue."""
    p = _person(key)
    link = public_url("portal.home", token=portal_token(p))
    return render_template("organizer/person.html", person=p, link=link, form=CsrfForm())


@bp.post("/people/<key>/revoke")
def revoke(key: str):
    """Revoke every link of a person and issue a new one."""
    p = _person(key)
    require_valid()
    revoke_link(p)
    flash(_("The old link of %(name)s no longer works. Send them the new one below.", name=p.name), "info")
    return redirect(url_for("organizer.person", key=key))


@bp.get("/outbox")
def outbox():
    """Messages the embedded mail transport kept instead of sending (MAIL_URL=maildir:…)."""
    return render_template("organizer/outbox.html", entries=outbox_messages(200))


@bp.get("/outbox/<key>")
def outbox_entry(key: str):
    """One message of the outbox, as sent."""
    message = outbox_message(key) or abort(404)
    body = message.get_body(preferencelist=("plain",))
    calendar = next((part for part in message.walk()
                     if part.get_content_type() == "text/calendar"), None)
    return render_template("organizer/outbox_entry.html", message=message,
                           text=body.get_content() if body else "",
                           calendar=calendar.get_content() if calendar else None)
