/** @odoo-module **/

import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

// Shared with tests/test_impact_tour.py, which builds the appraisals and checks the figures on the server.
const BIG_TEAM = "Impact Big Team";
const SMALL_TEAM = "Impact Small Team";

function openImpactPage() {
    return [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the Coaching app",
            trigger: ".o_app[data-menu-xmlid='hr_performance_coaching.menu_coaching_root']",
            run: "click",
        },
        {
            content: "Open Reporting",
            trigger: ".o_menu_sections [data-menu-xmlid='hr_performance_coaching.menu_coaching_reporting']",
            run: "click",
        },
        {
            content: "Open Coaching Impact",
            trigger: ".o-dropdown-item[data-menu-xmlid='hr_performance_coaching.hr_coaching_impact_menu']",
            run: "click",
        },
    ];
}

/** Picks a date in the browser's own date input (hoot's ``edit`` types text, which a date input refuses). */
function setDate(value) {
    return function () {
        this.anchor.value = value;
        this.anchor.dispatchEvent(new Event("change", { bubbles: true }));
    };
}

function chartOf(selector) {
    return window.Chart.getChart(document.querySelector(`${selector} canvas`));
}

/** The charts are drawn: the estimate with its interval around it, one bar per previous rating and per band. */
function chartsStep(withCalibration) {
    return {
        content: "The estimate, the change by previous rating and the naive view are drawn",
        trigger: ".o_hr_coaching_impact_estimate_chart canvas",
        run() {
            const estimate = chartOf(".o_hr_coaching_impact_estimate_chart");
            const [interval, point] = estimate.data.datasets;
            const [low, high] = interval.data[0];
            const effect = point.data[0];
            if (estimate.data.labels.length !== 4 || !(low < effect && effect < high) || !interval.data[1]) {
                throw new Error(
                    `The estimate chart should show 4 rows, the estimate inside its interval: ${JSON.stringify(
                        estimate.data,
                    )}`,
                );
            }
            const previous = chartOf(".o_hr_coaching_impact_previous_chart");
            const bands = chartOf(".o_hr_coaching_impact_bands_chart");
            if (!previous?.data.labels.length || !bands?.data.labels.length) {
                throw new Error("The change by previous rating and the naive view should each have bars.");
            }
            if (bands.data.datasets.length !== 2) {
                throw new Error("The naive view should show the attrition per band beside the change.");
            }
            const calibration = document.querySelector(".o_hr_coaching_impact_calibration_chart canvas");
            if (Boolean(calibration) !== withCalibration) {
                throw new Error(`The calibration view should ${withCalibration ? "" : "not "}be shown.`);
            }
            if (withCalibration && !chartOf(".o_hr_coaching_impact_calibration_chart").data.labels.length) {
                throw new Error("The calibration view should list the coaches.");
            }
            const content = document.querySelector(".o_hr_coaching_impact .o_content");
            if (content.scrollWidth > content.clientWidth + 1) {
                throw new Error(`The page overflows sideways: ${content.scrollWidth} > ${content.clientWidth}`);
            }
        },
    };
}

// An HR officer: the verdict first, the four charts, the reference labelled as such; a department below the minimum
// shows no figure.
registry.category("web_tour.tours").add("hr_performance_coaching_impact_tour", {
    steps: () => [
        ...openImpactPage(),
        {
            content: "The verdict comes first, in words, with the interval and the number of appraisals",
            trigger:
                ".o_hr_coaching_impact_verdict[data-verdict=positive] .o_hr_coaching_impact_sentence:contains(95 % CI):contains(n = )",
        },
        {
            content: "The within-coach view has its own sentence",
            trigger: ".o_hr_coaching_impact_within_sentence:contains(n = )",
        },
        chartsStep(true),
        {
            content: "The published studies are labelled as an external reference",
            trigger: ".o_hr_coaching_impact_reference:contains(External reference)",
        },
        {
            content: "What the estimate can and cannot say, in plain words",
            trigger: ".o_hr_coaching_impact_plain_words li:contains(association, not a proof)",
        },
        {
            content: "Pick a department below the minimum",
            trigger: "select.o_hr_coaching_impact_department",
            run: `selectByLabel ${SMALL_TEAM}`,
        },
        {
            content: "Below the minimum the page says so and shows no figure",
            trigger:
                ".o_hr_coaching_impact_verdict[data-verdict=not_enough_data] .o_hr_coaching_impact_sentence:contains(Not enough data)",
            run() {
                if (document.querySelector(".o_hr_coaching_impact canvas")) {
                    throw new Error("No chart should be drawn below the minimum.");
                }
            },
        },
        {
            content: "Back to every department",
            trigger: ".o_hr_coaching_impact_filters button:contains(Reset)",
            run: "click",
        },
        {
            content: "The verdict is back",
            trigger: ".o_hr_coaching_impact_verdict[data-verdict=positive] .o_hr_coaching_impact_sentence:contains(n = 46)",
        },
        {
            content: "A period that ends before the new appraisals (31 January 2026) holds none of them",
            trigger: "input.o_hr_coaching_impact_date_to",
            run: setDate("2025-12-31"),
        },
        {
            content: "Nothing in that period: not enough data, no figure",
            trigger:
                ".o_hr_coaching_impact_verdict[data-verdict=not_enough_data] .o_hr_coaching_impact_sentence:contains((0 in this selection))",
        },
        {
            content: "The period's end moved after the new appraisals",
            trigger: "input.o_hr_coaching_impact_date_to",
            run: setDate("2026-02-28"),
        },
        {
            content: "And its start to just before them",
            trigger: "input.o_hr_coaching_impact_date_from",
            run: setDate("2026-01-01"),
        },
        {
            content: "Every appraisal of the period counts again",
            trigger: ".o_hr_coaching_impact_verdict[data-verdict=positive] .o_hr_coaching_impact_sentence:contains(n = 46)",
        },
    ],
});

// The same page for an HR officer who reads Chinese.
registry.category("web_tour.tours").add("hr_performance_coaching_impact_zh_tour", {
    steps: () => [
        ...openImpactPage(),
        {
            content: "The verdict in Chinese",
            trigger:
                ".o_hr_coaching_impact_verdict[data-verdict=positive] .o_hr_coaching_impact_verdict_label:contains(正面)",
        },
        {
            content: "The verdict sentence in Chinese, with its interval and the number of appraisals",
            trigger: ".o_hr_coaching_impact_sentence:contains(例行辅导越多，评级越高):contains(95%置信区间):contains(n=46)",
        },
        {
            content: "The published studies labelled as an external reference, in Chinese",
            trigger: ".o_hr_coaching_impact_reference:contains(外部参考)",
        },
        {
            content: "The headings and the plain words in Chinese",
            trigger:
                ".o_hr_coaching_impact:has(h5:contains(按上次评级的变化)):has(.o_hr_coaching_impact_plain_words li:contains(这是相关，不是证明))",
        },
        chartsStep(true),
        {
            content: "The chart's rows in Chinese",
            trigger: ".o_hr_coaching_impact_estimate_chart canvas",
            run() {
                const labels = chartOf(".o_hr_coaching_impact_estimate_chart").data.labels.map(String);
                if (!labels.includes("已按上次评级调整")) {
                    throw new Error(`The rows should be in Chinese: ${JSON.stringify(labels)}`);
                }
            },
        },
    ],
});

// A manager: his branch only, no calibration of the coaches.
registry.category("web_tour.tours").add("hr_performance_coaching_impact_manager_tour", {
    steps: () => [
        ...openImpactPage(),
        {
            content: "The manager's verdict counts his branch: his 40 reports, not the other team's 6",
            trigger:
                ".o_hr_coaching_impact_verdict[data-verdict=positive] .o_hr_coaching_impact_sentence:contains(n = 40)",
        },
        {
            content: "No company filter for a manager of one company, and only his own department to pick",
            trigger: ".o_hr_coaching_impact_filters:not(:has(.o_hr_coaching_impact_company))",
            run() {
                const options = [...document.querySelectorAll("select.o_hr_coaching_impact_department option")];
                const labels = options.map((option) => option.textContent.trim());
                if (JSON.stringify(labels) !== JSON.stringify(["All departments", BIG_TEAM])) {
                    throw new Error(`The manager should pick among his own departments only: ${labels}`);
                }
            },
        },
        // The charts, without the calibration of the coaches: that is for HR.
        chartsStep(false),
    ],
});

// A manager whose branch is below the minimum: no figure, no chart.
registry.category("web_tour.tours").add("hr_performance_coaching_impact_small_tour", {
    steps: () => [
        ...openImpactPage(),
        {
            content: "Below the minimum the manager reads that there is not enough data, and no chart",
            trigger: ".o_hr_coaching_impact_verdict[data-verdict=not_enough_data] .o_hr_coaching_impact_sentence",
            run() {
                if (document.querySelector(".o_hr_coaching_impact canvas")) {
                    throw new Error("No chart should be drawn below the minimum.");
                }
            },
        },
    ],
});

// At 390 px, as on a phone: the verdict and the charts fit the width.
registry.category("web_tour.tours").add("hr_performance_coaching_impact_mobile_tour", {
    url: "/odoo/action-hr_performance_coaching.hr_coaching_impact_action",
    steps: () => [
        {
            content: "The verdict comes first on a phone too",
            trigger: ".o_hr_coaching_impact_verdict[data-verdict=positive] .o_hr_coaching_impact_sentence",
        },
        chartsStep(true),
    ],
});
