from odoo import models

from .hr_coaching_mixin_tools import worded_sort_errors


class HrCoachingSortableMixin(models.AbstractModel):
    """Sorting and grouping by a field that is not stored (the private note, a rating read per reader, the coaching
    counts of an employee) is refused in words, not with the ORM's bare ValueError: for the coaching records and the
    models whose coaching fields the addon adds (employees, appraisals)."""

    _name = "hr.coaching.sortable.mixin"
    _description = "Coaching: Sorting in Words"

    def _order_to_sql(self, order, query, alias=None, reverse=False):
        with worded_sort_errors(self, order):
            return super()._order_to_sql(order, query, alias=alias, reverse=reverse)

    def _read_group_groupby(self, groupby_spec, query):
        with worded_sort_errors(self, groupby_spec):
            return super()._read_group_groupby(groupby_spec, query)

    def _read_group_select(self, aggregate_spec, query):
        with worded_sort_errors(self, aggregate_spec):
            return super()._read_group_select(aggregate_spec, query)
