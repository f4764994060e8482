/** @odoo-module **/

import { registry } from "@web/core/registry";

// Texts shared with tests/test_checkin_tour.py, which checks them on the server.
const CHECKIN_BLOCKER = "Waiting for the test server";

// A step that waits for ``trigger``, and clicks it when ``click`` is set.
function step(content, trigger, click = false) {
    return click ? { content, trigger, run: "click" } : { content, trigger };
}

// Issue 26, item 2: at 390 px, as on a phone, the employee opens this week's check-in from My Coaching, moves her
// goal's progress, says how her workload is and how she feels, names what blocks her and sends it, in one screen.
registry.category("web_tour.tours").add("hr_performance_coaching_checkin_phone_tour", {
    steps: () => [
        step("My Coaching is shown", ".o_form_view h1:contains(My Coaching)"),
        step("Weekly Check-in is a visible button", ".o_form_view button[name='action_open_checkin']:visible", true),
        step("Her check-in of the week", ".o_form_view .o_field_widget[name='workload']"),
        step("Her goal is there, prefilled", ".o_field_widget[name='line_ids'] .o_data_row:contains(Lead the workshop)"),
        step("Open the goal's line", ".o_field_widget[name='line_ids'] .o_data_row td[name='progress']", true),
        {
            content: "Move its progress to 60",
            trigger: ".o_field_widget[name='line_ids'] .o_data_row .o_field_widget[name='progress'] input",
            run: "edit 60",
        },
        step("Workload: heavy", ".o_field_widget[name='workload'] span:contains(Heavy)", true),
        step("Feeling: good", ".o_field_widget[name='feeling'] span:contains(Good)", true),
        {
            content: "Name what blocks her",
            trigger: ".o_field_widget[name='blocker'] textarea",
            run: `edit ${CHECKIN_BLOCKER}`,
        },
        step(
            "Send to My Coach is a button in sight, under her answers",
            "div[name='phone_actions'] button[name='action_submit']:visible",
            true
        ),
        step("Sent: she can still correct it this week", "div[name='phone_actions'] button:visible:contains(Send Again)"),
    ],
});
