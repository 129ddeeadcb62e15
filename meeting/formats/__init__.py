"""The programme in open formats: iCalendar, feeds, xCal, frab, the API's JSON, CSV, OpenAPI."""
