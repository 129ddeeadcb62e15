"""The public website's content: publishing, documents, key messages and their compilation."""
