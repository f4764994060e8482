/** @odoo-module **/

import { registry } from "@web/core/registry";
import { GraphRenderer } from "@web/views/graph/graph_renderer";
import { graphView } from "@web/views/graph/graph_view";

// The graph view joins the parts of a label with this separator, as hr.department joins its path.
const SEP = " / ";
// The graph view cuts its axis labels at this length.
const MAX_LENGTH = 30;

/**
 * The coaching analyses name each team on the axis by its own name ("Research & Development") rather than by
 * its full path ("Management / Research & Development"), which the axis would cut off. Hovering the bar still
 * shows the full path: the tooltip reads the group's full label. Only the graphs of the coaching analyses use this
 * view (js_class="hr_coaching_graph"); every other graph keeps Odoo's labels.
 */
export class CoachingGraphRenderer extends GraphRenderer {
    getScaleOptions() {
        const options = super.getScaleOptions(...arguments);
        if (options.x?.ticks && this.isTeamAxis()) {
            const { labels } = this.model.data;
            options.x.ticks.callback = (val, index) => teamName(labels[index]);
        }
        return options;
    }

    isTeamAxis() {
        const { fields, groupBy } = this.model.metaData;
        const field = groupBy[0] && fields[groupBy[0].fieldName];
        return Boolean(field?.type === "many2one" && field.relation === "hr.department");
    }
}

export function teamName(label) {
    const name = String(label).split(SEP).at(-1);
    return name.length > MAX_LENGTH ? `${name.slice(0, MAX_LENGTH)}...` : name;
}

export const coachingGraphView = {
    ...graphView,
    Renderer: CoachingGraphRenderer,
};

registry.category("views").add("hr_coaching_graph", coachingGraphView);
