"""The access matrix, generated from the security model (docs/security.md).

The tables of that page say, for every coaching model and field, who reads, creates, writes and deletes, and what a
closed talk freezes. This module reads them and, for every model, field, actor and operation, asserts their answer
as that actor, with the value shapes an RPC caller chooses ('45' and (45, 'x') are ids too; commands for the
x2many). A coaching model or field of any addon of the repository without a line there fails
``test_every_model_and_field_has_a_line`` until it is classified.
"""

import re
from datetime import date, datetime
from pathlib import Path

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import CoachingCase

SECURITY_MODEL = Path(__file__).resolve().parents[2] / "docs" / "security.md"
ACTORS = (
    "coachee",
    "coach",
    "manager",
    "designated",
    "officer",
    "hr",
    "colleague",
    "other_manager",
    "other_company",
    "portal",
)
MACROS = {
    "coach-side": {"coach", "manager", "designated", "officer"},
    # A manager of another branch is, to the coachee, a colleague; "author" is the colleague who wrote the record.
    "colleague": {"colleague", "other_manager"},
    "author": {"colleague"},
}
SPECIAL = {"readers", "nobody", "actions", "computed"}
GUARD = "hr.coaching.scope.mixin"


class Rollback(Exception):
    """Raised to roll back a savepoint after an operation that was allowed."""


def actors_of(cell, readers=frozenset()):
    """The actor codes of a table cell: 'coachee, coach-side (while planned)' -> {'coachee', 'coach', ...}."""
    words = re.split(r"[;:(]", cell.strip().strip("`"), maxsplit=1)[0]
    found = set()
    for token in filter(None, (word.strip().strip("`") for word in words.split(","))):
        if token in MACROS:
            found |= MACROS[token]
        elif token == "readers":
            found |= set(readers)
        elif token in ACTORS:
            found.add(token)
        elif token in SPECIAL:
            found.add(token)
        else:
            raise AssertionError(f"docs/security.md: unknown actor {token!r} in {cell!r}")
    return found


def parse_security_model(text):
    """{model: {"records": {operation: actors}, "fields": {field: {"read", "write", "done"}}}} from the page."""
    model, models, kind = None, {}, None
    for line in text.splitlines():
        if line.startswith("#"):
            # "`hr.coaching.goal` [team]": the lines of one kind of the model's records, a variant of its own.
            variant = re.match(r"#+ `([\w.]+)` \[(\w+)\]", line)
            names = [f"{variant[1]}[{variant[2]}]"] if variant else re.findall(r"`([\w.]+)`", line)
            model = [name for name in names if "." in name] or None
            for name in model or ():
                models.setdefault(name, {"records": {}, "fields": {}, "section": tuple(model)})
            continue
        if not model or not line.startswith("|") or set(line) <= set("|- "):
            continue
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if cells[0] in ("records", "fields"):
            kind = cells[0]
            continue
        for name in model:
            entry = models[name]
            if kind == "records":
                entry["records"][cells[0]] = actors_of(cells[1])
            elif kind == "fields":
                for fname in re.findall(r"`(\w+)`", cells[0]):
                    entry["fields"][fname] = {
                        "read": cells[1],
                        "write": cells[2],
                        "done": cells[3].split(":")[0].strip() if len(cells) > 3 else "open",
                    }
    for entry in models.values():
        readers = entry["records"].get("read", set())
        for spec in entry["fields"].values():
            spec["read"] = actors_of(spec["read"], readers)
            spec["write"] = actors_of(spec["write"], readers)
    return models


def model_of(name):
    """The model of a table: 'hr.coaching.goal[team]' (the lines of a variant of its records) -> 'hr.coaching.goal'."""
    return name.split("[")[0]


TABLE = parse_security_model(SECURITY_MODEL.read_text())
# The coaching models, whose records the matrix reads and writes as each actor. The other sections of the page give
# the lines of the fields our addons add to other apps' models: the matrix checks that they cover those fields.
COACHING = {name: spec for name, spec in TABLE.items() if spec["records"]}


@tagged("post_install", "-at_install")
class TestAccessMatrix(CoachingCase):
    """One world with an actor of each kind around Alice, and each coaching record of hers in each state."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.coaching_amend_days = 0
        Employee = cls.env["hr.employee"]
        user_dan = new_test_user(cls.env, login="matrix_dan", groups="base.group_user", name="Dan Designated")
        cls.dan = Employee.create({"name": "Dan Designated", "user_id": user_dan.id})
        cls.alice.coach_id = cls.dan
        user_harry = new_test_user(cls.env, login="matrix_harry", groups="base.group_user,hr.group_hr_user")
        Employee.create({"name": "Harry HR", "user_id": user_harry.id})
        user_oscar = new_test_user(
            cls.env,
            login="matrix_oscar",
            groups="base.group_user",
            company_id=cls.other_company.id,
            company_ids=[Command.set(cls.other_company.ids)],
        )
        cls.oscar = Employee.create(
            {"name": "Oscar Other", "user_id": user_oscar.id, "company_id": cls.other_company.id}
        )
        user_pat = new_test_user(cls.env, login="matrix_pat", groups="base.group_portal")
        # A manager of another branch: below the director like Mark, with a report of his own.
        user_nick = new_test_user(cls.env, login="matrix_nick", groups="base.group_user", name="Nick Other Branch")
        nick = Employee.create({"name": "Nick Other Branch", "user_id": user_nick.id, "parent_id": cls.director.id})
        Employee.create({"name": "Nora Report", "parent_id": nick.id})
        cls.users = {
            "coachee": cls.user_alice,
            "coach": cls.user_manager,
            "manager": cls.user_director,
            "designated": user_dan,
            "officer": cls.user_officer,
            "hr": user_harry,
            "colleague": cls.user_bob,
            "other_manager": user_nick,
            "other_company": user_oscar,
            "portal": user_pat,
        }
        # Alice's records: a planned talk and a done one with Mark, each with its note, a commitment and points.
        cls.planned = cls._session(cls.alice, coach_id=cls.manager.id, private_note="<p>Planned note</p>")
        cls.done = cls._session(
            cls.alice, when=datetime(2026, 2, 2, 9, 0), coach_id=cls.manager.id, private_note="<p>Done note</p>"
        )
        # Alice's own private notes, written while the talks were planned; and a planned talk without one.
        EmployeeNote = cls.env["hr.coaching.session.employee.note"].with_user(cls.user_alice)
        cls.employee_notes = EmployeeNote.create(
            [
                {"session_id": cls.planned.id, "note": "<p>Ask about the team lead role</p>"},
                {"session_id": cls.done.id, "note": "<p>Stay calm</p>"},
            ]
        )
        cls.bare = cls._session(cls.alice, when=datetime(2026, 3, 16, 9, 0), coach_id=cls.manager.id)
        cls.done_commitment = cls.Commitment.create(
            {"session_id": cls.done.id, "name": "Done step", "date_deadline": date(2026, 2, 20)}
        )
        cls.done_topic = cls.env["hr.coaching.topic"].create({"session_id": cls.done.id, "name": "Done point"})
        cls.done.write({"will": "<p>Will</p>", "summary": "<p>Summary</p>"})
        cls.done.action_done()
        cls.open_commitment = cls.Commitment.create(
            {"session_id": cls.planned.id, "name": "Open step", "date_deadline": date(2026, 3, 20)}
        )
        cls.alice_topic = (
            cls.env["hr.coaching.topic"]
            .with_user(cls.user_alice)
            .create({"session_id": cls.planned.id, "name": "Alice's point"})
        )
        cls.goal = cls.env["hr.coaching.goal"].create(
            {"employee_id": cls.alice.id, "name": "Estimate well", "session_ids": [Command.link(cls.planned.id)]}
        )
        cls.signal = cls.env["hr.coaching.signal"].create({"employee_id": cls.alice.id, "name": "Watch"})
        # Alice's check-in of this week, sent (issue 26): the coach side reads it, she still corrects it.
        cls.company.coaching_checkin = True
        cls.checkin = cls.env["hr.coaching.checkin"].with_user(cls.user_alice).create({})
        cls.checkin.write({"workload": "3", "feeling": "4"})
        cls.checkin.action_submit()
        cls.template = cls.env["hr.coaching.template"].create({"name": "Matrix", "company_id": cls.company.id})
        cls.question = cls.env["hr.coaching.template.question"].create(
            {"template_id": cls.template.id, "stage": "goal", "name": "What would success look like?"}
        )
        cls.rule = cls.env["hr.coaching.cadence"].create(
            {
                "name": "Matrix rule",
                "company_id": cls.company.id,
                "employee_ids": [Command.link(cls.alice.id)],
                "interval_number": 1,
                "interval_type": "months",
            }
        )
        # Records out of every actor's reach but the other company's: the targets of the link shapes.
        other_coach = Employee.create({"name": "Otto Coach", "company_id": cls.other_company.id})
        cls.oscar.parent_id = other_coach
        Session = cls.Session.with_company(cls.other_company)
        cls.far_session = Session.create({"employee_id": cls.oscar.id, "date_scheduled": datetime(2026, 3, 3, 9, 0)})
        cls.far = {
            "hr.employee": cls.oscar,
            "hr.coaching.session": cls.far_session,
            "hr.coaching.commitment": cls.Commitment.create(
                {"session_id": cls.far_session.id, "name": "Far step", "date_deadline": date(2026, 4, 1)}
            ),
            "hr.coaching.goal": cls.env["hr.coaching.goal"].create({"employee_id": cls.oscar.id, "name": "Far goal"}),
            "hr.coaching.template": cls.env["hr.coaching.template"].create(
                {"name": "Far", "company_id": cls.other_company.id}
            ),
            "hr.department": cls.env["hr.department"].create({"name": "Far", "company_id": cls.other_company.id}),
            "res.company": cls.other_company,
        }
        # Issue 26: a colleague's feedback to Alice, shared with her coach; a verdict marker.
        cls.feedback = (
            cls.env["hr.coaching.feedback"]
            .with_user(cls.user_bob)
            .create({"employee_id": cls.alice.id, "body": "What helped you most?", "share_with_coach": True})
        )
        cls.marker = cls.env["hr.coaching.verdict.marker"].create({"name": "matrix verdict", "lang": "en_US"})
        cls.records = {
            "hr.coaching.feedback": cls.feedback,
            "hr.coaching.verdict.marker": cls.marker,
            "hr.coaching.session": cls.planned | cls.done,
            "hr.coaching.session.note": cls.planned.note_ids | cls.done.note_ids,
            "hr.coaching.session.employee.note": cls.employee_notes,
            "hr.coaching.commitment": cls.open_commitment | cls.done_commitment,
            "hr.coaching.topic": cls.alice_topic | cls.done_topic,
            "hr.coaching.goal": cls.goal,
            "hr.coaching.signal": cls.signal,
            "hr.coaching.cadence": cls.rule,
            "hr.coaching.template": cls.template,
            "hr.coaching.template.question": cls.question,
            "hr.coaching.checkin": cls.checkin.with_env(cls.env),
            "hr.coaching.checkin.line": cls.checkin.line_ids.with_env(cls.env),
        }
        # The goal library (issue 25, item 3).
        cls.goal_template = cls.env["hr.coaching.goal.template"].create(
            {"name": "Matrix goal", "company_id": cls.company.id, "line_ids": [Command.create({"name": "Step"})]}
        )
        cls.records["hr.coaching.goal.template"] = cls.goal_template
        # Aligned goals (issue 25, item 1): a team goal of the department Mark manages, and a company goal (each
        # with its own progress: nothing aligned to it).
        cls.team = cls.env["hr.department"].create({"name": "Matrix Team", "manager_id": cls.manager.id})
        cls.records["hr.coaching.goal[company]"] = cls.env["hr.coaching.goal"].create(
            {"name": "Matrix company goal", "goal_type": "company"}
        )
        cls.records["hr.coaching.goal[team]"] = cls.env["hr.coaching.goal"].create(
            {"name": "Matrix team goal", "goal_type": "team", "department_id": cls.team.id}
        )
        cls.records["hr.coaching.goal.template.line"] = cls.goal_template.line_ids

    # ------------------------------------------------------------------ helpers

    def attempt(self, actor, operation):
        """Run ``operation(user)`` as ``actor`` in a savepoint that is always rolled back; return the refusal, or
        None when it was allowed."""
        refusal = None
        try:
            with self.env.cr.savepoint():
                operation(self.users[actor])
                self.env.flush_all()
                raise Rollback
        except Rollback:
            refusal = None
        except (AccessError, UserError) as error:
            refusal = error
        self.env.invalidate_all()
        return refusal

    def expect(self, allowed, actor, operation, what):
        refusal = self.attempt(actor, operation)
        if allowed:
            self.assertIsNone(refusal, f"{what}: {actor} should be allowed, was refused: {refusal}")
        else:
            self.assertIsNotNone(refusal, f"{what}: {actor} should be refused, was allowed")

    def expect_write(self, record, fname, value, allowed, when):
        """Each actor writes ``value`` on ``record``'s ``fname``: allowed to the ``allowed`` actors only."""
        for actor in ACTORS:
            self.expect(
                actor in allowed,
                actor,
                lambda user: record.with_user(user).write({fname: value}),
                f"write {record._name}.{fname}={value!r}{when}",
            )

    @staticmethod
    def _ours(field):
        return any(module.startswith("hr_performance_coaching") for module in field._modules or ())

    def _subject(self, model):
        """The record of ``model`` that writes are tried on: of the planned talk where there is one."""
        return self.records[model][:1]

    def _sample(self, record, fname):
        """A value of ``fname`` that is valid for ``record``: what an allowed actor writes."""
        field = record._fields[fname]
        samples = {
            "employee_rating": False,
            "progress": 40,
            "interval_number": 2,
            "reminder_days": 3,
            "grace_days": 4,
            "duration": 1.5,
            "sequence": 7,
            "side": "coach",
            "signal_type": "rating_drop",
            "trigger_type": "ad_hoc",
            "outcome": "kept",
            "state": "done",
            "stage": "reality",
            "interval_type": "weeks",
            "key_event_type": "promotion",
            "review_session_id": self.planned.id,
            "renewed_from_id": self.done_commitment.id,
            "goal_id": self.goal.id,
            "goal_ids": [Command.set(self.goal.ids)],
            "session_ids": [Command.set(self.planned.ids)],
            "employee_ids": [Command.set(self.alice.ids)],
            "date_scheduled": datetime(2026, 3, 4, 9, 0),
            "goal_type": "personal",
            "priority": "1",
        }
        if fname in samples:
            return samples[fname]
        if field.type in ("char", "text"):
            return "Matrix text"
        if field.type == "html":
            return "<p>Matrix text</p>"
        if field.type == "boolean":
            return not record[fname]
        if field.type == "date":
            return date(2026, 5, 1)
        if field.type == "datetime":
            return datetime(2026, 5, 1, 9, 0)
        if field.type == "selection":
            values = [key for key, _label in field._description_selection(self.env)]
            return next(value for value in values if value != record[fname])
        if field.type == "many2one":
            return record[fname].id
        if field.type in ("one2many", "many2many"):
            return []
        if field.type == "integer":
            return 1
        if field.type in ("float", "monetary"):
            return 1.0
        raise AssertionError(f"no sample for {record._name}.{fname} ({field.type})")

    # ------------------------------------------------------------------ the table covers everything

    def test_every_model_and_field_has_a_line(self):
        """Every coaching model has its tables and inherits the guard; every field that one of our addons adds, to a
        coaching model or to another app's, has its line; every other coaching model (abstract, wizard) is named."""
        registry = self.env.registry
        coaching = {
            name
            for name, model in registry.items()
            if name.startswith("hr.coaching.") and not model._abstract and not model._transient and model._auto
        }
        missing_models = sorted(coaching - set(COACHING))
        self.assertFalse(missing_models, f"coaching models without their tables in docs/security.md: {missing_models}")
        extended = {
            name
            for name, model in registry.items()
            if not name.startswith("hr.coaching.")
            and not model._abstract
            and any(self._ours(field) and not field.automatic for field in model._fields.values())
        }
        missing_models = sorted(extended - set(TABLE))
        self.assertFalse(missing_models, f"models our addons add fields to, without a table: {missing_models}")
        text = SECURITY_MODEL.read_text()
        unnamed = sorted(name for name in registry if name.startswith("hr.coaching.") and f"`{name}`" not in text)
        self.assertFalse(unnamed, f"coaching models docs/security.md does not name: {unnamed}")
        for name in sorted(TABLE):
            if name != model_of(name):
                continue  # a variant's lines: its model's own table lists every field
            model = self.env[name]
            if name in COACHING:
                self.assertIn(GUARD, self._ancestors(name), f"{name} does not inherit the guard {GUARD}")
            unlisted = sorted(
                fname
                for fname, field in model._fields.items()
                if self._ours(field) and fname not in TABLE[name]["fields"] and not field.automatic
            )
            self.assertFalse(unlisted, f"{name}: fields without a line in docs/security.md: {unlisted}")
            # A section may hold several models (res.company and res.config.settings): a line is some model's.
            known = {fname for section_model in TABLE[name]["section"] for fname in self.env[section_model]._fields}
            gone = sorted(set(TABLE[name]["fields"]) - known)
            self.assertFalse(gone, f"{name}: docs/security.md lists fields the model does not have: {gone}")
        # Wizards write through the models above; they inherit the guard too.
        for name, model in registry.items():
            if name.startswith("hr.coaching.") and model._transient:
                self.assertIn(GUARD, self._ancestors(name), f"{name} does not inherit the guard {GUARD}")

    def _ancestors(self, name):
        """The _name of every class the model is built from: its own and all it inherits."""
        return {getattr(cls, "_name", None) for cls in type(self.env[name]).__mro__}

    # ------------------------------------------------------------------ read, search, name_search, read_group

    def test_read(self):
        for name, spec in COACHING.items():
            records = self.records[name]
            readers = spec["records"]["read"]
            for actor in ACTORS:
                with self.subTest(model=name, actor=actor):
                    Model = self.env[model_of(name)].with_user(self.users[actor])
                    if not Model.has_access("read"):
                        self.assertNotIn(actor, readers, f"{name}: {actor} has no access right to read")
                        continue
                    found = Model.search([("id", "in", records.ids)])
                    expected = set(records.ids) if actor in readers else set()
                    self.assertEqual(set(found.ids), expected, f"{name} search as {actor}")
                    groups = Model.read_group([("id", "in", records.ids)], ["id:count"], [])
                    self.assertEqual(groups[0]["__count"], len(expected), f"{name} read_group as {actor}")
                    term = records[:1][Model._rec_name] if Model._rec_name else False
                    if isinstance(term, str) and term:
                        names = dict(Model.name_search(term, limit=1000))
                        self.assertEqual(records[:1].id in names, actor in readers, f"{name} name_search as {actor}")

    def test_restricted_fields_are_read_and_searched_by_their_readers_only(self):
        for name, spec in COACHING.items():
            readers = spec["records"]["read"]
            for fname, field_spec in spec["fields"].items():
                if field_spec["read"] >= readers:
                    continue
                record = self._subject(name)
                shown = bool(record[fname])
                for actor in sorted(readers):
                    with self.subTest(model=name, field=fname, actor=actor):
                        as_actor = record.with_user(self.users[actor])
                        try:
                            value = as_actor.read([fname])[0][fname]
                        except AccessError:  # a field of some groups only: not read
                            value = None
                        if actor not in field_spec["read"]:
                            self.assertFalse(value, f"{name}.{fname} read by {actor}")
                            if record._fields[fname].search or record._fields[fname].store:
                                try:
                                    found = as_actor.search([("id", "=", record.id), (fname, "!=", False)])
                                except AccessError:
                                    found = None
                                self.assertFalse(found, f"{name}.{fname} searched by {actor}")
                        elif shown:
                            self.assertTrue(value, f"{name}.{fname} not read by {actor}")
                        self.env.invalidate_all()

    # ------------------------------------------------------------------ write, each field, each actor

    def test_write_each_field(self):
        for name, spec in COACHING.items():
            writers = spec["records"]["write"]
            record = self._subject(name)
            for fname, field_spec in spec["fields"].items():
                if field_spec["write"] & {"computed"}:
                    continue
                value = self._sample(record, fname)
                self.expect_write(record, fname, value, field_spec["write"] & writers - SPECIAL, "")

    def test_actions_and_computed_fields_are_refused_whatever_the_context(self):
        """A plain write of a field the actions set, or of a computed or related one (written through, a related field
        would change its source as superuser), is refused to everyone, whatever the context."""
        contexts = ({}, {"coaching_closing": True, "tracking_disable": True}, {"install_mode": True})
        for name, spec in COACHING.items():
            record = self._subject(name)
            for fname, field_spec in spec["fields"].items():
                if not field_spec["write"] & {"actions", "computed"}:
                    continue
                value = self._sample(record, fname)
                for actor in ACTORS:
                    for context in contexts:
                        self.expect(
                            False,
                            actor,
                            lambda user, r=record, f=fname, v=value, c=context: r.with_user(user)
                            .with_context(**c)
                            .write({f: v}),
                            f"write {name}.{fname} (actions only or computed) with {context}",
                        )

    def test_a_closed_talk_freezes_what_the_table_freezes(self):
        done = {
            "hr.coaching.session": self.done,
            "hr.coaching.session.note": self.done.note_ids,
            "hr.coaching.session.employee.note": self.employee_notes.filtered(lambda n: n.session_id == self.done),
            "hr.coaching.commitment": self.done_commitment,
            "hr.coaching.topic": self.done_topic,
        }
        for name, record in done.items():
            writers = TABLE[name]["records"]["write"]
            for fname, field_spec in TABLE[name]["fields"].items():
                if field_spec["write"] & {"computed", "actions"}:
                    continue
                allowed = field_spec["write"] & writers - SPECIAL if field_spec["done"] == "open" else set()
                value = "4" if fname == "employee_rating" else self._sample(record, fname)
                self.expect_write(record, fname, value, allowed, " once the talk is done")

    def test_links_out_of_reach_are_refused_in_every_shape(self):
        for name, spec in COACHING.items():
            record = self._subject(name)
            for fname, field_spec in spec["fields"].items():
                field = record._fields[fname]
                if field.type not in ("many2one", "many2many") or field_spec["write"] & {"computed", "actions"}:
                    continue
                far = self.far.get(field.comodel_name)
                if not far:
                    continue
                if field.type == "many2one":
                    shapes = [far.id, str(far.id), (far.id, "x")]
                else:
                    shapes = [[Command.link(far.id)], [Command.set([far.id])], [(4, str(far.id))], [far.id]]
                for actor in ACTORS:
                    for shape in shapes:
                        self.expect(
                            False,
                            actor,
                            lambda user, r=record, f=fname, v=shape: r.with_user(user).write({f: v}),
                            f"write {name}.{fname}={shape!r} (out of reach)",
                        )

    # ------------------------------------------------------------------ create and delete

    def _create_values(self, name):
        return {
            "hr.coaching.session": {"employee_id": self.alice.id, "date_scheduled": datetime(2026, 3, 9, 9, 0)},
            "hr.coaching.session.note": None,
            "hr.coaching.session.employee.note": {"session_id": self.bare.id, "note": "<p>Mine</p>"},
            "hr.coaching.commitment": {"session_id": self.planned.id, "name": "New", "date_deadline": date(2026, 4, 1)},
            "hr.coaching.topic": {"session_id": self.planned.id, "name": "New point"},
            "hr.coaching.goal": {"employee_id": self.alice.id, "name": "New goal"},
            "hr.coaching.signal": {"employee_id": self.alice.id, "name": "New", "signal_type": "key_event"},
            "hr.coaching.cadence": {"name": "New", "interval_number": 1, "interval_type": "months"},
            "hr.coaching.template": {"name": "New"},
            "hr.coaching.template.question": {"template_id": self.template.id, "stage": "will", "name": "Next?"},
            # One check-in a week, her own: created in test_checkin.py; its lines come with it.
            "hr.coaching.checkin": None,
            "hr.coaching.checkin.line": None,
            "hr.coaching.feedback": {"employee_id": self.alice.id, "body": "What would you try next?"},
            "hr.coaching.verdict.marker": {"name": "matrix new", "lang": "en_US"},
            "hr.coaching.goal[team]": {"name": "New team goal", "goal_type": "team", "department_id": self.team.id},
            "hr.coaching.goal[company]": {"name": "New company goal", "goal_type": "company"},
            "hr.coaching.goal.template": {"name": "New template"},
            "hr.coaching.goal.template.line": {"template_id": self.goal_template.id, "name": "New step"},
        }[name]

    def test_create(self):
        for name, spec in COACHING.items():
            values = self._create_values(name)
            if values is None:
                continue  # a private note is created through its talk's private_note (test_write_each_field)
            for actor in ACTORS:
                self.expect(
                    actor in spec["records"]["create"],
                    actor,
                    lambda user, n=name, v=values: self.env[model_of(n)].with_user(user).create(dict(v)),
                    f"create {name}",
                )

    def test_delete(self):
        for name, spec in COACHING.items():
            for record in self.records[name]:
                closed = (record._fields.get("session_id") and record.session_id.state == "done") or (
                    record._name == "hr.coaching.session" and record.state == "done"
                )
                for actor in ACTORS:
                    self.expect(
                        actor in spec["records"]["delete"] and not closed,
                        actor,
                        lambda user, r=record: r.with_user(user).unlink(),
                        f"delete {name} {'of a closed talk' if closed else ''}",
                    )
