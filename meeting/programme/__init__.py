"""The programme: roles, reading and editing sessions, conflicts, history, change stamps, public rows."""
