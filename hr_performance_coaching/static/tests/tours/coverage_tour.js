/** @odoo-module **/

import { registry } from "@web/core/registry";

// Shared with tests/test_tour.py, which creates the team.
const TEAM = "Research & Development";
const PATH = "Management / Research & Development";

registry.category("web_tour.tours").add("hr_performance_coaching_coverage_tour", {
    url: "/odoo/action-hr_performance_coaching.hr_coaching_report_action_coverage",
    steps: () => [
        {
            content: "Coverage per Team opens on the coaching graph view, one bar per team",
            trigger: ".o_hr_coaching_graph_view .o_graph_renderer .o_graph_canvas_container canvas",
            async run() {
                const chart = window.Chart.getChart(this.anchor);
                const ticks = chart.scales.x.ticks.map((tick) => tick.label);
                if (!ticks.includes(TEAM) || ticks.some((label) => label.includes(" / "))) {
                    throw new Error(`The axis should name the team, not its path: ${JSON.stringify(ticks)}`);
                }
                // Hover the middle of the team's bar, as the mouse does, once the bar has grown to its height.
                const element = chart.getDatasetMeta(0).data[chart.data.labels.indexOf(PATH)];
                const bar = element.getProps(["x", "y", "base"], true);
                while (element.y !== bar.y) {
                    await new Promise((resolve) => setTimeout(resolve, 50));
                }
                const rect = this.anchor.getBoundingClientRect();
                this.anchor.dispatchEvent(
                    new MouseEvent("mousemove", {
                        bubbles: true,
                        clientX: rect.left + bar.x,
                        clientY: rect.top + (bar.y + bar.base) / 2,
                    }),
                );
            },
        },
        {
            content: "Hovering the bar shows the team's full path and its coverage",
            trigger: `.o_graph_custom_tooltip:has(.o_label:contains(${PATH})):has(.o_value:contains(40))`,
        },
    ],
});

// Odoo's own graphs keep Odoo's labels: the employees' graph, grouped by team, shows the team's path as Odoo cuts it.
registry.category("web_tour.tours").add("hr_performance_coaching_core_graph_tour", {
    url: "/odoo/action-hr.open_view_employee_list_my?view_type=graph",
    steps: () => [
        {
            content: "Open the search options of the employees' graph",
            trigger: ".o_graph_view:not(.o_hr_coaching_graph_view) .o_searchview_dropdown_toggler",
            run: "click",
        },
        {
            content: "Group the employees by department",
            trigger: ".o_group_by_menu .o-dropdown-item:contains(Department)",
            run: "click",
        },
        {
            content: "The axis shows the department's path, cut at Odoo's length",
            trigger: ".o_graph_view:not(.o_hr_coaching_graph_view) .o_graph_renderer .o_graph_canvas_container canvas",
            async run() {
                let ticks = [];
                for (let attempt = 0; attempt < 40 && !ticks.includes(`${PATH.slice(0, 30)}...`); attempt++) {
                    await new Promise((resolve) => setTimeout(resolve, 50));
                    const chart = window.Chart.getChart(document.querySelector(".o_graph_canvas_container canvas"));
                    ticks = chart.scales.x.ticks.map((tick) => tick.label);
                }
                if (!ticks.includes(`${PATH.slice(0, 30)}...`) || ticks.includes(TEAM)) {
                    throw new Error(`Odoo's graph should keep its own label: ${JSON.stringify(ticks)}`);
                }
            },
        },
    ],
});
