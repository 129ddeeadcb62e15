"""The run of show: cues of a session, their timing, and the moderator's sheets."""
