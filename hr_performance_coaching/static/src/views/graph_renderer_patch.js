/** @odoo-module **/

import { GraphRenderer } from "@web/views/graph/graph_renderer";
import { patch } from "@web/core/utils/patch";

// The graph view joins the parts of a label with this separator, as hr.department joins its path.
const SEP = " / ";
// The graph view cuts its axis labels at this length.
const MAX_LENGTH = 30;

/**
 * The coaching analyses name each team on the axis by its own name ("Research & Development") rather than by
 * its full path ("Management / Research & Development"), which the axis would cut off. Hovering the bar still
 * shows the full path: the tooltip reads the group's full label.
 */
patch(GraphRenderer.prototype, {
    getScaleOptions() {
        const options = super.getScaleOptions(...arguments);
        if (options.x?.ticks && this.isCoachingTeamAxis()) {
            const { labels } = this.model.data;
            options.x.ticks.callback = (val, index) => teamName(labels[index]);
        }
        return options;
    },

    isCoachingTeamAxis() {
        const { fields, groupBy, resModel } = this.model.metaData;
        const field = groupBy[0] && fields[groupBy[0].fieldName];
        return Boolean(
            resModel.startsWith("hr.coaching.") && field?.type === "many2one" && field.relation === "hr.department",
        );
    },
});

export function teamName(label) {
    const name = String(label).split(SEP).at(-1);
    return name.length > MAX_LENGTH ? `${name.slice(0, MAX_LENGTH)}...` : name;
}
