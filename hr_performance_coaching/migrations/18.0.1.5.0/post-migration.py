def migrate(cr, version):
    """A talk is booked when its meeting went into the calendars and its employee was invited
    (``hr.coaching.session._coaching_book``), and a booked talk carries ``coaching_booked``. Talks planned before
    the flag came (1.1.0 and earlier booked every talk as it was created) are booked without it: moving one would
    book it again, a second meeting and a second invitation.

    Their booking's trace is their own meeting, which only the booking creates: the talk's ``calendar_event_id``,
    linked back to the talk. Every talk that has one is booked, in any state (a cancelled talk keeps its archived
    meeting for when it is planned again). A talk without one is left as it is: the cadence planned it by itself and
    it is booked when its coach sets the time. (A talk of a company without meetings left only its invitation, a
    message no record tells apart from the others: moved, it tells its employee the new time once more, no meeting
    is made twice.) In SQL: a closed talk is frozen for every write of the ORM, and this
    is no one's edit."""
    cr.execute(
        """UPDATE hr_coaching_session session
              SET coaching_booked = TRUE
             FROM calendar_event meeting
            WHERE meeting.id = session.calendar_event_id
              AND meeting.res_model = 'hr.coaching.session'
              AND meeting.res_id = session.id
              AND session.coaching_booked IS NOT TRUE"""
    )
