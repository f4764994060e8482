/** @odoo-module **/

import { Component, markup } from "@odoo/owl";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { standardFieldProps } from "@web/views/fields/standard_field_props";

/**
 * The "Since the last talk" panel of a talk: the facts as the server wrote them for the reader, each with a button
 * that copies its line into the Reality (the coach side) or into the employee's preparation. The server looks the
 * fact up again as the reader and checks that she may write the talk: the button only names the fact.
 */
export class CoachingWorkFactsField extends Component {
    static template = "hr_performance_coaching_project.CoachingWorkFactsField";
    static props = { ...standardFieldProps, copyMethod: { type: String } };

    setup() {
        this.orm = useService("orm");
    }

    get facts() {
        return markup(this.props.record.data[this.props.name] || "");
    }

    async onClick(ev) {
        const button = ev.target.closest(".o_coaching_copy_fact");
        if (!button) {
            return;
        }
        ev.preventDefault();
        const record = this.props.record;
        // What is being typed in the talk is kept: the line is appended to the saved text.
        if (!(await record.save())) {
            return;
        }
        await this.orm.call(record.resModel, this.props.copyMethod, [[record.resId], button.dataset.factKey]);
        await record.load();
    }
}

export const coachingWorkFactsField = {
    component: CoachingWorkFactsField,
    displayName: "Coaching work facts",
    supportedTypes: ["html"],
    extractProps: ({ options }) => ({
        copyMethod: options.copy_method || "action_copy_fact_to_reality",
    }),
};

registry.category("fields").add("coaching_work_facts", coachingWorkFactsField);
