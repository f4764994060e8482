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
            content: "The coach chooses the colleagues and the deadline there",
            trigger:
                ".modal .o_field_widget[name='colleague_ids']:visible",
        },
        {
            content: "The deadline is proposed",
            trigger: ".modal .o_field_widget[name='deadline'] input:not(:value(''))",
        },
    ],
});
