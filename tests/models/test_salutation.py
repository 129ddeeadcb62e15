"""How e-mails greet people: by honorific and name, or 'Dear colleague' for a function."""

import pytest

from meeting.models.directory import is_function_name, salutation


@pytest.mark.parametrize(("honorific", "name", "position", "expected"), [
    ("Ms.", "Amina Mohammed", "Deputy Secretary-General", "Dear Ms. Amina Mohammed"),
    ("H.E. Mr.", "Volkan Bozkır", None, "Dear H.E. Mr. Volkan Bozkır"),
    (None, "Amina Mohammed", None, "Dear Amina Mohammed"),
    # Named by function: a comma, the position inside the name, or a function's first word.
    ("H.E.", "Director-General, FAO", "Director-General", "Dear colleague"),
    ("H.E.", "Secretary-General of the United Nations", "Secretary-General", "Dear colleague"),
    (None, "Chair of the Statistical Commission", None, "Dear colleague"),
    (None, "Executive Secretary ESCAP", None, "Dear colleague"),
    (None, "", None, "Dear colleague"),
])
def test_salutation_rule_name_or_function(honorific, name, position, expected):
    assert salutation(honorific, name, position) == expected


def test_salutation_person_property_uses_position(make_person):
    person = make_person(name="Liu Zhenmin", honorific="Mr.", position="Under-Secretary-General")
    assert person.salutation == "Dear Mr. Liu Zhenmin"
    assert make_person(name="Under-Secretary-General for Economic and Social Affairs").salutation == (
        "Dear colleague")


def test_is_function_name_position_case_insensitive():
    assert is_function_name("Vice-president of ECOSOC", "Vice-President")
    # Only whole first words count: a surname that starts like a function is a name.
    assert not is_function_name("Heady Lamar", None)
