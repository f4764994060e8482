def migrate(cr, version):
    """The columns of what the coaching analysis stores on each talk (``hr_coaching_session_analysis.py``) made
    before the ORM sees the fields: it would otherwise compute the commitment counts of every talk one batch at a
    time through the ORM (minutes at 500,000 talks). The post-migration fills them in SQL."""
    cr.execute(
        """ALTER TABLE hr_coaching_session
               ADD COLUMN IF NOT EXISTS previous_done_date timestamp,
               ADD COLUMN IF NOT EXISTS is_latest_done boolean,
               ADD COLUMN IF NOT EXISTS commitment_count integer,
               ADD COLUMN IF NOT EXISTS commitment_kept_count integer,
               ADD COLUMN IF NOT EXISTS commitment_reviewed_count integer"""
    )
