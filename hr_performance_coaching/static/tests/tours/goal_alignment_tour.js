/** @odoo-module **/

import { registry } from "@web/core/registry";

// Issue 25, items 1 and 2: in a planned talk the coach reads where the goal leads and re-prioritises it.
// Texts shared with tests/test_goal_alignment_tour.py, which checks the result on the server.
const PATH = "Ship v2 onboarding → Cut churn in SMB";
const TARGET = "Live for 20 clients";
const REASON = "The launch moved to June";

registry.category("web_tour.tours").add("hr_performance_coaching_goal_alignment_tour", {
    steps: () => [
        {
            content: "The talk's Goal section shows the goal with the goals above it",
            trigger: `.o_form_view .o_field_widget[name='goal_alignment_ids'] .o_data_row:contains(${PATH})`,
        },
        {
            content: "up to the company's goal",
            trigger: ".o_form_view .o_field_widget[name='goal_alignment_ids'] .o_data_row:contains(Grow ARR)",
        },
        {
            content: "Re-prioritise the goal",
            trigger: ".o_form_view .o_field_widget[name='goal_alignment_ids'] button[name='action_coaching_reprioritize']",
            run: "click",
        },
        {
            content: "The dialog names the talk it is agreed in",
            trigger: ".modal .o_field_widget[name='session_id']:contains(Alice Report)",
        },
        {
            content: "Set the new target",
            trigger: ".modal .o_field_widget[name='target'] input",
            run: `edit ${TARGET}`,
        },
        {
            content: "Say why",
            trigger: ".modal .o_field_widget[name='reason'] textarea",
            run: `edit ${REASON}`,
        },
        {
            content: "Record the change",
            trigger: ".modal button[name='action_confirm']",
            run: "click",
        },
        {
            content: "The dialog closes on the talk",
            trigger: "body:not(:has(.modal)) .o_form_view .o_field_widget[name='goal_alignment_ids'] .o_data_row",
        },
    ],
});
