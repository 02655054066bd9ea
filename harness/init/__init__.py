"""`cutover init`: draft a contract from a read-only crawl of a running app."""
