/** @odoo-module **/

import { Component, onWillStart, onWillUnmount, useEffect, useRef, useState } from "@odoo/owl";
import { loadBundle } from "@web/core/assets";
import { hexToRGBA } from "@web/core/colors/colors";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { KeepLast } from "@web/core/utils/concurrency";
import { useService } from "@web/core/utils/hooks";
import { Layout } from "@web/search/layout";

// Colours of the page: Odoo's teal for the estimate, its purple for the within-coach view, grey for what is not
// adjusted, amber for what is not the company's data.
const COLOR_ESTIMATE = "#017e84";
const COLOR_WITHIN = "#714b67";
const COLOR_NAIVE = "#8f8f8f";
const COLOR_REFERENCE = "#e6a23c";
const COLOR_RISE = "#017e84";
const COLOR_FALL = "#714b67";
// A rating of 1 to 5: red to green, as a reader expects of low and high.
const RATING_COLORS = ["#d9534f", "#f0ad4e", "#c0c0c0", "#7fbf7f", "#28a745"];

/** "+0.30", "-0.12", "0.00": the sign always, so that a reader sees the direction. */
export function signed(value, digits = 2) {
    if (value === null || value === undefined) {
        return "";
    }
    const text = Math.abs(value).toFixed(digits);
    return value > 0 && Number(text) ? `+${text}` : value < 0 && Number(text) ? `-${text}` : text;
}

/** A long axis label on lines of about ``width`` characters, cut at spaces, so that it fits a phone's width. */
export function wrapLabel(label, width = 18) {
    const text = String(label);
    if (text.length <= width || !text.includes(" ")) {
        return text;
    }
    const lines = [""];
    for (const word of text.split(" ")) {
        const line = lines.at(-1);
        if (line && line.length + word.length + 1 > width) {
            lines.push(word);
        } else {
            lines[lines.length - 1] = line ? `${line} ${word}` : word;
        }
    }
    return lines;
}

/**
 * Coaching Impact (Coaching › Reporting): what routine coaching goes with in the next appraisal, adjusted for the
 * previous rating, with its 95 % interval and its verdict in words first. The figures come from one server method,
 * hr.coaching.impact.get_dashboard_data, which reads as the current user (a manager counts his branch only) and
 * returns no figure below the minimum number of appraisals. Charts are drawn with the Chart.js the web client ships.
 */
export class CoachingImpact extends Component {
    static template = "hr_performance_coaching.CoachingImpact";
    static components = { Layout };
    static props = ["*"];

    setup() {
        this.orm = useService("orm");
        this.keepLast = new KeepLast();
        this.state = useState({
            loading: true,
            data: null,
            filters: { company_id: "", department_id: "", date_from: "", date_to: "" },
        });
        this.charts = {};
        this.canvases = {
            estimate: useRef("estimateChart"),
            previous: useRef("previousChart"),
            bands: useRef("bandsChart"),
            calibration: useRef("calibrationChart"),
        };
        onWillStart(async () => {
            await loadBundle("web.chartjs_lib");
            await this.load();
        });
        useEffect(
            () => {
                this.renderCharts();
            },
            () => [this.state.data],
        );
        onWillUnmount(() => this.destroyCharts());
    }

    get display() {
        return { controlPanel: {} };
    }

    /** The filters as the server reads them: lists of ids and ISO dates, or False. */
    get serverFilters() {
        const { company_id, department_id, date_from, date_to } = this.state.filters;
        return {
            company_ids: company_id ? [Number(company_id)] : [],
            department_ids: department_id ? [Number(department_id)] : [],
            date_from: date_from || false,
            date_to: date_to || false,
        };
    }

    async load() {
        this.state.loading = true;
        const data = await this.keepLast.add(
            this.orm.call("hr.coaching.impact", "get_dashboard_data", [this.serverFilters]),
        );
        this.state.data = data;
        this.state.loading = false;
    }

    onFilterChange(name, ev) {
        this.state.filters[name] = ev.target.value;
        if (name === "company_id") {
            // A department of another company would leave the page empty.
            this.state.filters.department_id = "";
        }
        this.load();
    }

    resetFilters() {
        Object.assign(this.state.filters, { company_id: "", department_id: "", date_from: "", date_to: "" });
        this.load();
    }

    get verdictClass() {
        const verdict = this.state.data?.estimate?.verdict;
        return (
            {
                positive: "alert-success",
                negative: "alert-danger",
                inconclusive: "alert-warning",
            }[verdict] || "alert-secondary"
        );
    }

    get verdictLabel() {
        const verdict = this.state.data?.estimate?.verdict;
        return (
            {
                positive: _t("Positive"),
                negative: _t("Negative"),
                inconclusive: _t("Inconclusive"),
                not_enough_data: _t("Not enough data"),
            }[verdict] || _t("Not enough data")
        );
    }

    get plainWords() {
        return [
            _t(
                "It is an association, not a proof: people who had more routine talks did this much better or worse at their next appraisal than people who had fewer. Something else may explain both.",
            ),
            _t(
                "It is adjusted for the previous rating: people rated low tend to rise and people rated high tend to fall, coached or not, and the estimate compares people who started from the same rating.",
            ),
            _t(
                "Rater habits (strict or lenient coaches) are removed only in the within-coach view, which compares the reports of the same coach.",
            ),
            _t(
                "The interval is where the true figure most likely lies (95 %). When it includes zero, the data cannot tell a gain from a loss.",
            ),
            _t(
                "Below the minimum number of appraisals no figure is shown: a few dozen ratings swing by a whole point by chance.",
            ),
        ];
    }

    /** The rows of the estimate chart: each estimate with its interval, the naive slope and the reference. */
    get estimateRows() {
        const { estimate, within_coach: within, reference } = this.state.data;
        const rows = [
            { label: _t("Adjusted for the previous rating"), value: estimate, color: COLOR_ESTIMATE },
            { label: _t("Within coach"), value: within, color: COLOR_WITHIN },
        ].map(({ label, value, color }) => ({
            label,
            effect: value?.effect ?? null,
            interval:
                value && value.ci_low !== null && value.ci_low !== undefined ? [value.ci_low, value.ci_high] : null,
            color,
        }));
        rows.push({
            label: _t("Naive (not adjusted)"),
            effect: estimate?.naive_effect ?? null,
            interval: null,
            color: COLOR_NAIVE,
        });
        if (reference) {
            rows.push({
                label: _t("Published studies (not your data)"),
                effect: reference.points,
                interval: null,
                color: COLOR_REFERENCE,
            });
        }
        return rows;
    }

    destroyCharts() {
        for (const chart of Object.values(this.charts)) {
            chart.destroy();
        }
        this.charts = {};
    }

    renderCharts() {
        this.destroyCharts();
        const data = this.state.data;
        if (!data?.enough) {
            return;
        }
        const configs = {
            estimate: () => this.estimateChartConfig(),
            previous: () => this.previousChartConfig(),
            bands: () => this.bandsChartConfig(),
            calibration: () => this.calibrationChartConfig(),
        };
        for (const [name, config] of Object.entries(configs)) {
            const canvas = this.canvases[name].el;
            if (canvas) {
                this.charts[name] = new Chart(canvas, config());
            }
        }
    }

    color(hex, alpha = 1) {
        return alpha === 1 ? hex : hexToRGBA(hex, alpha);
    }

    /** A zero line darker than the grid: left of it coaching went with a fall, right of it with a rise. */
    zeroGrid() {
        return {
            color: (context) => (context.tick?.value === 0 ? "#6c757d" : "rgba(0, 0, 0, 0.08)"),
            lineWidth: (context) => (context.tick?.value === 0 ? 2 : 1),
        };
    }

    estimateChartConfig() {
        const rows = this.estimateRows;
        return {
            type: "bar",
            data: {
                labels: rows.map((row) => wrapLabel(row.label)),
                datasets: [
                    {
                        type: "bar",
                        label: _t("95 % interval"),
                        data: rows.map((row) => row.interval),
                        backgroundColor: rows.map((row) => this.color(row.color, 0.3)),
                        borderColor: rows.map((row) => this.color(row.color)),
                        borderWidth: 1,
                        barPercentage: 0.5,
                        order: 2,
                    },
                    {
                        type: "line",
                        label: _t("Estimate"),
                        data: rows.map((row) => row.effect),
                        showLine: false,
                        pointStyle: "rectRot",
                        pointRadius: 7,
                        pointHoverRadius: 9,
                        backgroundColor: rows.map((row) => this.color(row.color)),
                        borderColor: rows.map((row) => this.color(row.color)),
                        order: 1,
                    },
                ],
            },
            options: {
                indexAxis: "y",
                maintainAspectRatio: false,
                animation: false,
                scales: {
                    x: {
                        grid: this.zeroGrid(),
                        suggestedMin: -0.5,
                        suggestedMax: 0.5,
                        title: { display: true, text: _t("Rating points per routine talk per month") },
                    },
                    y: { ticks: { autoSkip: false } },
                },
                plugins: {
                    // The subtitle says it: the diamond is the estimate, the bar its interval, in each row's colour.
                    legend: { display: false },
                    tooltip: {
                        callbacks: {
                            label: (context) => {
                                const raw = context.raw;
                                if (Array.isArray(raw)) {
                                    return _t("95 % interval: %(low)s to %(high)s", {
                                        low: signed(raw[0]),
                                        high: signed(raw[1]),
                                    });
                                }
                                return _t("Estimate: %(effect)s", { effect: signed(raw) });
                            },
                        },
                    },
                },
            },
        };
    }

    previousChartConfig() {
        const rows = this.state.data.by_previous_rating || [];
        return {
            type: "bar",
            data: {
                labels: rows.map((row) => wrapLabel(row.label, 12)),
                datasets: [
                    {
                        label: _t("Average change of the rating"),
                        data: rows.map((row) => row.mean_change),
                        backgroundColor: rows.map((row) =>
                            (row.mean_change || 0) >= 0 ? this.color(COLOR_RISE, 0.7) : this.color(COLOR_FALL, 0.7),
                        ),
                    },
                ],
            },
            options: {
                maintainAspectRatio: false,
                animation: false,
                scales: {
                    y: { grid: this.zeroGrid(), title: { display: true, text: _t("Rating points") } },
                    x: { title: { display: true, text: _t("Previous rating") } },
                },
                plugins: {
                    legend: { display: false },
                    tooltip: {
                        callbacks: {
                            afterLabel: (context) => _t("%(n)s appraisals", { n: rows[context.dataIndex].n }),
                        },
                    },
                },
            },
        };
    }

    bandsChartConfig() {
        const rows = this.state.data.naive_bands || [];
        return {
            type: "bar",
            data: {
                labels: rows.map((row) => wrapLabel(row.label, 14)),
                datasets: [
                    {
                        type: "bar",
                        label: _t("Average change of the rating (naive)"),
                        data: rows.map((row) => row.mean_change),
                        backgroundColor: this.color(COLOR_NAIVE, 0.7),
                        yAxisID: "y",
                        order: 2,
                    },
                    {
                        type: "line",
                        label: _t("Left before the next appraisal (%)"),
                        data: rows.map((row) =>
                            row.attrition_rate === null || row.attrition_rate === undefined
                                ? null
                                : Math.round(row.attrition_rate * 1000) / 10,
                        ),
                        borderColor: COLOR_FALL,
                        backgroundColor: COLOR_FALL,
                        yAxisID: "attrition",
                        order: 1,
                    },
                ],
            },
            options: {
                maintainAspectRatio: false,
                animation: false,
                scales: {
                    y: { grid: this.zeroGrid(), title: { display: true, text: _t("Rating points") } },
                    attrition: {
                        position: "right",
                        min: 0,
                        suggestedMax: 20,
                        grid: { drawOnChartArea: false },
                        title: { display: true, text: _t("Attrition (%)") },
                    },
                },
                plugins: {
                    legend: { position: "bottom" },
                    tooltip: {
                        callbacks: {
                            afterLabel: (context) =>
                                context.datasetIndex ? "" : _t("%(n)s appraisals", { n: rows[context.dataIndex].n }),
                        },
                    },
                },
            },
        };
    }

    calibrationChartConfig() {
        const rows = this.state.data.calibration || [];
        const ratings = ["1", "2", "3", "4", "5"];
        return {
            type: "bar",
            data: {
                labels: rows.map((row) => [
                    row.coach,
                    _t("n = %(n)s, shrunk mean %(mean)s", {
                        n: row.n,
                        mean: row.shrunk_mean === null ? "" : row.shrunk_mean.toFixed(2),
                    }),
                ]),
                datasets: ratings.map((rating, index) => ({
                    label: _t("Rated %(rating)s", { rating }),
                    data: rows.map((row) =>
                        row.n ? Math.round(((row.distribution?.[rating] || 0) * 1000) / row.n) / 10 : 0,
                    ),
                    backgroundColor: RATING_COLORS[index],
                })),
            },
            options: {
                indexAxis: "y",
                maintainAspectRatio: false,
                animation: false,
                scales: {
                    x: { stacked: true, min: 0, max: 100, title: { display: true, text: _t("Share of ratings (%)") } },
                    y: { stacked: true, ticks: { autoSkip: false } },
                },
                plugins: { legend: { position: "bottom" } },
            },
        };
    }

    get calibrationHeight() {
        return `${Math.max(160, 48 * (this.state.data.calibration?.length || 0) + 80)}px`;
    }
}

registry.category("actions").add("hr_coaching_impact", CoachingImpact);
