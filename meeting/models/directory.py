"""The directory: organizations and the people who speak for them."""

from sqlalchemy import JSON, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from meeting.extensions import db
from meeting.lib.locales import DEFAULT_LANGUAGE, UN_LANGUAGES, clean_language
from meeting.lib.phones import PHONE_MAX, clean_phone

ORGANIZATION_KINDS = (
    "specialized-agency",
    "fund-programme",
    "functional-commission",
    "regional-commission",
    "expert-body",
    "member-state",
    "secretariat",
    "other",
)


def display_name(honorific: str | None, name: str) -> str:
    """Name with honorific, as printed on a programme: 'H.E. Director-General, FAO'."""
    return f"{honorific} {name}" if honorific else name


def unless_named(name: str, text: str | None) -> str | None:
    """text (a position, an organization) unless the name says it already, else None.

    People in a UN programme are often named by function ('Director-General, FAO'): the
    programme does not repeat 'FAO' or 'Director-General' after such a name.
    """
    return text if text and text not in name else None


# Words a function starts with ("Chair of the Statistical Commission", "Executive
# Secretary, ESCAP"): a name that starts with one is a function, not a person's name.
FUNCTION_WORDS = frozenset({
    "administrator", "ambassador", "assistant", "chair", "chairperson", "chief", "co-chair",
    "commissioner", "coordinator", "deputy", "director", "director-general", "executive",
    "head", "high", "minister", "permanent", "president", "rapporteur", "representative",
    "secretary", "secretary-general", "special", "under-secretary-general", "vice-chair",
    "vice-president",
})


def is_function_name(name: str, position: str | None = None) -> bool:
    """Whether a person is named by function ('Director-General, FAO') rather than by name.

    The rule: a comma in the name, the person's position inside it, or a first word that
    is a function (FUNCTION_WORDS) makes it a function.
    """
    name = (name or "").strip()
    first = name.split(" ", 1)[0].lower()
    return ("," in name or bool(position and position.lower() in name.lower())
            or first in FUNCTION_WORDS)


def salutation(honorific: str | None, name: str, position: str | None = None) -> str:
    """'Dear Ms. Amina Mohammed', 'Dear H.E. Mr. Juan Pérez', or 'Dear colleague' for a function."""
    if not name or is_function_name(name, position):
        return "Dear colleague"
    return f"Dear {display_name(honorific, name.strip())}"


class PrintedName:
    """How a person is printed on a programme, for the model and the public rows alike.

    Needs `name`, `honorific`, `position` and `organization_short` on the class using it.
    """

    __slots__ = ()

    @property
    def display_name(self) -> str:
        """Name with honorific, as printed on a programme."""
        return display_name(self.honorific, self.name)

    @property
    def salutation(self) -> str:
        """How an e-mail greets the person (see salutation())."""
        return salutation(self.honorific, self.name, self.position)

    @property
    def position_shown(self) -> str | None:
        """The position, unless the name says it already."""
        return unless_named(self.name, self.position)

    @property
    def organization_shown(self) -> str | None:
        """The organization's short name, unless the name says it already."""
        return unless_named(self.name, self.organization_short)

    @property
    def with_organization(self) -> str:
        """'H.E. Director-General, FAO': display name, then the organization unless named."""
        org = self.organization_shown
        return f"{self.display_name}, {org}" if org else self.display_name


class Organization(db.Model):
    """A UN agency, fund or programme, a subsidiary body, a Member State or another stakeholder."""

    __tablename__ = "organization"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(300))
    acronym: Mapped[str | None] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(40), default="other")

    people: Mapped[list["Person"]] = relationship(back_populates="organization")

    @property
    def short_name(self) -> str:
        """Acronym when there is one, else the full name."""
        return self.acronym or self.name


class Person(PrintedName, db.Model):
    """Someone who takes part: a head of agency, a chair, a lead discussant."""

    __tablename__ = "person"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(300))
    honorific: Mapped[str | None] = mapped_column(String(40))
    position: Mapped[str | None] = mapped_column(String(300))
    organization_id: Mapped[int | None] = mapped_column(
        ForeignKey("organization.id", ondelete="SET NULL"), index=True
    )
    email: Mapped[str | None] = mapped_column(String(320))
    # The number a moderator calls when the person's video link drops: private, printed on the
    # run-of-show sheet and shown in the person's own portal, never on a public page or feed.
    backup_phone: Mapped[str | None] = mapped_column(String(PHONE_MAX))
    timezone: Mapped[str] = mapped_column(String(64))
    languages: Mapped[list[str]] = mapped_column(JSON, default=list)
    # The UN language of their e-mails and portal ('fr'); None: English.
    preferred_language: Mapped[str | None] = mapped_column(String(8))
    biography: Mapped[str | None] = mapped_column(Text)
    # Raised to revoke the person's portal link: tokens carry the generation they were made for.
    portal_generation: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    organization: Mapped[Organization | None] = relationship(back_populates="people")
    participations: Mapped[list["Participation"]] = relationship(  # noqa: F821
        back_populates="person", cascade="all, delete-orphan"
    )

    @validates("preferred_language")
    def _check_language(self, key: str, value: str | None) -> str | None:
        if value in (None, ""):
            return None
        language = clean_language(value)
        if language is None:
            raise ValueError(f"preferred language {value!r} is not one of the six UN languages "
                             f"({', '.join(UN_LANGUAGES)})")
        return language

    @validates("backup_phone")
    def _check_phone(self, key: str, value: str | None) -> str | None:
        return clean_phone(value, "backup phone")

    @property
    def language(self) -> str:
        """The language to write to them in: their preferred one, else English."""
        return self.preferred_language or DEFAULT_LANGUAGE

    @property
    def organization_short(self) -> str | None:
        """The organization's acronym or name, or None."""
        return self.organization.short_name if self.organization else None
