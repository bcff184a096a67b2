"""The portal's own words for every message WTForms and Flask-WTF would show a person in their
own words ("Not a valid integer value."), in the person's language. Every form's fields ask the
form's Meta for translations (portal/core/forms.py), so one map serves every form."""

from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

CHOOSE = _l("Choose one of the options given")
NOT_AS_EXPECTED = _l("Check this answer: it is not in the form expected")
CANNOT_CHANGE = _l("This answer cannot be changed")
EXPIRED_FORM = _l("This form has expired. Go back, reload the page and try again.")

# WTForms' and Flask-WTF's messages (the msgids of wtforms/locale/wtforms.pot) -> ours. A
# message keeps the placeholders its validator fills in (%(min)s ...) or leaves them out.
MESSAGES = {
    "Field must be equal to %(other_name)s.": _l("The two answers must be the same"),
    "Field must be between %(min)d and %(max)d characters long.": _l("This must be between %(min)d and %(max)d characters"),
    "Number must be at least %(min)s.": _l("Enter a number of %(min)s or more"),
    "Number must be at most %(max)s.": _l("Enter a number of %(max)s or less"),
    "Number must be between %(min)s and %(max)s.": _l("Enter a number from %(min)s to %(max)s"),
    "Date must be at least %(min)s.": _l("Enter a date on or after %(min)s"),
    "Date must be at most %(max)s.": _l("Enter a date on or before %(max)s"),
    "Date must be between %(min)s and %(max)s.": _l("Enter a date from %(min)s to %(max)s"),
    "This field is required.": _l("Answer this question"),
    "Invalid input.": NOT_AS_EXPECTED,
    "Invalid email address.": _l("Enter an email address in the correct format, like name@example.org"),
    "Invalid IP address.": _l("Enter an IP address, like 192.0.2.1"),
    "Invalid Mac address.": NOT_AS_EXPECTED,
    "Invalid URL.": _l("Enter a web address in the correct format, like https://www.example.org"),
    "Invalid UUID.": NOT_AS_EXPECTED,
    "Invalid value, must be one of: %(values)s.": _l("Enter one of: %(values)s"),
    "Invalid value, can't be any of: %(values)s.": _l("This answer cannot be any of: %(values)s"),
    "This field cannot be edited.": CANNOT_CHANGE,
    "This field is disabled and cannot have a value.": CANNOT_CHANGE,
    "Invalid CSRF Token.": EXPIRED_FORM,
    "CSRF token missing.": EXPIRED_FORM,
    "CSRF failed.": EXPIRED_FORM,
    "CSRF token expired.": EXPIRED_FORM,
    "Invalid Choice: could not coerce.": CHOOSE,
    "Choices cannot be None.": CHOOSE,
    "Not a valid choice.": CHOOSE,
    "Invalid choice(s): one or more data inputs could not be coerced.": CHOOSE,
    "Not a valid datetime value.": _l("Enter a real date and time"),
    "Not a valid date value.": _l("Enter a real date, like 27 3 2027"),
    "Not a valid time value.": _l("Enter a time like 09:30 or 17:00"),
    "Not a valid week value.": _l("Enter a real week"),
    "Not a valid integer value.": _l("Enter a whole number, like 12"),
    "Not a valid decimal value.": _l("Enter a number, like 12 or 12.5"),
    "Not a valid float value.": _l("Enter a number, like 12 or 12.5"),
    # Flask-WTF's file validators
    "File does not have an approved extension: {extensions}": _l("Upload a file of one of these kinds: {extensions}"),
    "File does not have an approved extension.": _l("This kind of file cannot be uploaded"),
}

# Messages WTForms asks for with a count: the count is put in at once (the validator's own
# formatting then finds nothing left to fill), or not needed.
PLURALS = {
    "Field must be at least %(min)d character long.": lambda n: ngettext(
        "This must be at least %(min)d character", "This must be at least %(min)d characters", n, min=n),
    "Field cannot be longer than %(max)d character.": lambda n: ngettext(
        "This must be %(max)d character or fewer", "This must be %(max)d characters or fewer", n, max=n),
    "Field must be exactly %(max)d character long.": lambda n: ngettext(
        "This must be exactly %(max)d character", "This must be exactly %(max)d characters", n, max=n),
    "'%(value)s' is not a valid choice for this field.": lambda n: str(CHOOSE),
}

# Not a person's message: a validator given a field name that does not exist.
NOT_FOR_PEOPLE = {"Invalid field name '%s'."}


class PortalMessages:
    """The translations object WTForms asks (``gettext``, ``ngettext``): our words, in the
    language in force when the message is made. A message not in the map is left as it is."""

    def gettext(self, string):
        mine = MESSAGES.get(string)
        return string if mine is None else str(mine)

    def ngettext(self, singular, plural, n):
        mine = PLURALS.get(singular)
        if mine is not None:
            return mine(n)
        return self.gettext(singular if n == 1 else plural)


MESSAGES_IN_WORDS = PortalMessages()
