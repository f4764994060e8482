import math

import numpy as np
import psycopg2

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.osv import expression
from odoo.tools import SQL

# The two-sided 95 % quantile of the normal law; Student's t quantiles for the few degrees of freedom where the
# Cornish-Fisher expansion below is not accurate (numpy has no t law; scipy would be a large dependency for one
# number).
Z_975 = 1.959963984540054
T_975 = {1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776}
# The published effects of workplace coaching, shown beside the estimate as an external reference.
REFERENCE = {"d_meta": 0.36, "d_rct": 0.42, "points": 0.3}
# Bands of routine talks per month for the naive view: (upper bound excluded, key).
DOSE_BANDS = ((0.0, "none"), (0.5, "low"), (1.0, "medium"), (math.inf, "high"))
FILTER_KEYS = {"company_ids", "department_ids", "date_from", "date_to"}


def t_quantile(dof):
    """The 97.5 % quantile of Student's t law with ``dof`` degrees of freedom: exact below 5, otherwise the
    Cornish-Fisher expansion (Abramowitz & Stegun 26.7.5), within 0.001 of the exact value from 5 on."""
    if dof in T_975:
        return T_975[dof]
    z = Z_975
    g1 = (z**3 + z) / 4
    g2 = (5 * z**5 + 16 * z**3 + 3 * z) / 96
    g3 = (3 * z**7 + 19 * z**5 + 17 * z**3 - 15 * z) / 384
    g4 = (79 * z**9 + 776 * z**7 + 1482 * z**5 - 1920 * z**3 - 945 * z) / 92160
    return z + g1 / dof + g2 / dof**2 + g3 / dof**3 + g4 / dof**4


def ols(y, X, absorbed=0):
    """Ordinary least squares of ``y`` on the columns of ``X`` (numpy.linalg.lstsq), with the classical standard
    errors; ``absorbed`` degrees of freedom were used before (the coach means removed by demeaning). Returns
    (coefficients, standard errors, degrees of freedom), or None when the columns do not identify the
    coefficients (no variation of the dose) or no degree of freedom is left."""
    n, k = X.shape
    dof = n - k - absorbed
    if dof < 1:
        return None
    coef, __, rank, __ = np.linalg.lstsq(X, y, rcond=None)
    if rank < k:
        return None
    resid = y - X @ coef
    sigma2 = float(resid @ resid) / dof
    cov = sigma2 * np.linalg.inv(X.T @ X)
    return coef, np.sqrt(np.diag(cov)), dof


def group_means(values, groups, count):
    """The mean of ``values`` within each group (``groups`` are the indexes numpy.unique returns)."""
    return np.bincount(groups, weights=values, minlength=len(count)) / count


class HrCoachingImpact(models.AbstractModel):
    """Coaching Impact (issue 24): what routine coaching goes with, adjusted for where people started.

    The estimate is the coefficient of the routine talks per month in an ordinary least squares regression of the
    new rating on the previous rating and that dose, with an analytic 95 % confidence interval (the classical OLS
    standard errors from numpy.linalg.lstsq, Student's t quantile). The within-coach view is the same regression with
    coach fixed effects: the rating, the previous rating and the dose are demeaned by coach, so that only the reports
    of the same coach are compared and a lenient rater who also coaches more does not pass for coaching. The data are
    ``hr.coaching.impact.data`` read as the current user: a manager counts his branch only."""

    _name = "hr.coaching.impact"
    _description = "Coaching Impact"

    # ------------------------------------------------------------------ access and data

    @api.model
    def _is_impact_officer(self):
        """Coaching officers and appraisal officers (HR's raters, who read every rating) read all of their
        companies' figures, and the calibration by coach."""
        return self.env.su or self.env["hr.appraisal"]._is_rating_officer()

    @api.model
    def _check_impact_access(self):
        """Coaching Impact is read by the officers, and by managers for the people they coach; nobody else."""
        if self._is_impact_officer():
            return
        if not self.env.user._coaching_managed_domain()[0][2]:
            raise AccessError(
                self.env._("Coaching Impact is for the managers of a team and the coaching and appraisal officers.")
            )

    @api.model
    def _impact_rows(self, domain=None):
        """The rows of the dataset the current user may read, as numpy arrays: the appraisals with a previous
        rating, a new rating and a period of some length. One query; the record rules apply."""
        Data = self.env["hr.coaching.impact.data"]
        refusal = self.env._("This filter of the appraisals cannot be read: check its fields and values.")
        try:
            # A savepoint: a value PostgreSQL refuses (a date that is not one) leaves the transaction usable.
            with self.env.cr.savepoint():
                query = Data._coaching_readable(
                    expression.AND(
                        [
                            domain or [],
                            [("previous_rating", "!=", False), ("rating", "!=", False), ("months", ">", 0)],
                        ]
                    )
                )
                names = ["coach_id", "previous_rating", "rating", "routine_per_month", "left_company"]
                columns = SQL(", ").join(Data._field_to_sql(query.table, fname, query) for fname in names)
                self.env.cr.execute(query.select(columns))
                rows = self.env.cr.fetchall()
        except (ValueError, TypeError, KeyError, AssertionError, psycopg2.DataError, psycopg2.ProgrammingError):
            raise UserError(refusal) from None
        return {
            "coach": np.array([row[0] or 0 for row in rows], dtype=np.int64),
            "previous": np.array([row[1] for row in rows], dtype=float),
            "rating": np.array([row[2] for row in rows], dtype=float),
            "dose": np.array([row[3] or 0.0 for row in rows], dtype=float),
            "left": np.array([bool(row[4]) for row in rows], dtype=bool),
        }

    # ------------------------------------------------------------------ the estimate

    @api.model
    def compute_impact(self, domain=None, within_coach=False):
        """The association of routine talks per month with the new rating, adjusted for the previous rating.

        ``domain`` filters the appraisals: a domain on ``hr.coaching.impact.data`` (one row per done appraisal with
        a previous one; ``appraisal_id.…`` reaches the appraisal itself). With ``within_coach``, coach fixed
        effects. Returns ``n`` (appraisals used), ``effect`` (rating points per routine talk per month), ``ci_low``,
        ``ci_high`` (95 %), ``naive_effect`` (the slope of the rating change on the dose, unadjusted), ``verdict``
        (positive, negative, inconclusive, not_enough_data), ``sentence`` and ``method``. Below the minimum of
        appraisals, no figure: the effect, the interval and the naive slope are None.
        """
        self._check_impact_access()
        return self._estimate(self._impact_rows(domain), within_coach)

    @api.model
    def _estimate(self, rows, within_coach=False):
        n = len(rows["rating"])
        minimum = self.env["hr.coaching.impact.data"]._min_appraisals()
        result = {
            "n": n,
            "minimum": minimum,
            "within_coach": bool(within_coach),
            "effect": None,
            "ci_low": None,
            "ci_high": None,
            "std_error": None,
            "naive_effect": None,
            "coaches": None,
            "method": "ols_coach_fixed_effects" if within_coach else "ols",
        }
        if n < minimum:
            result["verdict"] = "not_enough_data"
            result["sentence"] = self._sentence(result)
            return result
        y, previous, dose = rows["rating"], rows["previous"], rows["dose"]
        naive = ols(y - previous, np.column_stack([np.ones(n), dose]))
        if within_coach:
            coaches, groups = np.unique(rows["coach"], return_inverse=True)
            count = np.bincount(groups).astype(float)
            demeaned = [values - group_means(values, groups, count)[groups] for values in (y, previous, dose)]
            fit = ols(demeaned[0], np.column_stack(demeaned[1:]), absorbed=len(coaches))
            result["coaches"] = len(coaches)
            position = 1
        else:
            fit = ols(y, np.column_stack([np.ones(n), previous, dose]))
            position = 2
        if naive:
            result["naive_effect"] = float(naive[0][1])
        if not fit:
            # The dose does not vary (or nothing is left once the coaches' means are removed): nothing to estimate.
            result["verdict"] = "inconclusive"
            result["sentence"] = self._sentence(result)
            return result
        coef, std_errors, dof = fit
        effect, std_error = float(coef[position]), float(std_errors[position])
        margin = t_quantile(dof) * std_error
        result.update(effect=effect, std_error=std_error, ci_low=effect - margin, ci_high=effect + margin)
        if result["ci_low"] > 0:
            result["verdict"] = "positive"
        elif result["ci_high"] < 0:
            result["verdict"] = "negative"
        else:
            result["verdict"] = "inconclusive"
        result["sentence"] = self._sentence(result)
        return result

    @api.model
    def _sentence(self, result):
        """The verdict in words, in the reader's language."""
        verdict = result.get("verdict")
        if verdict == "not_enough_data":
            return self.env._(
                "Not enough data: the estimate needs at least %(minimum)s done appraisals with a previous rating "
                "(%(n)s in this selection).",
                minimum=result["minimum"],
                n=result["n"],
            )
        if result["effect"] is None:
            return self.env._(
                "Inconclusive: the routine talks per month do not vary enough to estimate anything (n = %(n)s).",
                n=result["n"],
            )
        values = {
            "effect": f"{result['effect']:+.2f}",
            "low": f"{result['ci_low']:+.2f}",
            "high": f"{result['ci_high']:+.2f}",
            "n": result["n"],
        }
        if verdict == "positive":
            return self.env._(
                "More routine coaching went with %(effect)s points per routine talk a month "
                "(95 %% CI %(low)s to %(high)s, n = %(n)s).",
                **values,
            )
        if verdict == "negative":
            return self.env._(
                "More routine coaching went with %(effect)s points per routine talk a month, a lower rating "
                "(95 %% CI %(low)s to %(high)s, n = %(n)s).",
                **values,
            )
        return self.env._(
            "Inconclusive: the interval includes zero (%(effect)s points per routine talk a month, "
            "95 %% CI %(low)s to %(high)s, n = %(n)s).",
            **values,
        )

    # ------------------------------------------------------------------ the page

    @api.model
    def get_dashboard_data(self, filters=None):
        """Everything the Coaching Impact page shows, for ``filters`` (company_ids, department_ids, date_from,
        date_to), read as the current user. Below the minimum of appraisals, no figure anywhere."""
        self._check_impact_access()
        officer = self._is_impact_officer()
        companies, departments = self._filter_choices()
        domain = self._filters_domain(filters, companies, departments)
        rows = self._impact_rows(domain)
        estimate = self._estimate(rows)
        minimum = estimate["minimum"]
        return {
            "enough": estimate["verdict"] != "not_enough_data",
            "minimum": minimum,
            "n": estimate["n"],
            "estimate": estimate,
            "within_coach": self._estimate(rows, within_coach=True),
            "naive_bands": self._naive_bands(rows, minimum),
            "by_previous_rating": self._by_previous_rating(rows, minimum),
            "calibration": self._calibration(rows, minimum) if officer else [],
            "reference": {**REFERENCE, "sentence": self._reference_sentence()},
            "companies": [[company.id, company.name] for company in companies],
            "departments": [[department.id, department.display_name] for department in departments],
            "is_officer": bool(officer),
        }

    @api.model
    def _filter_choices(self):
        """The companies of the request, and the departments the user may filter on: those of the companies for
        an officer, those of the employees he coaches for a manager."""
        companies = self.env.companies
        if self._is_impact_officer():
            departments = self.env["hr.department"].search([("company_id", "in", companies.ids)], order="name, id")
        else:
            managed = self.env.user._coaching_managed_domain()[0][2]
            # sudo: the departments of the employees this manager coaches, whatever he may read of hr.employee.
            employees = self.env["hr.employee"].sudo().browse(managed)
            departments = employees.department_id.filtered(lambda d: d.company_id in companies or not d.company_id)
            departments = departments.sudo(False).sorted(lambda d: (d.name or "", d.id))
        return companies, departments

    @api.model
    def _filters_domain(self, filters, companies, departments):
        """The domain of the page's filters, from RPC: ids as the ORM reads them ('45' is 45), among the choices."""
        if not filters:
            filters = {}
        if not isinstance(filters, dict):
            raise UserError(self.env._("The filters of Coaching Impact could not be read. Reload the page."))
        unknown = set(filters) - FILTER_KEYS
        if unknown:
            raise UserError(
                self.env._("Coaching Impact has no filter named %(names)s.", names=", ".join(sorted(map(str, unknown))))
            )
        domain = []
        for key, field, choices, not_a_record, outside in (
            (
                "company_ids",
                "company_id",
                companies,
                self.env._("The company filter holds a value that is not a company."),
                self.env._("You cannot filter on a company outside those offered to you."),
            ),
            (
                "department_ids",
                "department_id",
                departments,
                self.env._("The department filter holds a value that is not a department."),
                self.env._("You cannot filter on a department outside those offered to you."),
            ),
        ):
            ids = self._filter_ids(filters.get(key), not_a_record)
            if ids:
                if set(ids) - set(choices.ids):
                    raise UserError(outside)
                domain.append((field, "in", ids))
        dates = {}
        for key, operator in (("date_from", ">="), ("date_to", "<=")):
            value = filters.get(key)
            if value in (None, False, ""):
                continue
            try:
                dates[key] = fields.Date.to_date(value) if isinstance(value, str) else None
            except ValueError:
                dates[key] = None
            if not dates[key]:
                raise UserError(self.env._("Give the period's dates as dates, for example 2026-01-31."))
            domain.append(("date", operator, dates[key]))
        if len(dates) == 2 and dates["date_from"] > dates["date_to"]:
            raise UserError(self.env._("The period starts after it ends: swap its dates."))
        return domain

    @api.model
    def _filter_ids(self, value, message):
        """A list of record ids from RPC: ints or digit strings, positive; otherwise a UserError with ``message``."""
        if value in (None, False):
            return []
        if not isinstance(value, list | tuple):
            value = [value]
        ids = []
        for item in value:
            if isinstance(item, str) and item.strip().isdigit():
                item = int(item)
            if isinstance(item, bool) or not isinstance(item, int) or item <= 0:
                raise UserError(message)
            ids.append(item)
        return ids

    @api.model
    def _band_labels(self):
        return {
            "none": self.env._("No routine talk"),
            "low": self.env._("Under 0.5 routine talks a month"),
            "medium": self.env._("0.5 to 1 routine talk a month"),
            "high": self.env._("1 or more routine talks a month"),
        }

    @api.model
    def _naive_bands(self, rows, minimum):
        """The naive view: the average rating change and the attrition per band of routine talks per month, each
        figure shown only for a band of at least the minimum of appraisals."""
        labels = self._band_labels()
        change = rows["rating"] - rows["previous"]
        bands, lower = [], None
        for upper, key in DOSE_BANDS:
            if lower is None:
                mask = rows["dose"] <= upper
            else:
                mask = (rows["dose"] > lower if lower == 0 else rows["dose"] >= lower) & (rows["dose"] < upper)
            lower = upper
            count = int(mask.sum())
            enough = count >= minimum
            bands.append(
                {
                    "key": key,
                    "label": labels[key],
                    "n": count,
                    "mean_change": float(change[mask].mean()) if enough else None,
                    "attrition_rate": float(rows["left"][mask].mean()) if enough else None,
                }
            )
        return bands

    @api.model
    def _by_previous_rating(self, rows, minimum):
        """The change by previous rating: regression to the mean made visible (the low rise, the high fall)."""
        labels = dict(
            self.env["hr.coaching.performance.report"]._fields["previous_rating"]._description_selection(self.env)
        )
        change = rows["rating"] - rows["previous"]
        result = []
        for value in range(1, 6):
            mask = rows["previous"] == value
            count = int(mask.sum())
            result.append(
                {
                    "label": labels.get(str(value), str(value)),
                    "previous_rating": float(value),
                    "n": count,
                    "mean_change": float(change[mask].mean()) if count >= minimum else None,
                }
            )
        return result

    @api.model
    def _calibration(self, rows, minimum):
        """The rating distribution per coach, for the officers: each coach's mean rating shrunk toward the mean of
        the selection (empirical Bayes: the between-coach variance by the method of moments), never a raw average;
        listed by name, not ranked. Nothing below the minimum."""
        n = len(rows["rating"])
        if n < minimum:
            return []
        ratings = rows["rating"]
        coaches, groups = np.unique(rows["coach"], return_inverse=True)
        count = np.bincount(groups).astype(float)
        means = group_means(ratings, groups, count)
        grand = float(ratings.mean())
        dof = n - len(coaches)
        within = float(((ratings - means[groups]) ** 2).sum()) / dof if dof > 0 else 0.0
        between = max(float(means.var()) - float((within / count).mean()), 0.0) if len(coaches) > 1 else 0.0
        weights = between / (between + within / count) if between > 0 else np.zeros(len(coaches))
        shrunk = grand + weights * (means - grand)
        # sudo: the names of the coaches of the appraisals this officer reads, whatever his rights on hr.employee.
        names = {
            employee.id: employee.name
            for employee in self.env["hr.employee"].sudo().with_context(active_test=False).browse(coaches.tolist())
            if employee.id
        }
        calibration = []
        for index, coach in enumerate(coaches.tolist()):
            mask = groups == index
            distribution = np.bincount(ratings[mask].astype(np.int64), minlength=6)
            calibration.append(
                {
                    "coach_id": coach or False,
                    "coach": names.get(coach) or self.env._("No coach"),
                    "n": int(count[index]),
                    "shrunk_mean": round(float(shrunk[index]), 2),
                    "distribution": {str(value): int(distribution[value]) for value in range(1, 6)},
                }
            )
        return sorted(calibration, key=lambda line: (line["coach"], line["coach_id"]))

    @api.model
    def _reference_sentence(self):
        return self.env._(
            "External reference, not measured here: studies of workplace coaching report effects of d = 0.36 "
            "(Jones, Woods & Guillaume 2016) and d = 0.42 in randomised trials (Burt & Talati 2017), about +0.3 "
            "points on a 1 to 5 scale."
        )
