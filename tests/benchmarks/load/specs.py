"""What the web client reads on each screen of the load test: the JSON-RPC ``specification`` of its views, and the
payloads of the requests that both the locust users (``locustfile.py``) and the big tenant's route replay
(``routes.py``) send, so that both measure the same requests."""

from datetime import date, timedelta

M2O = {"fields": {"display_name": {}}}
ACTIVITY = {
    "activity_ids": {"fields": {}},
    "activity_exception_decoration": {},
    "activity_exception_icon": {},
    "activity_state": {},
    "activity_summary": {},
    "activity_type_icon": {},
    "activity_type_id": M2O,
}
SESSION_KANBAN = {
    "state": {},
    "employee_user_id": M2O,
    "employee_id": M2O,
    "date_scheduled": {},
    "trigger_type": {},
    "open_commitment_count": {},
    "coach_id": M2O,
    **ACTIVITY,
}
SESSION_FORM = {
    "is_coach_side": {},
    "company_id": M2O,
    "is_coached_employee": {},
    "state": {},
    "active": {},
    "can_amend": {},
    "display_name": {},
    "employee_id": M2O,
    "coach_id": M2O,
    "trigger_type": {},
    "name": {},
    "date_scheduled": {},
    "date_closed": {},
    "duration": {},
    "template_id": M2O,
    "employee_rating": {},
    "topic_ids": {
        "fields": {
            "sequence": {},
            "done": {},
            "name": {},
            "side": {},
            "carried_from_id": M2O,
            "can_remove": {},
        },
        "limit": 40,
        "order": "sequence ASC, id ASC",
    },
    "employee_prep": {},
    "previous_date": {},
    "previous_session_id": M2O,
    "previous_will": {},
    "previous_summary": {},
    "review_commitment_ids": {
        "fields": {
            "name": {},
            "owner_id": M2O,
            "date_deadline": {},
            "progress": {},
            "is_overdue": {},
            "outcome": {},
            "state": {},
        },
        "limit": 40,
        "order": "date_deadline ASC, id ASC",
    },
    "goal": {},
    "reality": {},
    "options": {},
    "will": {},
    "goal_questions": {},
    "reality_questions": {},
    "options_questions": {},
    "will_questions": {},
    "commitment_ids": {
        "fields": {
            "name": {},
            "employee_id": M2O,
            "goal_id": M2O,
            "owner_id": M2O,
            "date_deadline": {},
            "is_overdue": {},
            "state": {},
        },
        "limit": 40,
        "order": "date_deadline ASC, id ASC",
    },
    "summary": {},
    "private_note": {},
}
HOME_FORM = {
    "display_name": {},
    "employee_id": M2O,
    "next_session_id": M2O,
    "next_date": {},
    "next_coach_id": M2O,
    "next_meeting_id": M2O,
    "next_topic_ids": {
        "fields": {"sequence": {}, "done": {}, "name": {}, "side": {}, "can_remove": {}},
        "limit": 40,
        "order": "sequence ASC, id ASC",
    },
    "next_prep": {},
    "commitment_ids": {"fields": {"name": {}, "date_deadline": {}, "progress": {}, "is_overdue": {}}, "limit": 40},
    "coach_commitment_ids": {"fields": {"name": {}, "owner_id": M2O, "date_deadline": {}}, "limit": 40},
    "past_session_ids": {
        "fields": {"date_scheduled": {}, "coach_id": M2O, "trigger_type": {}, "employee_rating": {}},
        "limit": 40,
    },
}
# The fields of the kanban that an internal user without HR rights reads (get_views drops the others).
EMPLOYEE_KANBAN = {
    "name": {},
    "job_title": {},
    "work_email": {},
    "work_phone": {},
    "company_id": M2O,
    "user_id": M2O,
    "hr_icon_display": {},
    "show_hr_icon_display": {},
    "image_1024": {},
    "avatar_128": {},
    "parent_id": M2O,
}
CADENCE_FORM = {
    "name": {},
    "sequence": {},
    "active": {},
    "company_id": M2O,
    "interval_number": {},
    "interval_type": {},
    "reminder_days": {},
    "grace_days": {},
    "template_id": M2O,
    "is_default": {},
    "scope_description": {},
}


# The sessions kanban, grouped by state: its columns, their progress bars, then each column's first cards.
def session_kanban_groups(domain):
    """``web_read_group`` of the sessions kanban's columns."""
    return {"domain": domain, "fields": [], "groupby": ["state"], "lazy": True}


def session_kanban_progress(domain):
    """``read_progress_bar`` of the sessions kanban's columns (activities)."""
    return {
        "domain": domain,
        "group_by": "state",
        "progress_bar": {
            "field": "activity_state",
            "colors": {"planned": "success", "today": "warning", "overdue": "danger"},
        },
    }


def session_kanban_column(domain):
    """``web_search_read`` of a column of the sessions kanban (its ``__domain``)."""
    return {
        "domain": domain,
        "specification": SESSION_KANBAN,
        "offset": 0,
        "limit": 40,
        "order": "date_sort ASC, id ASC",
        "count_limit": 10001,
    }


def employee_kanban():
    """``web_search_read`` of the Employees kanban (the platform's floor), with its ``bin_size`` context."""
    return {
        "domain": [],
        "specification": EMPLOYEE_KANBAN,
        "offset": 0,
        "limit": 40,
        "order": "",
        "count_limit": 10001,
        "context": {"bin_size": True},
    }


def analysis_pivot():
    """The four ``read_group`` of the analysis pivot (done talks of the last 12 months; total, team, month, team x
    month), as the web client asks for them."""
    since = (date.today() - timedelta(days=365)).isoformat()
    domain = ["&", ("state", "=", "done"), ("date", ">=", since)]
    return [
        {"domain": domain, "fields": ["kept_rate:avg"], "groupby": groupby, "lazy": False}
        for groupby in ([], ["department_id"], ["date:month"], ["department_id", "date:month"])
    ]
