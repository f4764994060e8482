/** @odoo-module **/

import { onWillStart } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { kanbanView } from "@web/views/kanban/kanban_view";
import { KanbanRenderer } from "@web/views/kanban/kanban_renderer";

/**
 * My Team, with an on-ramp above the cards for a manager who has never coached: how coaching works here, and one
 * click to plan a first talk with each direct report. The server says whether to show it and for whom.
 */
export class CoachingTeamKanbanRenderer extends KanbanRenderer {
    static template = "hr_performance_coaching.CoachingTeamKanbanRenderer";

    setup() {
        super.setup();
        this.orm = useService("orm");
        this.actionService = useService("action");
        this.onramp = { show: false, reports: [] };
        onWillStart(async () => {
            this.onramp = await this.orm.call("hr.employee.public", "coaching_onramp", []);
        });
    }

    get howCoachingWorks() {
        return [
            _t("You talk with each of your reports regularly; the cadence tells you when a talk is due."),
            _t("A talk follows Goal, Reality, Options and Will, and ends with commitments that the next talk reviews."),
            _t(
                "Your reports prepare their talks and add their own points to the agenda; your private notes are read by you and the managers above you only."
            ),
        ];
    }

    get firstTalkInvitation() {
        return _t(
            "Start this week with a first talk with each of your reports: getting to know each other, expectations both ways, how you will work."
        );
    }

    async planFirstTalk(employeeId) {
        const action = await this.orm.call("hr.employee.public", "action_coaching_plan_first_talk", [[employeeId]]);
        await this.actionService.doAction(action);
    }
}

registry.category("views").add("hr_coaching_team_kanban", {
    ...kanbanView,
    Renderer: CoachingTeamKanbanRenderer,
});
