from odoo import SUPERUSER_ID, api
from odoo.tools import SQL

# The names the sessions were given before 1.2.0, in the languages the addon ships, with an ISO date.
GENERATED_NAME_PATTERNS = ["Coaching of % on ____-__-__", "% 的辅导面谈（____-__-__）", "New coaching session"]


def migrate(cr, version):
    """Session names are told when read since 1.2.0: the names generated before, stored in their creator's
    language, become empty (a title typed by hand stays). The cadence fields gain the due date and the planned
    talk: every employee is refreshed now."""
    cr.execute(
        SQL(
            "UPDATE hr_coaching_session SET name = NULL WHERE name LIKE ANY(%s)",
            GENERATED_NAME_PATTERNS,
        )
    )
    env = api.Environment(cr, SUPERUSER_ID, {})
    employees = env["hr.employee"].with_context(active_test=False).search([])
    env["hr.coaching.cadence"]._coaching_refresh(employees)
