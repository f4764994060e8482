"""Checks and switches the coaching models share; no model here."""

import contextvars
import logging
from contextlib import contextmanager

import lxml.html
import psycopg2.errors

from odoo.exceptions import ValidationError
from odoo.tools import is_html_empty

_logger = logging.getLogger(__name__)

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


def check_links(records, vals_list):
    """Refuse a many2one value that points to a record the user may not read.

    Record rules are checked on the record itself, not on what its links point to: without this, a user could
    link a session, a commitment or an employee out of their reach, and read its name through the link.
    """
    env = records.env
    if env.su:
        return
    for vals in vals_list:
        for fname, value in vals.items():
            field = records._fields.get(fname)
            if field is None or field.type != "many2one" or not value or not isinstance(value, int):
                continue
            # Internal users read employees through their public profile, with its company rule.
            model = "hr.employee.public" if field.comodel_name == "hr.employee" else field.comodel_name
            env[model].browse(value).check_access("read")


def written_text(html):
    """The text of ``html`` that someone wrote: without the question prompts inserted as a block."""
    if is_html_empty(html):
        return ""
    tree = lxml.html.fragment_fromstring(str(html), create_parent="div")
    for prompt in tree.xpath("//*[contains(concat(' ', normalize-space(@class), ' '), ' o_coaching_prompt ')]"):
        prompt.drop_tree()
    return " ".join(tree.text_content().split())
