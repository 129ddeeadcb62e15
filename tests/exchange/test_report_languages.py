"""What an import did, for an organizer reading French; the CLI (no request) keeps English."""

from collections import Counter

from meeting.exchange.report import ImportReport
from meeting.lib.emails import in_language


def report() -> ImportReport:
    return ImportReport(segment="is-2030", created=Counter({"sessions": 2, "people": 1}),
                        updated=Counter({"sessions": 1}), unchanged=Counter({"documents": 1}),
                        removed=Counter({"participations": 3}), kept_sessions=["S9"],
                        kept_documents=["a", "b"], key_messages_in_file=False)


def test_import_summary_french(app):
    with in_language("fr"):
        assert report().summary().splitlines() == [
            "  organisations : néant",
            "  personnes : 1 création",
            "  séances : 2 créations, 1 mise à jour",
            "  participations : 3 suppressions",
            "  documents : 1 sans changement",
            "  messages clés : absents du fichier, laissés tels quels",
            "  1 séance absente du fichier conservée : S9",
            "  2 documents absents du fichier conservés : a, b"]


def test_import_summary_english_outside_a_request(app):
    assert report().summary().splitlines() == [
        "  organizations: none",
        "  people: 1 created",
        "  sessions: 2 created, 1 updated",
        "  participations: 3 removed",
        "  documents: 1 unchanged",
        "  key messages: not in the file, left as they were",
        "  kept 1 session(s) that are not in the file: S9",
        "  kept 2 document(s) that are not in the file: a, b"]
    assert report().one_line() == "people 1 created; sessions 2 created, 1 updated; participations 3 removed"
