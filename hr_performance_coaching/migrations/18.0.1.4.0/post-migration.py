import lxml.html

from odoo import SUPERUSER_ID, api
from odoo.tools import SQL, is_html_empty

GROW_COLUMNS = ("goal", "reality", "options", "will")
# Reset from the module: the invitation tells the talk's time as the employee's language writes it, without seconds.
TEMPLATES = (
    "hr_performance_coaching.mail_template_coaching_invitation",
    "hr_performance_coaching.mail_template_coaching_recap",
)
PROMPT = "//*[contains(concat(' ', normalize-space(@class), ' '), ' o_coaching_prompt ')]"


def strip_prompts(html):
    """``html`` without the question blocks *Use Questions as Prompts* inserted before 1.4.0, nor the empty line
    it put beneath each, to answer on; ``None`` when nothing else was written."""
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    for prompt in root.xpath(PROMPT):
        following = prompt.getnext()
        if (
            following is not None
            and following.tag == "p"
            and not following.text_content().strip()
            and all(child.tag == "br" for child in following)
        ):
            following.drop_tree()
        prompt.drop_tree()
    stripped = (root.text or "") + "".join(
        lxml.html.tostring(child, encoding="unicode") for child in root.iterchildren()
    )
    return None if is_html_empty(stripped) else stripped


def migrate(cr, version):
    """Since 1.4.0 the template's questions are shown beside the GROW sections, never written into them: the
    question blocks written before are taken out of the talks, so that they leave the recap, the next talk's
    "Where you left off", the goals and the file. What the coach and the employee wrote stays as it was. The
    talks are written in SQL: a closed talk is frozen for every write of the ORM, and this is no one's edit.

    The invitation and the recap are reset from the module, as Settings' "Reset Template" does."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    for xmlid in TEMPLATES:
        if template := env.ref(xmlid, raise_if_not_found=False):
            template.reset_template()
    for column in GROW_COLUMNS:
        cr.execute(
            SQL(
                "SELECT id, %(column)s FROM hr_coaching_session WHERE %(column)s LIKE %(marker)s",
                column=SQL.identifier(column),
                marker="%o_coaching_prompt%",
            )
        )
        for session_id, html in cr.fetchall():
            cr.execute(
                SQL(
                    "UPDATE hr_coaching_session SET %(column)s = %(html)s WHERE id = %(id)s",
                    column=SQL.identifier(column),
                    html=strip_prompts(html),
                    id=session_id,
                )
            )
