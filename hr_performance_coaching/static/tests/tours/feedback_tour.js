/** @odoo-module **/

import { registry } from "@web/core/registry";

// Texts shared with tests/test_feedback_tour.py, which checks them on the server.
const VERDICT = "Your project is moving too slowly.";
const QUESTION = "Looking back at these two weeks, where do you think you got most stuck?";

// From My Team, a manager gives Alice feedback: the composer shows the questions to ask, reads the verdict and
// offers a question; the manager takes it and sends it. The same steps on a desktop and at 390 px.
registry.category("web_tour.tours").add("hr_performance_coaching_feedback_tour", {
    url: "/odoo/action-hr_performance_coaching.hr_coaching_team_action",
    steps: () => [
        {
            content: "Give Alice feedback from her card on My Team",
            trigger: ".o_kanban_record:contains(Alice Report) button.o_coaching_give_feedback:visible",
            run: "click",
        },
        {
            content: "The composer shows the questions to ask",
            trigger: ".modal .o_field_widget[name='ask_prompts']:contains(Where do you think you are most stuck):visible",
        },
        {
            content: "Write a verdict",
            trigger: ".modal .o_field_widget[name='body'] textarea",
            run: `edit ${VERDICT}`,
        },
        {
            content: "Leave the text",
            trigger: ".modal .o_field_widget[name='kind']",
            run: "click",
        },
        {
            content: "The composer reads a verdict and offers a question instead",
            trigger: `.modal .o_coaching_feedback_verdict:visible:contains(${QUESTION})`,
        },
        {
            content: "Ask this instead",
            trigger: ".modal .o_field_widget[name='use_question'] input:visible",
            run: "click",
        },
        {
            content: "The question replaced the verdict, and it is a question",
            trigger: ".modal .o_field_widget[name='kind'] input[data-value='question']:checked",
            run() {
                const value = document.querySelector(".modal .o_field_widget[name='body'] textarea").value;
                if (value !== QUESTION) {
                    throw new Error(`The text is "${value}"`);
                }
            },
        },
        {
            content: "It is no longer a verdict",
            trigger: ".modal:not(:has(.o_coaching_feedback_verdict:visible))",
        },
        {
            content: "Send it, the button in sight",
            trigger: ".modal .o_coaching_feedback_send:visible",
            run: "click",
        },
        {
            content: "The composer is closed, back on My Team",
            trigger: "body:not(:has(.modal .o_coaching_feedback_form)) .o_kanban_record:contains(Alice Report)",
        },
    ],
});
