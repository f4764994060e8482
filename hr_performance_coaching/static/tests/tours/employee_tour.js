/** @odoo-module **/

import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

// Texts shared with tests/test_tour.py, which checks them on the server.
const PHONE_TOPIC = "Time for the workshop next month";
const PHONE_PREPARATION = "The slides are late because of the release";
const PHONE_REASON = "I would like to talk about the release";
const COACH_TOPIC = "Your quarter";
const LONG_COMMITMENT = "Ask two customers for written feedback on the workshop before the end of the quarter";
const PAST_WILL = "Block two hours a week for the workshop";

// A step that waits for ``trigger``, and clicks it when ``click`` is set.
function step(content, trigger, click = false) {
    return click ? { content, trigger, run: "click" } : { content, trigger };
}

// Issue 22: at 390 px, as on a phone, the employee prepares her next talk in My Coaching while her coach's point
// is on the agenda, saves, finds her point there, and asks for a talk from a visible button.
registry.category("web_tour.tours").add("hr_performance_coaching_employee_phone_tour", {
    steps: () => [
        step("My Coaching is shown", ".o_form_view h1:contains(My Coaching)"),
        step(
            "The coach's point is on the agenda, as a card",
            `div[name='next_topic_ids'] .o_kanban_record:contains(${COACH_TOPIC})`
        ),
        step(
            "Add a talking point",
            "div[name='next_topic_ids'] .o_x2m_control_panel .o_cp_buttons button:visible",
            true
        ),
        {
            content: "Write the talking point",
            trigger: ".modal .o_field_widget[name='name'] input",
            run: `edit ${PHONE_TOPIC}`,
        },
        step("Keep the talking point", ".modal .modal-footer .o_form_button_save", true),
        step(
            "The point is on the agenda",
            `div[name='next_topic_ids'] .o_kanban_record:contains(${PHONE_TOPIC})`
        ),
        step("Focus the preparation", ".o_field_html[name='next_prep'] .odoo-editor-editable", true),
        {
            content: "Write the preparation",
            trigger: ".o_field_html[name='next_prep'] .odoo-editor-editable",
            run: `editor ${PHONE_PREPARATION}`,
        },
        step(
            "The preparation holds the text",
            `.o_field_html[name='next_prep'] .odoo-editor-editable:contains(${PHONE_PREPARATION})`
        ),
        ...stepUtils.saveForm(),
        step(
            "Saved, her point is still on the agenda",
            `.o_form_view:not(:has(.o_form_status_indicator_buttons:not(.invisible))) div[name='next_topic_ids'] .o_kanban_record:contains(${PHONE_TOPIC})`
        ),
        step(
            "The coach's point too",
            `div[name='next_topic_ids'] .o_kanban_record:contains(${COACH_TOPIC})`
        ),
        step(
            "Ask for a Talk is a visible button",
            ".o_form_view button[name='action_ask_for_talk']:visible",
            true
        ),
        {
            content: "Say why",
            trigger: ".modal .o_field_widget[name='reason'] textarea",
            run: `edit ${PHONE_REASON}`,
        },
        step("Send the request", ".modal .modal-footer button[name='action_confirm']", true),
        step("The request is sent", "body:not(:has(.modal))"),
        step("Open the commitments", ".o_notebook_headers a:contains(Commitments)", true),
        step(
            "Her commitment is a card with its whole text",
            `div[name='commitment_ids'] .o_kanban_record .text-wrap:contains(${LONG_COMMITMENT})`
        ),
        step("Open the past talks", ".o_notebook_headers a:contains(Past Talks)", true),
        step(
            "Tap the closed talk's card",
            "div[name='past_session_ids'] .o_kanban_record .fw-bold",
            true
        ),
        step(
            "The review dialog shows the recap, read-only",
            `.modal .o_field_html[name='will']:not(:has(.odoo-editor-editable)):contains(${PAST_WILL})`
        ),
        step(
            "It has no button to delete or remove the talk",
            ".modal .modal-footer:not(:has(.o_btn_remove)):not(:has(button:contains(Remove))):not(:has(button:contains(Delete)))"
        ),
        step("Rate it: very useful", ".modal .o_field_widget[name='employee_rating'] label:contains(Very useful)", true),
        step("Keep the rating", ".modal .modal-footer .o_form_button_save", true),
        step("The dialog is closed", "body:not(:has(.modal))"),
        step("The card shows her rating", "div[name='past_session_ids'] .o_kanban_record:contains(Very useful)"),
    ],
});
