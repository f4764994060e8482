import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("hr_performance_coaching_survey_mobile_tour", {
    steps: () => [
        {
            content: "On a phone, Ask for Feedback is in sight on the talk's form",
            trigger: ".o_form_sheet button[name='action_ask_feedback']:visible",
            run: "click",
        },
        {
            content: "The request opens, for this talk",
            trigger: ".modal .modal-title:contains(Ask for Feedback)",
        },
        {
            content: "The deadline is proposed",
            trigger: ".modal .o_field_widget[name='deadline'] input:not(:value(''))",
        },
        {
            content: "Choose a colleague",
            trigger: ".modal .o_field_widget[name='colleague_ids'] input",
            run: "click",
        },
        {
            content: "Pick Bob Report in the list a phone shows",
            trigger: ".modal:not(.o_inactive_modal) .o_kanban_record:contains(Bob Report)",
            run: "click",
        },
        {
            content: "Bob is chosen",
            trigger: ".modal .o_field_widget[name='colleague_ids'] .o_tag:contains(Bob Report)",
        },
        {
            content: "Send the request",
            trigger: ".modal button[name='action_send']",
            run: "click",
        },
        {
            content: "Back on the talk",
            trigger: "body:not(:has(.modal)) .o_form_view .o_form_sheet",
        },
    ],
});
