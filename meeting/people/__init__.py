"""People and accounts: the directory, CSV import, organizer accounts, speakers' portal links."""
