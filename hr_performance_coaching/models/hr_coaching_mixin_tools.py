"""Checks and switches the coaching models share; no model here."""

import contextvars
import logging
from contextlib import contextmanager

import babel.dates
import lxml.html
import psycopg2.errors
import pytz

from odoo.exceptions import AccessError, ValidationError
from odoo.tools import babel_locale_parse, is_html_empty

_logger = logging.getLogger(__name__)

# The coaching activity types (data/mail_activity_type_data.xml), by xml id.
COACHING_DUE = "hr_performance_coaching.mail_activity_type_coaching_due"  # a talk is due; a signal to answer
COMMITMENT_DUE = "hr_performance_coaching.mail_activity_type_commitment_due"
PREP_REMINDER = "hr_performance_coaching.mail_activity_type_coaching_prep"
RATING_REQUEST = "hr_performance_coaching.mail_activity_type_coaching_rating"

# Set only by the models' own actions while they write their internal fields (a session's status, its meeting).
# A Python context variable, not a key of the Odoo context: an RPC caller cannot set it.
_INTERNAL_WRITE = contextvars.ContextVar("hr_performance_coaching_internal_write", default=False)


@contextmanager
def internal_write():
    """Let the enclosed code write the fields that only the addon's own actions may write."""
    token = _INTERNAL_WRITE.set(True)
    try:
        yield
    finally:
        _INTERNAL_WRITE.reset(token)


def is_internal_write():
    return _INTERNAL_WRITE.get()


def lock_batch(env, query, cron_xmlid):
    """The ids that ``query`` (a ``SELECT id … FOR … SKIP LOCKED``) locks for a batch of the cron ``cron_xmlid``.

    Odoo runs each batch in REPEATABLE READ: PostgreSQL refuses to lock a row that another transaction changed and
    committed after this one began (a user closing a talk while the cron runs), and that refusal would abort the
    whole batch and fail the cron. It is caught in a savepoint instead: the batch is empty and the cron is called
    again at once, in a new transaction that sees the change.
    """
    try:
        with env.cr.savepoint(flush=False):
            env.cr.execute(query, log_exceptions=False)
            return [row[0] for row in env.cr.fetchall()]
    except psycopg2.errors.SerializationFailure:
        _logger.info("%s: rows changed by a user under the batch; the cron runs again at once", cron_xmlid)
        # sudo: calling a cron again is a technical act of the cron itself, whoever runs the batch.
        env.ref(cron_xmlid).sudo()._trigger()
        return []


def check_selection_values(records, vals):
    """Refuse an unknown selection value with words, before the ORM raises a bare ValueError."""
    env = records.env
    for fname, value in vals.items():
        field = records._fields.get(fname)
        if not field or field.type != "selection" or value in (False, None):
            continue
        allowed = [key for key, _label in field._description_selection(env)]
        if value not in allowed:
            raise ValidationError(
                env._(
                    "“%(value)s” is not a valid choice for %(field)s. Choose one of: %(allowed)s.",
                    value=value,
                    field=field._description_string(env),
                    allowed=", ".join(allowed),
                )
            )


def check_numbers(records, vals, limits):
    """Refuse a number larger than ``limits`` {field name: highest} (either sign) before the database sees it:
    a huge number would not fit its column and fail with a database error instead of words. The models'
    constraints word the other limits (at least 1, not negative)."""
    env = records.env
    for fname, highest in limits.items():
        value = vals.get(fname)
        if value is None or value is False:
            continue
        if not isinstance(value, int | float) or abs(value) > highest:
            raise ValidationError(
                env._(
                    "%(value)s is out of range for %(field)s: give at most %(highest)s.",
                    field=records._fields[fname]._description_string(env),
                    highest=highest,
                    value=value,
                )
            )


def _one_id(env, field, value):
    """``value`` written as one id of ``field``'s comodel, normalised the way the ORM stores it: an int, a string
    of digits ('45' is stored as 45), a pair (id, name) or a ``NewId`` (its origin). Anything else is refused in
    words, where the ORM would fail with a database error."""
    if isinstance(value, tuple | list) and value:
        value = value[0]
    value = getattr(value, "origin", value)
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise ValidationError(
            env._(
                "“%(value)s” is not a valid value for %(field)s: choose a record in the list.",
                value=value,
                field=field._description_string(env),
            )
        )
    return value


def normalised(env, field, value):
    """``value`` written on the relational ``field`` as the ORM stores it: the many2one's id, or the x2many's
    commands with their ids as ints (LINK, UPDATE, SET, and a plain list of ids)."""
    if not value:
        return value
    if field.type == "many2one":
        return _one_id(env, field, value)
    commands = []
    for command in value if isinstance(value, list | tuple) else [value]:
        if not isinstance(command, list | tuple):
            commands.append(_one_id(env, field, command))
        elif command and command[0] in (1, 4):
            commands.append((command[0], _one_id(env, field, command[1]), *command[2:]))
        elif command and command[0] == 6 and len(command) > 2:
            commands.append((6, 0, [_one_id(env, field, record_id) for record_id in command[2] or ()]))
        else:
            commands.append(command)
    return commands


def link_ids(env, field, value):
    """The ids that ``value`` (normalised) links through the relational ``field``: the many2one's id, or the ids
    of the LINK, UPDATE and SET commands (and of a plain list of ids) of a many2many or one2many."""
    if not value:
        return []
    if field.type == "many2one":
        return [value]
    ids = []
    for command in value:
        if not isinstance(command, list | tuple):
            ids.append(command)
        elif command[0] in (1, 4):
            ids.append(command[1])
        elif command[0] == 6:
            ids.extend(command[2])
    return ids


def check_links(records, vals_list):
    """Normalise the relational values of ``vals_list`` in place, and refuse one that points to a record the user
    may not read.

    Record rules are checked on the record itself, not on what its links point to: without this, a user could
    link a session, a commitment or an employee out of their reach, and read its name through the link. The ids
    are checked as the ORM will store them, so that '45' is checked as 45.
    """
    env = records.env
    for vals in vals_list:
        for fname, value in vals.items():
            field = records._fields.get(fname)
            if field is None or field.type not in ("many2one", "many2many", "one2many") or not value:
                continue
            vals[fname] = normalised(env, field, value)
            ids = link_ids(env, field, vals[fname])
            if env.su or not ids:
                continue
            # Internal users read employees through their public profile, with its company rule.
            model = "hr.employee.public" if field.comodel_name == "hr.employee" else field.comodel_name
            env[model].browse(ids).check_access("read")


def check_scalars(records, vals_list):
    """Normalise the numbers of ``vals_list`` in place as the ORM stores them ('45' is 45), and refuse in words a
    value of the wrong shape: a list or a word for a number, anything but text for a text field. The models' rules
    then compare numbers with numbers, never a TypeError in front of the user."""
    for vals in vals_list:
        for fname, value in vals.items():
            field = records._fields.get(fname)
            if field is None or value is False or value is None:
                continue
            if field.type in ("integer", "float", "monetary"):
                try:
                    vals[fname] = field.convert_to_cache(value, records)
                    valid = True
                except (ValueError, TypeError, OverflowError):
                    valid = False
            elif field.type in ("char", "text", "html"):
                valid = isinstance(value, str)
            else:
                continue
            if not valid:
                raise ValidationError(
                    records.env._(
                        "%(field)s: %(value)s is not a valid value.",
                        field=field._description_string(records.env),
                        value=repr(value)[:40],
                    )
                )


@contextmanager
def worded_sort_errors(records, spec):
    """Turn the ORM's bare ValueError for a sort or a grouping it cannot do (a field that is not stored: the private
    note, a rating shown per reader) into words. An AccessError, as Odoo's own fields_get expects when it asks
    whether a field sorts or groups."""
    try:
        yield
    except ValueError as error:
        fname = (spec or "").strip().split(" ", 1)[0].split(":", 1)[0].split(".", 1)[0]
        field = records._fields.get(fname)
        raise AccessError(
            records.env._(
                "%(field)s cannot be used to sort or group %(model)s.",
                field=field._description_string(records.env) if field else fname,
                model=records._description,
            )
        ) from error


def written_text(html):
    """The text of ``html`` that someone wrote: without the question prompts inserted as a block."""
    if is_html_empty(html):
        return ""
    tree = lxml.html.fragment_fromstring(str(html), create_parent="div")
    for prompt in tree.xpath("//*[contains(concat(' ', normalize-space(@class), ' '), ' o_coaching_prompt ')]"):
        prompt.drop_tree()
    return " ".join(tree.text_content().split())


def format_when(env, moment, tz_name=None):
    """``moment`` (naive UTC) for a sentence, in the language of ``env`` and the time zone ``tz_name`` (else the
    user's): the date as the language writes it and the time without seconds, joined as the language joins them."""
    try:
        tz = pytz.timezone(tz_name or env.user.tz or "UTC")
    except pytz.UnknownTimeZoneError:
        tz = pytz.utc
    local = pytz.utc.localize(moment).astimezone(tz)
    locale = babel_locale_parse(env.lang or "en_US")
    return locale.datetime_formats["medium"].format(
        babel.dates.format_time(local, format="short", locale=locale),
        babel.dates.format_date(local, format="medium", locale=locale),
    )
