/** @odoo-module **/

import { registry } from "@web/core/registry";

// The coach reads the facts of Alice's work since her last talk and copies one into Reality; Alice reads hers under
// her preparation and copies one there (tests/test_work_facts_tour.py).
const OVERDUE = "Fix the checkout";

registry.category("web_tour.tours").add("hr_performance_coaching_project_facts_tour", {
    steps: () => [
        {
            content: "The panel says since when the facts are read",
            trigger: "div[name='work_facts'] .o_coaching_work_facts:contains(From the last talk):visible",
        },
        {
            content: "The closed task is there, linked to the task",
            trigger: "div[name='work_facts'] .o_coaching_facts_closed a[href^='/odoo/project.task/']:contains(Write the style guide)",
        },
        {
            content: "The milestone reached is there",
            trigger: "div[name='work_facts'] .o_coaching_facts_milestone:contains(Go-live)",
        },
        {
            content: "The task of the private project is not",
            trigger: "div[name='work_facts'] .o_coaching_work_facts:not(:contains(Prepare the data room))",
        },
        {
            content: "Copy the overdue task into Reality",
            trigger: `div[name='work_facts'] .o_coaching_facts_overdue li:contains(${OVERDUE}) .o_coaching_copy_fact:visible`,
            run: "click",
        },
        {
            content: "Reality holds the fact's line",
            trigger: `.o_field_html[name='reality']:contains(Overdue: ${OVERDUE} (Website Relaunch), due)`,
        },
    ],
});

registry.category("web_tour.tours").add("hr_performance_coaching_project_facts_employee_tour", {
    steps: () => [
        {
            content: "Alice reads her facts under her preparation, her private task included",
            trigger: "div[name='work_facts_employee'] .o_coaching_facts_open:contains(Prepare the data room):visible",
        },
        {
            content: "Her panel copies into her preparation, nowhere into Reality",
            trigger: ".o_form_view:has(.o_coaching_copy_fact[title='Copy into my preparation']):not(:has(.o_coaching_copy_fact[title='Copy into Reality']))",
        },
        {
            content: "Copy the overdue task into her preparation",
            trigger: `div[name='work_facts_employee'] .o_coaching_facts_overdue li:contains(${OVERDUE}) .o_coaching_copy_fact:visible`,
            run: "click",
        },
        {
            content: "Her preparation holds the fact's line",
            trigger: `.o_field_html[name='employee_prep']:contains(Overdue: ${OVERDUE} (Website Relaunch), due)`,
        },
    ],
});
