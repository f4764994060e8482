from odoo import api, fields, models
from odoo.tools import SQL
from odoo.tools.sql import index_exists

# The employee's talks in the order they took place (ties on the time broken by the id, as everywhere).
DONE_ORDER = "PARTITION BY employee_id ORDER BY date_scheduled, id"
# The analysis' filters (state, company, day) as the key, and every column its groupings and record rules read.
ANALYSIS_INDEX = "hr_coaching_session_analysis_index"


class HrCoachingSession(models.Model):
    """What the coaching analysis (``hr.coaching.report``) shows of each talk, stored on the talk.

    The analysis used to compute it with window functions over every talk of every company before the record rules
    kept the reader's rows (issue 24, item 5). Stored, the analysis is a plain select of the talks that PostgreSQL
    merges into each read: the rules and the filters pick the rows by their indexes first.

    The previous done talk and the latest done talk are written here, in SQL, whenever a talk of the employee closes,
    reopens, is cancelled, moves or changes employee; archiving changes nothing (an archived done talk still took
    place). The commitment counts follow the commitments through the ORM.
    """

    # Apart from hr_coaching_session.py on purpose: that file is to be split, not grown.
    _inherit = "hr.coaching.session"  # pylint: disable=consider-merging-classes-inherited

    previous_done_date = fields.Datetime(
        string="Previous Done Talk",
        readonly=True,
        copy=False,
        help="For a done talk: the time of the employee's previous done talk, archived ones included.",
    )
    is_latest_done = fields.Boolean(
        string="Latest Done Talk",
        readonly=True,
        copy=False,
        help="The employee's latest done talk, archived ones included.",
    )
    commitment_count = fields.Integer(
        string="Commitments Made", compute="_compute_analysis_counts", store=True, help="Commitments made in this talk."
    )
    commitment_kept_count = fields.Integer(
        string="Kept Commitments",
        compute="_compute_analysis_counts",
        store=True,
        help="Commitments made in this talk that were reviewed as kept.",
    )
    commitment_reviewed_count = fields.Integer(
        string="Reviewed Commitments",
        compute="_compute_analysis_counts",
        store=True,
        help="Commitments made in this talk that have an outcome.",
    )

    def init(self):
        """The index of the analysis' reads: a director's pivot of the last 12 months reads his talks from it alone
        (an index-only scan: the rules' employees and coaches are in it) instead of every row of the wide table of
        the talks (issue 23, a big tenant); the sessions kanban's counts by state read it alone too."""
        result = super().init()
        if not index_exists(self.env.cr, ANALYSIS_INDEX):
            self.env.cr.execute(
                SQL(
                    """CREATE INDEX %s ON %s (state, company_id, (date_scheduled::date))
                       INCLUDE (id, date_scheduled, employee_id, coach_id, department_id, active, trigger_type,
                                commitment_count, commitment_kept_count, commitment_reviewed_count)""",
                    SQL.identifier(ANALYSIS_INDEX),
                    SQL.identifier(self._table),
                )
            )
        return result

    @api.depends("commitment_ids.outcome")
    def _compute_analysis_counts(self):
        # Counted as superuser (stored fields are computed so): the same for every reader of the talk.
        counts = {
            (session.id, outcome): count
            for session, outcome, count in self.env["hr.coaching.commitment"]._read_group(
                [("session_id", "in", self.ids)], ["session_id", "outcome"], ["__count"]
            )
        }
        for session in self:
            mine = {outcome: count for (sid, outcome), count in counts.items() if sid == session.id}
            session.commitment_count = sum(mine.values())
            session.commitment_kept_count = mine.get("kept", 0)
            session.commitment_reviewed_count = sum(count for outcome, count in mine.items() if outcome)

    @api.model_create_multi
    def create(self, vals_list):
        sessions = super().create(vals_list)
        # A planned talk changes no done talk's place; one created done (imports) does.
        self._coaching_refresh_analysis(sessions.filtered(lambda session: session.state == "done").employee_id)
        return sessions

    def write(self, vals):
        # Only a done talk has a place among the done talks: one that closes, reopens, moves or changes employee.
        moved = {"employee_id", "date_scheduled", "state"} & vals.keys()
        employees_before = self.filtered(lambda session: session.state == "done").employee_id if moved else None
        result = super().write(vals)
        if moved:
            done = self.filtered(lambda session: session.state == "done")
            self._coaching_refresh_analysis(employees_before | done.employee_id)
        return result

    def unlink(self):
        # Only the uninstall deletes a done talk; the others leave the done talks as they are.
        employees = self.filtered(lambda session: session.state == "done").employee_id
        result = super().unlink()
        self._coaching_refresh_analysis(employees.exists())
        return result

    @api.model
    def _coaching_refresh_analysis(self, employees=None):
        """Write the previous and the latest done talk of every talk of ``employees`` (every employee for None), in
        one UPDATE of the rows that change. The windows run over these employees' talks only, found by the index of
        ``employee_id``; a talk that is not done has neither."""
        if employees is not None and not employees:
            return
        self.flush_model(["employee_id", "date_scheduled", "state", "previous_done_date", "is_latest_done"])
        mine = SQL("TRUE") if employees is None else SQL("employee_id = ANY(%s)", list(employees.ids))
        self.env.cr.execute(
            SQL(
                """WITH done AS (
                        SELECT id,
                               LAG(date_scheduled) OVER w AS previous,
                               LEAD(id) OVER w IS NULL AS latest
                          FROM hr_coaching_session
                         WHERE state = 'done' AND %(mine)s
                        WINDOW w AS (%(order)s)
                   )
                   UPDATE hr_coaching_session s
                      SET previous_done_date = d.previous, is_latest_done = COALESCE(d.latest, FALSE)
                     FROM hr_coaching_session t
                     LEFT JOIN done d ON d.id = t.id
                    WHERE s.id = t.id AND %(mine_t)s
                      AND (s.previous_done_date IS DISTINCT FROM d.previous
                           OR s.is_latest_done IS DISTINCT FROM COALESCE(d.latest, FALSE))
                RETURNING s.id""",
                mine=mine,
                mine_t=SQL("TRUE") if employees is None else SQL("t.employee_id = ANY(%s)", list(employees.ids)),
                order=SQL(DONE_ORDER),
            )
        )
        changed = [row[0] for row in self.env.cr.fetchall()]
        if changed:
            self.browse(changed).invalidate_recordset(["previous_done_date", "is_latest_done"])
