"""The six official languages of the United Nations, as the UN's own sites list them."""

# In the order of UN language bars, each named in its own script.
UN_LANGUAGES = (("ar", "عربي"), ("zh", "中文"), ("en", "English"), ("fr", "Français"),
                ("ru", "Русский"), ("es", "Español"))
PUBLIC_LOCALES = tuple(code for code, _ in UN_LANGUAGES)
# The organizer's interface is in the two working languages of the Secretariat.
ORGANIZER_LOCALES = ("en", "fr")
RIGHT_TO_LEFT = frozenset({"ar"})
DEFAULT_LOCALE = "en"


def text_direction(locale: str) -> str:
    """'rtl' for Arabic, else 'ltr'."""
    return "rtl" if locale in RIGHT_TO_LEFT else "ltr"


def autonym(code: str) -> str:
    """A language's name in its own script ('Français'); the code when it is not a UN language."""
    return dict(UN_LANGUAGES).get(code, code)
