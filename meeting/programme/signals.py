"""Signals (blinker, as Flask ships it) for what follows a change to the programme.

The programme package sends them and knows nothing of who listens: reminders, for one,
bring their deliveries in line (meeting.reminders.sync), so editing never imports them.
"""

from blinker import Namespace

_signals = Namespace()

# Sent after a segment's programme changes were committed; sender: the Segment.
programme_saved = _signals.signal("programme-saved")

# Sent when a segment is created in the browser, before it is committed; sender: the new
# Segment, `source`: the segment it duplicates, or None. Reminders give it its policies.
segment_created = _signals.signal("segment-created")

# Sent after a change to a session's list of speakers was committed; sender: the Session.
# The run of show follows it (one cue per statement, meeting.runofshow.cues).
speakers_list_saved = _signals.signal("speakers-list-saved")
