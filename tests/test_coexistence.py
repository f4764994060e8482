"""How the coexistence check attributes a failing test of the apps we extend (setup/coexistence.py)."""

import importlib.util

from .conftest import REPO

spec = importlib.util.spec_from_file_location("coexistence", REPO / "setup" / "coexistence.py")
coexistence = importlib.util.module_from_spec(spec)
spec.loader.exec_module(coexistence)

TOUR = "project/tests/test_project_ui.py::TestUi::test_01_project_tour"
FORM = "project/tests/test_project_tasks.py::TestProjectTasks::test_task_form"
CHART = "survey/tests/test_survey_ui_session.py::TestUiSession::test_admin_survey_session"


def test_attribute_names_each_verdict():
    verdicts = coexistence.attribute(
        only_with_us=[TOUR, FORM, CHART],
        failing_again={TOUR, FORM},
        failing_without_us={TOUR},
    )
    assert verdicts == {TOUR: "platform", FORM: "ours", CHART: "flaky"}


def test_attribute_a_test_that_passes_without_us_is_ours_even_if_nothing_else_failed():
    assert coexistence.attribute([FORM], {FORM}, set()) == {FORM: "ours"}


def test_attribute_nothing_failed():
    assert coexistence.attribute([], set(), set()) == {}


def test_key_is_the_same_whatever_folder_the_module_sits_in():
    assert coexistence.key(f"/somewhere/odoo/addons/{TOUR}") == TOUR
    assert coexistence.key(f"/elsewhere/site-packages/odoo/addons/{TOUR}") == TOUR
