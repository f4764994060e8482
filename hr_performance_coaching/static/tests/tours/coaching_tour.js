/** @odoo-module **/

import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

// Texts shared with tests/test_tour.py, which checks them on the server.
const GOAL = "Lead the customer workshop on my own";
const REALITY = "I prepare well but lose the thread when questions come";
const OPTIONS = "Rehearse with Bob, or co-host the next workshop first";
const WILL = "Rehearse twice with Bob before the end of the month";
const COMMITMENT = "Rehearse the workshop with Bob";
const PRIVATE_NOTE = "Consider Alice for the team lead role next year";
const REVIEW_WILL = "Run the next workshop alone and ask two clients for feedback";

// The app opens on My Team for a manager, on My Coaching for an employee who coaches nobody.
const LANDING = {
    manager: {
        // Alice is listed while she needs a talk; once her next talk is planned, nobody needs one.
        content: "My Team opens the app: the report who needs a talk and the button to plan it",
        trigger:
            ".o_kanban_view .o_kanban_record:contains(Alice Report) button:contains(Plan Talk), .o_kanban_view .o_view_nocontent:contains(Nobody needs a talk right now)",
    },
    employee: {
        content: "My Coaching opens the app",
        trigger: ".o_form_view h1:contains(My Coaching)",
    },
};

function openCoachingApp(landing) {
    return [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the Coaching app",
            trigger: ".o_app[data-menu-xmlid='hr_performance_coaching.menu_coaching_root']",
            run: "click",
        },
        LANDING[landing],
        {
            content: "Open the sessions",
            trigger: ".o_menu_sections a[data-menu-xmlid='hr_performance_coaching.hr_coaching_session_menu']",
            run: "click",
        },
        {
            content: "The sessions kanban is shown",
            trigger: ".o_kanban_view .o_kanban_renderer",
        },
    ];
}

function openMyCoaching() {
    return [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the Coaching app",
            trigger: ".o_app[data-menu-xmlid='hr_performance_coaching.menu_coaching_root']",
            run: "click",
        },
        {
            content: "My Coaching is the employee's page",
            trigger: ".o_form_view h1:contains(My Coaching)",
        },
    ];
}

function fillHtml(fieldName, text) {
    const editable = `.o_field_html[name='${fieldName}'] .odoo-editor-editable`;
    return [
        {
            // Focusing the editable lets the editor create its first paragraph.
            content: `Focus the ${fieldName} section`,
            trigger: editable,
            run: "click",
        },
        {
            content: `Write the ${fieldName} section`,
            trigger: editable,
            run: `editor ${text}`,
        },
        {
            content: `The ${fieldName} section holds the text`,
            trigger: `${editable}:contains(${text})`,
        },
    ];
}

function closeSessionAndCheckDone() {
    return [
        ...stepUtils.saveForm(),
        {
            content: "Close the session",
            trigger: ".o_form_view .o_statusbar_buttons button[name='action_close']",
            run: "click",
        },
        {
            content: "Planned for later: it was held now",
            trigger: ".modal:contains(When was the talk held?) button[name='action_confirm']",
            run: "click",
        },
        {
            content: "The session is done",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current[data-value='done']",
        },
        {
            content: "The Close Session button is gone",
            trigger: ".o_form_view .o_form_statusbar:not(:has(button[name='action_close']))",
        },
        {
            content: "Back to the talk",
            trigger: ".o_notebook_headers a:contains(Talk)",
            run: "click",
        },
        {
            content: "The talk is read-only once closed",
            trigger: `.o_field_html[name='will']:not(:has(.odoo-editor-editable)):contains(${WILL})`,
        },
    ];
}

registry.category("web_tour.tours").add("hr_performance_coaching_session_tour", {
    url: "/odoo",
    steps: () => [
        ...openCoachingApp("manager"),
        {
            content: "Plan a new session",
            trigger: ".o-kanban-button-new",
            run: "click",
        },
        {
            content: "The default GROW template is proposed",
            trigger: ".o_field_widget[name='template_id'] input:value(GROW coaching talk)",
        },
        {
            content: "Choose the employee to coach",
            trigger: ".o_field_widget[name='employee_id'] input",
            run: "edit Alice",
        },
        {
            content: "Pick Alice Report",
            trigger: ".o-autocomplete--dropdown-menu .o-autocomplete--dropdown-item a:contains(Alice Report)",
            run: "click",
        },
        {
            content: "The coach defaults to Alice's manager",
            trigger: ".o_field_widget[name='coach_id'] input:value(Mark Manager)",
        },
        {
            content: "Use the template's questions as prompts",
            trigger: ".o_form_view .o_statusbar_buttons button[name='action_apply_template']",
            run: "click",
        },
        {
            content: "The template's Goal questions show beside the Goal section",
            trigger: ".o_field_widget[name='goal_questions']:contains(What is the goal you care about)",
        },
        {
            content: "The template's Reality questions show beside the Reality section",
            trigger: ".o_field_widget[name='reality_questions']:contains(most stuck)",
        },
        {
            content: "The template's Options questions show beside the Options section",
            trigger: ".o_field_widget[name='options_questions']:contains(What possible solutions)",
        },
        {
            content: "The template's Will questions show beside the Will section",
            trigger: ".o_field_widget[name='will_questions']:contains(Which step will you start with)",
        },
        ...fillHtml("goal", GOAL),
        ...fillHtml("reality", REALITY),
        ...fillHtml("options", OPTIONS),
        ...fillHtml("will", WILL),
        {
            content: "Add a commitment",
            trigger: "div[name='commitment_ids'] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: "Say what will be done",
            trigger: "div[name='commitment_ids'] .o_data_row .o_field_widget[name='name'] input",
            run: `edit ${COMMITMENT}`,
        },
        {
            content: "Give it a deadline in two months",
            trigger: "div[name='commitment_ids'] .o_data_row .o_field_widget[name='date_deadline'] input",
            run: `edit ${luxon.DateTime.now().plus({ days: 60 }).toFormat("MM/dd/yyyy")}`,
        },
        {
            content: "Leave the commitment line",
            trigger: ".o_form_view h4:contains(Commitments)",
            run: "click",
        },
        {
            content: "The commitment is listed",
            trigger: `div[name='commitment_ids'] .o_data_row:contains(${COMMITMENT})`,
        },
        {
            content: "Open the private note",
            trigger: ".o_notebook_headers a:contains(Private Note)",
            run: "click",
        },
        ...fillHtml("private_note", PRIVATE_NOTE),
        ...closeSessionAndCheckDone(),
        {
            content: "The commitment made in the session is kept",
            trigger: `div[name='commitment_ids'] .o_data_row:contains(${COMMITMENT})`,
        },
    ],
});

registry.category("web_tour.tours").add("hr_performance_coaching_employee_tour", {
    url: "/odoo",
    steps: () => [
        ...openCoachingApp("employee"),
        {
            content: "Open my closed session",
            trigger: ".o_kanban_group:has(.o_column_title:contains(Done)) .o_kanban_record",
            run: "click",
        },
        {
            content: "The talk is shown to the employee",
            trigger: `.o_form_view .o_field_html[name='goal']:contains(${GOAL})`,
        },
        {
            content: "The employee sees their commitment",
            trigger: `div[name='commitment_ids'] .o_data_row:contains(${COMMITMENT})`,
        },
        {
            content: "The employee's preparation and the agenda open the talk",
            trigger: ".o_notebook .tab-pane h4:contains(Employee Preparation)",
        },
        {
            content: "There is no Private Note tab",
            trigger: ".o_notebook_headers:not(:has(a:contains(Private Note)))",
        },
        {
            content: "The private note's text is nowhere on the page",
            trigger: `body:not(:contains(${PRIVATE_NOTE}))`,
        },
    ],
});

registry.category("web_tour.tours").add("hr_performance_coaching_review_tour", {
    url: "/odoo",
    steps: () => [
        ...openCoachingApp("manager"),
        {
            content: "Open the next planned session",
            trigger:
                ".o_kanban_group:has(.o_column_title:contains(Planned)) .o_kanban_record",
            run: "click",
        },
        {
            content: "The Review block lists the commitment of the last talk",
            trigger: `div[name='review'] .o_data_row:contains(${COMMITMENT})`,
        },
        {
            content: "Closing without an outcome is refused",
            trigger: ".o_form_view .o_statusbar_buttons button[name='action_close']",
            run: "click",
        },
        {
            content: "The manager is told which commitment needs an outcome",
            trigger: `.modal:contains(record an outcome):contains(${COMMITMENT})`,
        },
        {
            content: "Close the message",
            trigger: ".modal .modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "Edit the outcome of the commitment",
            trigger: `div[name='review'] .o_data_row:contains(${COMMITMENT}) td[name='outcome']`,
            run: "click",
        },
        {
            content: "It was kept",
            trigger: `div[name='review'] .o_data_row:contains(${COMMITMENT}) .o_field_widget[name='outcome'] select`,
            run: 'select "kept"',
        },
        ...fillHtml("will", REVIEW_WILL),
        ...stepUtils.saveForm(),
        {
            content: "The reviewed commitment shows its outcome",
            trigger: `div[name='review'] .o_data_row:contains(${COMMITMENT}) td[name='outcome']:contains(Kept)`,
        },
        {
            content: "Close the session",
            trigger: ".o_form_view .o_statusbar_buttons button[name='action_close']",
            run: "click",
        },
        {
            content: "Planned for later: it was held now",
            trigger: ".modal:contains(When was the talk held?) button[name='action_confirm']",
            run: "click",
        },
        {
            content: "The session is done",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current[data-value='done']",
        },
    ],
});

// Texts shared with tests/test_tour.py.
const TOPIC = "How do I get more time for the workshop";
const PREPARATION = "The last workshop went well, the questions were hard";

registry.category("web_tour.tours").add("hr_performance_coaching_my_coaching_tour", {
    url: "/odoo",
    steps: () => [
        ...openMyCoaching(),
        {
            content: "The next talk is shown",
            trigger: ".o_form_view .o_field_widget[name='next_session_id']:contains(Alice Report)",
        },
        {
            content: "Add a talking point",
            trigger: "div[name='next_topic_ids'] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: "Write the talking point",
            trigger: "div[name='next_topic_ids'] .o_data_row .o_field_widget[name='name'] input",
            run: `edit ${TOPIC}`,
        },
        ...fillHtml("next_prep", PREPARATION),
        ...stepUtils.saveForm(),
    ],
});

// A step that waits for ``trigger``, and clicks it when ``click`` is set.
function step(content, trigger, click = false) {
    return click ? { content, trigger, run: "click" } : { content, trigger };
}

registry.category("web_tour.tours").add("hr_performance_coaching_rate_tour", {
    url: "/odoo",
    steps: () => [
        ...openMyCoaching(),
        step("Open the past talks", ".o_notebook_headers a:contains(Past Talks)", true),
        step("Open the closed talk", "div[name='past_session_ids'] .o_data_row button[name='action_open_talk']", true),
        step("Rate it: very useful", ".o_field_widget[name='employee_rating'] label:contains(Very useful)", true),
        step("Very useful is chosen", ".o_field_widget[name='employee_rating'] input[data-value='4']:checked"),
        step(
            "Back to My Coaching, which saves the rating",
            ".o_breadcrumb .o_back_button a, .o_breadcrumb .breadcrumb-item:first-child a",
            true
        ),
        step("My Coaching is shown again", ".o_form_view h1:contains(My Coaching)"),
    ],
});

// At 390 px, as on a phone: plan a talk, write the agenda, use the questions as prompts, write the Will, close the
// talk; the talk's main buttons are in sight, not in the action menu.
const MOBILE_WILL = "Share the workshop slides with the team on Friday";
const MOBILE_TOPIC = "Feedback from the last workshop";
const MOBILE_QUESTION = "Which step will you start with";

registry.category("web_tour.tours").add("hr_performance_coaching_mobile_tour", {
    url: "/odoo/action-hr_performance_coaching.hr_coaching_session_action",
    steps: () => [
        {
            content: "Plan a new session",
            trigger: ".o-kanban-button-new:visible",
            run: "click",
        },
        {
            content: "Choose the employee to coach",
            trigger: ".o_field_widget[name='employee_id'] input",
            run: "click",
        },
        {
            content: "Pick Alice Report in the list a phone shows",
            trigger: ".modal .o_kanban_record:contains(Alice Report), .o-autocomplete--dropdown-item a:contains(Alice Report)",
            run: "click",
        },
        {
            content: "Alice is the employee",
            trigger: ".o_field_widget[name='employee_id']:contains(Alice Report), .o_field_widget[name='employee_id'] input:value(Alice Report)",
        },
        {
            content: "On a phone the agenda is a list of cards: add one",
            trigger: "div[name='topic_ids'] .o_x2m_control_panel .o_cp_buttons button",
            run: "click",
        },
        {
            content: "Write the talking point",
            trigger: ".modal .o_field_widget[name='name'] input",
            run: `edit ${MOBILE_TOPIC}`,
        },
        {
            content: "Keep the talking point",
            trigger: ".modal .modal-footer .o_form_button_save",
            run: "click",
        },
        {
            content: "The talking point is on the agenda",
            trigger: `div[name='topic_ids'] .o_kanban_record:contains(${MOBILE_TOPIC})`,
        },
        {
            content: "The questions are not shown yet",
            trigger: ".o_form_view:not(:has(.o_field_widget[name='will_questions']))",
        },
        {
            content: "Use the questions, from the button in sight on the talk",
            trigger: "div[name='phone_actions'] button[name='action_apply_template']:visible",
            run: "click",
        },
        {
            content: "The questions are shown beside the sections, each once, none in what is written",
            trigger: `.o_field_widget[name='will_questions']:contains(${MOBILE_QUESTION}):visible`,
            run() {
                const sheet = document.querySelector(".o_form_view .o_form_sheet");
                const shown = sheet.innerText.split(MOBILE_QUESTION).length - 1;
                if (shown !== 1) {
                    throw new Error(`"${MOBILE_QUESTION}" is shown ${shown} times on the talk`);
                }
                if (sheet.querySelector(".o_field_html[name='will']").innerText.includes(MOBILE_QUESTION)) {
                    throw new Error("The question is in the Will");
                }
            },
        },
        {
            content: "Hiding the questions is in sight too",
            trigger: "div[name='phone_actions'] button[name='action_hide_questions']:visible",
        },
        ...fillHtml("will", MOBILE_WILL),
        ...stepUtils.saveForm(),
        {
            content: "Close the session, from the button in sight on the talk",
            trigger: "div[name='phone_actions'] button[name='action_close']:visible",
            run: "click",
        },
        {
            content: "Planned for later: it was held now",
            trigger: ".modal:contains(When was the talk held?) button[name='action_confirm']",
            run: "click",
        },
        {
            content: "The session is done",
            trigger: ".o_form_view .o_statusbar_status button[data-value='done']:visible",
        },
        {
            content: "Back to the sessions",
            trigger: ".o_back_button:visible, .o_breadcrumb .breadcrumb-item a:visible",
            run: "click",
        },
        {
            content: "The sessions are shown again",
            trigger: ".o_kanban_view .o_kanban_record:contains(Alice Report)",
        },
    ],
});

// A coach creates a development goal in a talk's Goal section, then finds the talk on the goal's thread.
const GOAL_NAME = "Lead the customer workshop alone";

registry.category("web_tour.tours").add("hr_performance_coaching_goal_tour", {
    steps: () => [
        step("The planned talk is open", ".o_form_view .o_field_widget[name='goal_ids'] input"),
        {
            content: "Type the goal in the Goal section",
            trigger: ".o_field_widget[name='goal_ids'] input",
            run: `edit ${GOAL_NAME}`,
        },
        step(
            "Create it from the talk",
            `.o-autocomplete--dropdown-menu .o-autocomplete--dropdown-item a:contains(Create "${GOAL_NAME}")`,
            true
        ),
        step("The goal is a tag of the talk", `.o_field_widget[name='goal_ids'] .o_tag:contains(${GOAL_NAME})`),
        ...stepUtils.saveForm(),
        step("Open the goals", ".o_menu_sections a[data-menu-xmlid='hr_performance_coaching.hr_coaching_goal_menu']", true),
        step("Open the new goal", `.o_list_view .o_data_row td[name='name']:contains(${GOAL_NAME})`, true),
        step("The goal's thread lists the talk", ".o_form_view div[name='session_ids'] .o_data_row"),
        step(
            "with its coach",
            ".o_form_view div[name='session_ids'] .o_data_row .o_field_widget[name='coach_id']:contains(Mark Manager)"
        ),
    ],
});

// A new manager's first week: My Team shows the on-ramp; one click plans a first talk with the First talk template.
registry.category("web_tour.tours").add("hr_performance_coaching_first_week_tour", {
    url: "/odoo/action-hr_performance_coaching.hr_coaching_team_action",
    steps: () => [
        step("My Team shows the on-ramp", ".o_coaching_onramp h4:contains(Your first week as a coach)"),
        step("It says how coaching works here", ".o_coaching_onramp li:contains(Goal, Reality, Options and Will)"),
        step("Each report who needs a talk is there too", ".o_kanban_record:contains(Nora New)"),
        step(
            "Plan a first talk with Nora",
            ".o_coaching_onramp_report:contains(Nora New) button:contains(Plan a first talk)",
            true
        ),
        step(
            "The talk is planned with Nora",
            ".o_form_view .o_field_widget[name='employee_id']:contains(Nora New), .o_form_view .o_field_widget[name='employee_id'] input:value(Nora New)"
        ),
        step(
            "with the First talk template",
            ".o_form_view .o_field_widget[name='template_id']:contains(First talk), .o_form_view .o_field_widget[name='template_id'] input:value(First talk)"
        ),
        step(
            "Show its questions",
            ".o_form_view .o_statusbar_buttons button[name='action_apply_template']",
            true
        ),
        step("and its questions to ask", ".o_form_view .o_field_widget[name='goal_questions']:contains(Getting to know each other)"),
    ],
});

// At 390 px, the signals are cards with their reason; Plan on a card plans the talk that answers it.
registry.category("web_tour.tours").add("hr_performance_coaching_signals_mobile_tour", {
    url: "/odoo/action-hr_performance_coaching.hr_coaching_signal_action",
    steps: () => [
        step(
            "The signal is a card with its reason",
            ".o_kanban_view .o_kanban_record .o_coaching_signal_reason:contains(Promotion: Alice Report)"
        ),
        step(
            "Plan the talk from the card",
            ".o_kanban_record:contains(Promotion: Alice Report) button[name='action_plan_session']",
            true
        ),
        step(
            "The talk is about the signal: its reason at the top",
            ".o_form_view .o_field_widget[name='name'] input:value(Promotion: Alice Report), .o_form_view h1:contains(Promotion: Alice Report)"
        ),
    ],
});
