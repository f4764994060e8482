def migrate(cr, version):
    """Fill what the coaching analysis stores on each talk (issue 24, item 5), for the talks of before 1.6.0, in SQL:
    the previous done talk of each done talk and the latest done talk of each employee (archived talks included: they
    took place), and the counts of the commitments made in each talk (every outcome, the kept ones, the reviewed
    ones). The analysis (``hr.coaching.report``) reads these columns instead of computing them over every talk."""
    cr.execute(
        """WITH done AS (
                SELECT id,
                       LAG(date_scheduled) OVER w AS previous,
                       LEAD(id) OVER w IS NULL AS latest
                  FROM hr_coaching_session
                 WHERE state = 'done'
                WINDOW w AS (PARTITION BY employee_id ORDER BY date_scheduled, id)
           ),
           counts AS (
                SELECT session_id,
                       COUNT(*) AS made,
                       COUNT(*) FILTER (WHERE outcome = 'kept') AS kept,
                       COUNT(*) FILTER (WHERE outcome IS NOT NULL) AS reviewed
                  FROM hr_coaching_commitment
                 GROUP BY session_id
           )
           UPDATE hr_coaching_session s
              SET previous_done_date = d.previous,
                  is_latest_done = COALESCE(d.latest, FALSE),
                  commitment_count = COALESCE(c.made, 0),
                  commitment_kept_count = COALESCE(c.kept, 0),
                  commitment_reviewed_count = COALESCE(c.reviewed, 0)
             FROM hr_coaching_session t
             LEFT JOIN done d ON d.id = t.id
             LEFT JOIN counts c ON c.session_id = t.id
            WHERE s.id = t.id"""
    )
