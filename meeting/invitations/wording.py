"""Words of the e-mails a person receives, in the language they are rendered in.

Every e-mail to a person is rendered under their preferred language (`person.language`,
meeting.lib.emails.in_language); these are the words more than one of them shares.
"""

from flask_babel import gettext as _

from meeting.models import Person
from meeting.models.directory import display_name, is_function_name


def salutation(person: Person) -> str:
    """'Dear Ms. Amina Mohammed' ('Bonjour Ms. Amina Mohammed'), or 'Dear colleague' for a function.

    The honorific and the name are data: they stay as the directory spells them.
    """
    name = (person.name or "").strip()
    if not name or is_function_name(name, person.position):
        return _("Dear colleague")
    return _("Dear %(name)s", name=display_name(person.honorific, name))


def salutation_line(person: Person) -> str:
    """The first line of a letter: the salutation and its punctuation ('Dear colleague,')."""
    return _("%(salutation)s,", salutation=salutation(person))
